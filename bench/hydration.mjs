// `npm run bench:hydration`: the main-thread tasks of a cold page load, as Lighthouse counts them
// for Total Blocking Time, without Lighthouse's noise on top. Each load is traced in Debian's
// Chromium at 1× (mobile viewport, cold context); every top-level task after first contentful paint
// is scaled by 4 (Lighthouse's simulated 4× CPU slowdown) and counted for what it blocks over 50 ms.
// Each task is named by what ran in it (a script's evaluation, React's scheduler, an event…), so a
// change's effect shows on the task it targets. Pages are loaded in turn, BENCH_RUNS times each
// (default 7), and medians are reported: one load varies by 2× on this box (issue 14).
// Env: BENCH_PAGES="/en/forms,/fr" (default: a set that Lighthouse found over 200 ms), BENCH_RUNS.
// BENCH_AGAINST=http://localhost:3401 (another build's site, e.g. a worktree of the base commit
// under `npm start -- -p 3401`) loads each page there too, alternating with this build's, so both
// see the same moments of the box: the table gains its column. A second table says where the whole
// load's main-thread time went at 1× (before and after first paint): layout, style, HTML parsing,
// script, document commits (the page's and its frames'), and the system font lookups inside
// layout (on Linux each is a synchronous call to the browser: issue 14 found them most of layout).
// Writes bench/reports/hydration.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { chromium } from 'playwright-core'
import { ensureBuild, startProductionSite } from '../scripts/production-site.mjs'
import { disableFeatures } from '../tests/support/chromium-flags.mjs'
import { median } from './stats.mjs'

const SLOWDOWN = 4 // Lighthouse mobile's simulated CPU slowdown
const BLOCKING_MS = 50
const PAGES = (
  process.env.BENCH_PAGES || '/en,/fr,/en/forms,/en/validation,/en/optimistic-updates,/de/cookies'
)
  .split(',')
  .map((p) => p.trim())
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 7)
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'loading',
  'blink.user_timing',
  'v8.execute',
  'fonts',
]

/**
 * @typedef {{ name: string, cat: string, ph: string, ts: number, dur?: number, pid: number,
 *   tid: number, args?: any }} TraceEvent
 * @typedef {{ start: number, ms: number, what: string }} Task  ms already × SLOWDOWN
 */

/**
 * The renderer main thread's top-level tasks after first contentful paint, each named by the
 * longest thing that ran inside it.
 * @param {TraceEvent[]} events
 * @returns {{ fcp: number, tasks: Task[] }}
 */
export function tasksOf(events) {
  const { fcp, mine } = mainThreadOf(events)
  const top = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
  // Nested RunTasks (a task inside a task) count once, as the outer one.
  /** @type {TraceEvent[]} */
  const outer = []
  for (const t of top) {
    const last = outer.at(-1)
    if (last && t.ts < last.ts + (last.dur ?? 0)) continue
    outer.push(t)
  }
  const topSet = new Set(top)
  const inner = mine.filter((e) => !topSet.has(e))
  const tasks = []
  for (const t of outer) {
    if (t.ts < fcp) continue
    const end = t.ts + (t.dur ?? 0)
    let best = /** @type {TraceEvent | null} */ (null)
    for (const e of inner)
      if (e.ts >= t.ts && e.ts < end && (!best || (e.dur ?? 0) > (best.dur ?? 0))) best = e
    tasks.push({
      start: (t.ts - fcp) / 1000,
      ms: ((t.dur ?? 0) / 1000) * SLOWDOWN,
      what: best ? describe(best) : 'task',
    })
  }
  return { fcp, tasks }
}

/**
 * Where a load's main-thread time went, each in ms at 1×; a name's nested repeats count once.
 * frameCommitMs counts every document's commit: the page's own and each frame's.
 */
const WORK = {
  layoutMs: (/** @type {string} */ n) => n === 'Layout',
  styleMs: (/** @type {string} */ n) => n === 'UpdateLayoutTree',
  parseHtmlMs: (/** @type {string} */ n) => n === 'ParseHTML',
  scriptMs: (/** @type {string} */ n) =>
    n === 'EvaluateScript' || n === 'FunctionCall' || n === 'v8.compile' || n === 'TimerFire',
  frameCommitMs: (/** @type {string} */ n) => n === 'DocumentLoader::CommitNavigation',
  fontLookupMs: (/** @type {string} */ n) =>
    n === 'FontCache::GetFontPlatformData' ||
    n === 'FontDataManager::onMatchFamilyStyle' ||
    n === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
}

