// bench:hydration's account of a load's main-thread time, on a hand-made trace: nested repeats of a
// name count once, and other threads and processes not at all.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { blockingMs, tasksOf, workOf } from '../../bench/hydration.mjs'

const PID = 7
const MAIN = 1
/** @param {string} name @param {number} ms start @param {number} dur ms @param {object} [more] */
const x = (name, ms, dur, more = {}) => ({
  name,
  cat: 't',
  ph: 'X',
  ts: ms * 1000,
  dur: dur * 1000,
  pid: PID,
  tid: MAIN,
  ...more,
})

const trace = [
  { name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid: MAIN, args: { name: 'CrRendererMain' } },
  { name: 'firstContentfulPaint', ph: 'R', ts: 50_000, pid: PID, tid: MAIN, cat: 'loading' },
  // A document's commit, then a task that lays out and looks fonts up (one lookup nested in another).
  x('RunTask', 0, 20),
  x('DocumentLoader::CommitNavigation', 1, 5),
  x('RunTask', 30, 40),
  x('Layout', 31, 30),
  x('FontCache::GetFontPlatformData', 32, 10),
  x('FontCache::GetFontPlatformData', 33, 4),
  x('WebSandboxSupportLinux::GetWebFontRenderStyleForStrike', 34, 2),
  x('FontDataManager::onMatchFamilyStyle', 50, 3),
  // Nested RunTask: counted once with its outer task.
  x('RunTask', 100, 10),
  x('RunTask', 101, 5),
  x('DocumentLoader::CommitNavigation', 102, 6),
  // A script task, and another thread's work that is not the page's.
  x('RunTask', 200, 12),
  x('EvaluateScript', 200, 12),
  x('FunctionCall', 201, 4),
  x('Layout', 300, 99, { tid: 2 }),
  x('RunTask', 300, 99, { pid: 8 }),
]

test("workOf sums each kind of work once, on the page's main thread only", () => {
  const work = workOf(trace)
  assert.equal(work.busyMs, 20 + 40 + 10 + 12)
  assert.equal(work.layoutMs, 30)
  assert.equal(work.fontLookupMs, 10 + 3)
  assert.equal(work.scriptMs, 12)
  assert.equal(work.frameCommitMs, 5 + 6)
  assert.equal(work.parseHtmlMs, 0)
})

test('workOf needs a first contentful paint to find the page', () => {
  assert.throws(() => workOf(trace.slice(2)), /no firstContentfulPaint/)
})

test('tasksOf keeps the top-level tasks after first paint, × 4 and named, in any event order', () => {
  const expected = [
    { start: 50, ms: 40, what: 'DocumentLoader::CommitNavigation' },
    { start: 150, ms: 48, what: 'EvaluateScript' },
  ]
  const { fcp, tasks } = tasksOf(trace)
  assert.equal(fcp, 50_000)
  assert.deepEqual(tasks, expected)
  // A trace lists complete events as they end, not as they start: the order must not matter.
  assert.deepEqual(tasksOf([...trace].reverse()).tasks, expected)
  assert.equal(blockingMs(tasks), 0)
  assert.equal(blockingMs([...tasks, { start: 300, ms: 80, what: 'Layout' }]), 30)
})
