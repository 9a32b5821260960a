// A busy box is not the reader's fault. ivm's timeouts are wall time, so on an oversubscribed box
// (CI: the site, Chromium and the tests on 2 cores) an honest first render could be stopped and
// reported as "exceeded the CPU time limit" (500 cpu-limit): the preview showed that error instead
// of the page, about one boot in a few hundred. A call stopped while its process got less than a
// quarter of the budget is now `server-busy`: 503 + Retry-After, which the preview asks again.
// Here the box is made "busy" for sure: the sandbox process is stopped (SIGSTOP) while it renders.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startLive } from './helpers.mjs'
import {
  classifyIsolateError,
  LimitError,
} from '../../../action-server/sandbox/isolate-session.mjs'

const CPU_MS = 400
const live = await startLive({ cpuMs: CPU_MS, wallMs: 10_000, sandboxProcesses: 1 })
after(() => live.close())

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** CPU time (ms) a process used so far, from /proc (utime + stime, in clock ticks of 10 ms). */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

test('the classification: a timeout is the box’s when the process got under a quarter of the budget', () => {
  const limits = { cpuMs: 500, memoryMb: 64 }
  const isolate = { isDisposed: false }
  const timeout = new Error('Script execution timed out.')
  const busy = classifyIsolateError(timeout, isolate, limits, 100)
  assert.ok(busy instanceof LimitError)
  assert.equal(busy.reason, 'server-busy')
  assert.match(busy.message, /too busy/)
  // A loop that got a fair share of a core: the code's limit, as before.
  assert.equal(classifyIsolateError(timeout, isolate, limits, 130).reason, 'cpu-limit')
  assert.equal(classifyIsolateError(timeout, isolate, limits, 510).reason, 'cpu-limit')
  // Unknown (no call in flight): as before.
  assert.equal(classifyIsolateError(timeout, isolate, limits).reason, 'cpu-limit')
})

test('a render stopped because the box was busy → 503 server-busy + Retry-After; then it renders', async () => {
  const session = await live.session()
  const deployed = await live.deploy(session, {
    'app/page.tsx': `export default function Page() { return <h2>fine</h2> }`,
    'app/spin/page.tsx': `export default function Spin() { for (;;) {} }`,
  })
  assert.equal(deployed.status, 200, JSON.stringify(deployed.body))
  const [pid] = live.live.host
    .processes()
    .map((p) => p.pid)
    .filter(Boolean)
  assert.ok(pid, 'the sandbox process')
  const before = cpuMsOf(pid)
  const answer = live.fetch(`/api/live/${session}/render?path=%2Fspin`)
  // Once the render spins (the process is using CPU), the whole process is stopped for longer than
  // the call's budget: ivm's wall-clock timeout then stops the call with little CPU used.
  const deadline = Date.now() + 5_000
  while (cpuMsOf(pid) - before < 20 && Date.now() < deadline) await sleep(2)
  process.kill(pid, 'SIGSTOP')
  await sleep(4 * CPU_MS + 500)
  process.kill(pid, 'SIGCONT')
  const r = await answer
  const body = await r.json()
  assert.equal(r.status, 503, JSON.stringify(body))
  assert.equal(r.headers.get('x-live-reason'), 'server-busy')
  assert.equal(r.headers.get('retry-after'), '1')
  assert.match(body.error, /too busy/)
  assert.doesNotMatch(body.error, /exceeded the CPU time limit/)
  // The session goes on: the same build renders.
  const fine = await live.fetch(`/api/live/${session}/render?path=%2F`)
  assert.equal(fine.status, 200)
  assert.match(await fine.text(), /fine/)
})