const WORK_COLUMNS = ['busyMs', ...Object.keys(WORK), 'framesLoaded']

/**
 * The main thread's busy time over the whole load (top-level tasks) and its parts (WORK). Parts
 * can overlap (a layout forced by a script counts in both), so they need not add up to busyMs.
 * @param {TraceEvent[]} events
 */
export function workOf(events) {
  const { mine } = mainThreadOf(events)
  /** @param {(name: string) => boolean} pick */
  const outermost = (pick) => {
    let total = 0
    let end = -Infinity
    for (const e of mine) {
      if (!pick(e.name) || e.ts < end) continue
      end = e.ts + (e.dur ?? 0)
      total += (e.dur ?? 0) / 1000
    }
    return total
  }
  /** @type {Record<string, number>} */
  const work = {
    busyMs: outermost((n) => n === 'RunTask' || n === 'ThreadControllerImpl::RunTask'),
  }
  for (const [key, pick] of Object.entries(WORK)) work[key] = outermost(pick)
  return work
}

/**
 * The page's renderer main thread: its complete events in time order, and first contentful paint.
 * @param {TraceEvent[]} events
 */
function mainThreadOf(events) {
  const fcpEvent = events.find((e) => e.name === 'firstContentfulPaint')
  if (!fcpEvent) throw new Error('no firstContentfulPaint in the trace')
  const main = events.find(
    (e) => e.pid === fcpEvent.pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )
  const pid = fcpEvent.pid
  const tid = main ? main.tid : fcpEvent.tid
  const mine = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts)
  return { fcp: fcpEvent.ts, mine }
}

/** @param {TraceEvent} e */
function describe(e) {
  const url = e.args?.data?.url || e.args?.data?.scriptName
  if (url) {
    const file = String(url).split('/').pop()?.split('?')[0] || url
    return `${e.name} ${file.replace(/-[0-9a-f]{16}\.js$/, '.js')}`
  }
  if (e.args?.data?.type) return `${e.name} ${e.args.data.type}`
  return e.name
}

/** @param {Task[]} tasks */
export function blockingMs(tasks) {
  return tasks.reduce((sum, t) => sum + Math.max(0, t.ms - BLOCKING_MS), 0)
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
async function load(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  })
  try {
    const page = await context.newPage()
    await browser.startTracing(page, { categories: CATEGORIES })
    await page.goto(url, { waitUntil: 'load' })
    // Hydration and what it sets off run after load; wait until the main thread is quiet.
    await page.waitForLoadState('networkidle')
    await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })),
    )
    await page.waitForTimeout(1000)
    const buffer = await browser.stopTracing()
    /** @type {{ traceEvents: TraceEvent[] }} */
    const trace = JSON.parse(buffer.toString('utf8'))
    const work = workOf(trace.traceEvents)
    // Frames that loaded a document while the page loaded (a lazy one far below stays blank).
    work.framesLoaded = page
      .frames()
      .filter((f) => f !== page.mainFrame() && f.url() !== 'about:blank').length
    return { tasks: tasksOf(trace.traceEvents).tasks, work }
  } finally {
    await context.close()
  }
}

async function main() {
  ensureBuild({ reuseBuild: true })
  const loadBefore = loadavg()[0]
  const site = await startProductionSite()
  const against = process.env.BENCH_AGAINST?.replace(/\/$/, '')
  /** @type {[string, string][]} build name → base URL; alternated, so neither always goes first */
  const builds = [['this build', site.baseUrl]]
  if (against) builds.push(['BENCH_AGAINST', against])
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', disableFeatures()],
  })
  /** @type {Map<string, { tasks: Task[], work: Record<string, number> }[]>} `${build}|${path}` → its loads */
  const loads = new Map()
  try {
    // Warm the servers' caches once; the browser's stay cold (a new context per load).
    for (const path of PAGES) for (const [, base] of builds) await load(browser, `${base}${path}`)
    for (let run = 0; run < RUNS; run++)
      for (const path of PAGES)
        for (const [name, base] of run % 2 ? [...builds].reverse() : builds) {
          const key = `${name}|${path}`
          loads.set(key, [...(loads.get(key) ?? []), await load(browser, `${base}${path}`)])
          process.stdout.write('.')
        }
  } finally {
    await browser.close()
    site.stop()
  }
  process.stdout.write('\n')
  /** @param {{ tasks: Task[], work: Record<string, number> }[]} loaded */
  const summary = (loaded) => {
    const runs = loaded.map((l) => l.tasks)
    const blocking = runs.map(blockingMs)
    // The tasks of the median load, longest first: what to look at.
    const medianRun = runs[blocking.indexOf(median(blocking))] ?? runs[0]
    const longest = [...medianRun].sort((a, b) => b.ms - a.ms).slice(0, 3)
    return {
      blockingMs: Math.round(median(blocking)),
      blockingRange: [Math.round(Math.min(...blocking)), Math.round(Math.max(...blocking))],
      blockingRuns: blocking.map(Math.round),
      longTasks: median(runs.map((r) => r.filter((t) => t.ms > BLOCKING_MS).length)),
      longest: longest.map((t) => ({ ms: Math.round(t.ms), what: t.what })),
      // Each part's median over the loads, at 1×.
      work: Object.fromEntries(
        Object.keys(loaded[0]?.work ?? {}).map((k) => [
          k,
          Math.round(median(loaded.map((l) => l.work[k] ?? 0))),
        ]),
      ),
    }
  }
  const rows = PAGES.map((path) => ({
    path,
    ...summary(loads.get(`this build|${path}`) ?? []),
    ...(against ? { against: summary(loads.get(`BENCH_AGAINST|${path}`) ?? []) } : {}),
  }))
  const report = {
    date: new Date().toISOString(),
    cpu: `${cpus()[0]?.model ?? '?'} × ${availableParallelism()}`,
    loadavg: { before: loadBefore, after: loadavg()[0] },
    runs: RUNS,
    slowdown: SLOWDOWN,
    ...(against ? { against } : {}),
    rows,
  }
  mkdirSync(new URL('./reports/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('./reports/hydration.json', import.meta.url),
    `${JSON.stringify(report, null, 2)}\n`,
  )
  const md =
    `# Main-thread blocking of a cold load (Lighthouse's TBT formula, from a trace)\n\n` +
    `${report.date} · ${report.cpu} · load ${loadBefore.toFixed(2)} before, ${report.loadavg.after.toFixed(2)} after · ` +
    `median of ${RUNS} loads per page, tasks after first contentful paint × ${SLOWDOWN}, blocking = Σ (task − ${BLOCKING_MS} ms)` +
    (against ? `; each load alternating with the same page of ${against} (BENCH_AGAINST)` : '') +
    `\n\n` +
    (against
      ? `| page | blocking ms (median) | range | BENCH_AGAINST: median | range | lower here in |\n|---|---|---|---|---|---|\n` +
        rows
          .map((r) => {
            const other = /** @type {NonNullable<typeof r.against>} */ (r.against)
            const lower = r.blockingRuns.filter((ms, i) => ms < other.blockingRuns[i]).length
            return `| ${r.path} | ${r.blockingMs} | ${r.blockingRange.join('–')} | ${other.blockingMs} | ${other.blockingRange.join('–')} | ${lower} of ${RUNS} runs |`
          })
          .join('\n')
      : `| page | blocking ms (median) | range | long tasks | longest three tasks of the median load (ms × ${SLOWDOWN}) |\n|---|---|---|---|---|\n` +
        rows
          .map(
            (r) =>
              `| ${r.path} | ${r.blockingMs} | ${r.blockingRange.join('–')} | ${r.longTasks} | ${r.longest.map((t) => `${t.ms} ${t.what}`).join('; ')} |`,
          )
          .join('\n')) +
    `\n\n## Where the load's main-thread time went (ms at 1×, median of ${RUNS} loads${against ? ', this build' : ''})\n\n` +
    `Parts can overlap (a layout a script forces counts in both); font lookups are inside layout and style.\n\n` +
    `| page | ${WORK_COLUMNS.join(' | ')} |\n|---|${WORK_COLUMNS.map(() => '---').join('|')}|\n` +
    rows
      .map((r) => `| ${r.path} | ${WORK_COLUMNS.map((k) => r.work[k]).join(' | ')} |`)
      .join('\n') +
    '\n'
  writeFileSync(new URL('./reports/hydration.md', import.meta.url), md)
  process.stdout.write(md)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
