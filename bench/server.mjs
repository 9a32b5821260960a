// npm run bench:server — autocannon against the standalone live action server (loopback only).
// Scenarios: a zod-validated create action in one session, the same spread over 50 sessions, and
// the same in development mode; then Server Components: GET …/render of a 50-element page and an
// action that revalidates (its answer carries that page rendered again). Writes
// bench/reports/server.{json,md}.
// Env: BENCH_DURATION (seconds per scenario, default 10), BENCH_CONNECTIONS (default 10: enough to
// saturate 2 cores; more connections only add queueing to every latency).
import { spawn } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import autocannon from 'autocannon'
import { cpuMsOfTree, versusNext } from './versus-next.mjs'
import { loadConfig } from '../action-server/config.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')
const root = fileURLToPath(new URL('..', import.meta.url))
const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const TARGET = { rps: 2000, p99: 20, renderP50: 5, revalidateRps: 1000 }
// How many sessions take turns in the curve rows: each has its own isolate, and an isolate's code
// and heap are its own, so the more of them share the cores, the colder each call finds its memory.
const CURVE = [5, 10, 25, 50]
// One session admits this many calls at once and refuses more (429 queue-full, by design): a
// one-session scenario runs at most that many connections, or it measures refusals.
const ONE_SESSION = Math.min(CONNECTIONS, loadConfig({}).sessionQueue)

// A Server Component page of 50 elements (a heading, a form and 48 list items from the db) and an
// action that revalidates it.
const PAGE = `import { db } from '@/lib/db'
import { bump } from './actions'
export default async function Page() {
  const items = await db.item.findMany({ orderBy: { id: 'asc' } })
  const counter = await db.counter.findFirst()
  return (
    <main>
      <h1>Items ({counter?.value ?? 0})</h1>
      <form action={bump}><button>Bump</button></form>
      <ul>{items.map((item) => <li key={item.id}>{item.label}</li>)}</ul>
    </main>
  )
}
`
const PAGE_ACTIONS = `'use server'
import { db } from '@/lib/db'
import { revalidatePath } from 'next/cache'
export async function bump() {
  await db.counter.update({ where: { id: 1 }, data: { value: { increment: 1 } } })
  revalidatePath('/')
}
`
const PAGE_SEED = {
  counter: [{ value: 0 }],
  item: Array.from({ length: 47 }, (_, i) => ({ label: `Item ${i + 1}` })),
}

const ACTIONS = `'use server'
import { z } from 'zod'
import db from '@/lib/db'

const Todo = z.object({
  title: z.string().min(1).max(200),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  tags: z.array(z.string()).max(5).default([]),
})

export async function createTodo(input: unknown) {
  const parsed = Todo.safeParse(input)
  if (!parsed.success) return { ok: false, errors: z.flattenError(parsed.error).fieldErrors }
  const todo = await db.todo.create({ data: parsed.data })
  return { ok: true, id: todo.id }
}
`

/** @returns {Promise<{ proc: import('node:child_process').ChildProcess, url: string }>} */
function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['action-server/serve.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    proc.stdout.on('data', (d) => {
      const m = /live action server on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d))
      if (m) resolve({ proc, url: m[1] })
    })
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

/**
 * @typedef {{ session: string, id: string }} Playground
 * @typedef {{ title: string, connections: number, result: import('autocannon').Result }} Run
 */

/** Between deploys made one at a time: longer than the sandbox's spare refill (child.mjs). */
const SPACED_DEPLOY_GAP_MS = 400

/**
 * @param {string} url
 * @param {'development' | 'production'} mode
 */
async function newPlayground(url, mode) {
  const { session } = await (await fetch(`${url}/api/live/sessions`, { method: 'POST' })).json()
  const t = performance.now()
  const r = await fetch(`${url}/api/live/${session}/files`, {
    method: 'PUT',
    body: JSON.stringify({ files: { 'app/actions.ts': ACTIONS }, mode }),
  })
  const deployMs = performance.now() - t
  const body = await r.json()
  if (r.status !== 200) throw new Error(`deploy failed: ${JSON.stringify(body)}`)
  return { session, id: body.actions['app/actions.ts#createTodo'], deployMs }
}

/** @param {string} url */
async function newPagePlayground(url) {
  const { session } = await (await fetch(`${url}/api/live/sessions`, { method: 'POST' })).json()
  const r = await fetch(`${url}/api/live/${session}/files`, {
    method: 'PUT',
    body: JSON.stringify({
      files: { 'app/page.tsx': PAGE, 'app/actions.ts': PAGE_ACTIONS },
      mode: 'production',
      seed: PAGE_SEED,
    }),
  })
  const body = await r.json()
  if (r.status !== 200) throw new Error(`deploy failed: ${JSON.stringify(body)}`)
  return { session, id: body.actions['app/actions.ts#bump'] }
}

/**
 * autocannon stops with its last calls still queued in the session: the next run, on the same
 * session, would find its queue full and count 429s until they are answered.
 */
const drained = () => new Promise((resolve) => setTimeout(resolve, 500))

/**
 * One request shape, `connections` at a time, for `DURATION` seconds.
 * @param {string} url
 * @param {string} title
 * @param {import('autocannon').Request} request
 * @param {number} connections
 * @returns {Promise<Run>}
 */
function runOne(url, title, request, connections) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: DURATION, requests: [request] },
      (err, result) =>
        err ? reject(err) : drained().then(() => resolve({ title, connections, result })),
    )
    instance.on('error', reject)
  })
}

/**
 * @param {string} url
 * @param {Playground[]} playgrounds
 * @param {string} body
 * @param {string} title
 * @returns {Promise<Run>}
 */
function run(url, playgrounds, body, title) {
  let next = 0
  const connections = playgrounds.length === 1 ? ONE_SESSION : CONNECTIONS
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: DURATION,
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: url },
        // Each request goes to the next session, round-robin over the playgrounds.
        requests: [
          {
            setupRequest(req) {
              const pg = playgrounds[next++ % playgrounds.length]
              return {
                ...req,
                method: 'POST',
                path: `/api/live/${pg.session}/action`,
                headers: {
                  'content-type': 'text/plain;charset=UTF-8',
                  origin: url,
                  'next-action': pg.id,
                },
                body,
              }
            },
          },
        ],
      },
      (err, result) =>
        err ? reject(err) : drained().then(() => resolve({ title, connections, result })),
    )
    instance.on('error', reject)
  })
}

/**
 * @param {Run} run
 * @param {number} sessions
 */
function summarize({ title, connections, result }, sessions) {
  return {
    scenario: title,
    sessions,
    connections,
    durationS: DURATION,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** The production rows' columns, in the order the report shows them. */
const ROW_COLUMNS = [
  'scenario',
  'sessions',
  'connections',
  'rps',
  'p50',
  'p90',
  'p99',
  'max',
  'requests',
  'non2xx',
  'errors',
]

/**
 * A Markdown table of `rows`, one column per key; `labels` names the columns (the keys by default).
 * @template {Record<string, unknown>} R
 * @param {R[]} rows
 * @param {(keyof R & string)[]} [cols]
 * @param {string[]} [labels]
 */
function table(rows, cols = /** @type {(keyof R & string)[]} */ (ROW_COLUMNS), labels = cols) {
  const head = `| ${labels.join(' | ')} |\n|${labels.map(() => '---').join('|')}|`
  const lines = rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`)
  return [head, ...lines].join('\n')
}

const loadBefore = os.loadavg()[0]
const { proc, url } = await startServer()
try {
  // Plain values (no File, no Blob): React encodes them as text.
  const body = /** @type {string} */ (
    await encodeReply([{ title: 'Write the docs', priority: 'high', tags: ['docs', 'live'] }])
  )
  // Sanity check: the action answers 200 with text/x-component before we measure anything.
  const probe = await newPlayground(url, 'production')
  const check = await fetch(`${url}/api/live/${probe.session}/action`, {
    method: 'POST',
    headers: { origin: url, 'next-action': probe.id },
    body,
  })
  if (check.status !== 200 || check.headers.get('content-type') !== 'text/x-component') {
    throw new Error(`probe failed: ${check.status} ${await check.text()}`)
  }

  const deploys = []
  const single = [await newPlayground(url, 'production')]
  const many = []
  for (let i = 0; i < 50; i++) many.push(await newPlayground(url, 'production'))
  deploys.push(...many.map((p) => p.deployMs))
  const dev = [await newPlayground(url, 'development')]

  // Warm-up: JIT, code caches, pools.
  await run(url, many, body, 'warm-up')
  // As readers arrive at a running site: one deploy at a time, each finding the process's spare
  // isolate ready and the code cache made again after the warm-up's actions.
  const spaced = []
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, SPACED_DEPLOY_GAP_MS))
    spaced.push((await newPlayground(url, 'production')).deployMs)
  }

  const rows = []
  rows.push(summarize(await run(url, single, body, 'create (zod), 1 session, production'), 1))
  rows.push(summarize(await run(url, many, body, 'create (zod), 50 sessions, production'), 50))
  rows.push(summarize(await run(url, dev, body, 'create (zod), 1 session, development'), 1))

  // The same action, the same connections, spread over more and more sessions: CPU per answer of
  // the server and its sandbox processes (from /proc), not the request rate, is the measure.
  const curve = []
  for (const n of CURVE) {
    const cpuBefore = cpuMsOfTree(/** @type {number} */ (proc.pid))
    const r = summarize(await run(url, many.slice(0, n), body, `${n} sessions`), n)
    const cpuMs = cpuMsOfTree(/** @type {number} */ (proc.pid)) - cpuBefore
    curve.push({ ...r, cpuMsPerRequest: Math.round((cpuMs / r.requests) * 1000) / 1000 })
  }

  // Server Components: a 50-element page rendered to Flight, and an action whose answer carries it.
  const pg = await newPagePlayground(url)
  const probeRender = await fetch(`${url}/api/live/${pg.session}/render?path=/`)
  const probeText = await probeRender.text()
  if (probeRender.status !== 200 || (probeText.match(/"li"/g) || []).length !== 47)
    throw new Error(`render probe failed: ${probeRender.status}`)
  /** @type {import('autocannon').Request} */
  const renderReq = { method: 'GET', path: `/api/live/${pg.session}/render?path=%2F` }
  await runOne(url, 'warm-up', renderReq, ONE_SESSION)
  const renderRow = summarize(
    await runOne(url, 'render 50-element page (GET …/render), production', renderReq, ONE_SESSION),
    1,
  )
  rows.push(renderRow)
  const empty = /** @type {string} */ (await encodeReply([]))
  /** @type {import('autocannon').Request & { path: string, headers: Record<string, string> }} */
  const revalidateReq = {
    method: 'POST',
    path: `/api/live/${pg.session}/action?path=%2F`,
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: url, 'next-action': pg.id },
    body: empty,
  }
  const probeAction = await fetch(url + revalidateReq.path, {
    method: 'POST',
    headers: revalidateReq.headers,
    body: empty,
  })
  if (
    probeAction.headers.get('x-action-revalidated') !== '1' ||
    !(await probeAction.text()).includes('Item 47')
  )
    throw new Error('revalidate probe failed')
  const revalidateRow = summarize(
    await runOne(url, 'revalidating action (page in f), production', revalidateReq, ONE_SESSION),
    1,
  )
  rows.push(revalidateRow)

  /** @param {number[]} times */
  const deployStats = (times) => {
    const sorted = [...times].sort((a, b) => a - b)
    return {
      sessions: sorted.length,
      p50Ms: Number(sorted[Math.floor(sorted.length / 2)].toFixed(1)),
      maxMs: Number(sorted[sorted.length - 1].toFixed(1)),
    }
  }
  const deploy = deployStats(deploys)
  const deploySpaced = deployStats(spaced)
  const stats = await (await fetch(`${url}/api/live/${single[0].session}/logs`)).json()
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    targets: TARGET,
    rows,
    sessionsCurve: curve,
    deployPerSession: deploy,
    deploySpaced,
    serverConsoleEntries: stats.entries.length,
    // Everything else on the box competes for the same 2 cores: a busy box lowers every number.
    loadAverage1m: {
      before: Number(loadBefore.toFixed(2)),
      after: Number(os.loadavg()[0].toFixed(2)),
    },
  }
  const pass = rows
    .filter((r) => r.scenario.startsWith('create') && r.scenario.includes('production'))
    .every((r) => r.rps >= TARGET.rps && r.p99 <= TARGET.p99 && r.non2xx === 0)
  const pagesPass =
    renderRow.p50 <= TARGET.renderP50 &&
    renderRow.non2xx === 0 &&
    revalidateRow.rps >= TARGET.revalidateRps &&
    revalidateRow.non2xx === 0

  // Issue 14: the same kind of action as readers reach it (the site's preview origin) beside real
  // Next 16 under `next start`. BENCH_VERSUS=0 skips it (it builds both apps when needed).
  proc.kill('SIGTERM') // the side-by-side needs the box to itself
  const versus = process.env.BENCH_VERSUS === '0' ? null : await versusNext()
  Object.assign(report, { versusNext: versus })
  const versusTable = versus
    ? table(
        versus.rows,
        ['target', 'round', 'rps', 'p50', 'p99', 'requests', 'non2xx', 'errors', 'cpuMsPerRequest'],
        [
          'target',
          'round',
          'rps',
          'p50',
          'p99',
          'requests',
          'non2xx',
          'errors',
          'CPU ms / request',
        ],
      )
    : ''
  const versusText = versus
    ? `## As readers reach it, beside real Next.js 16\n\n` +
      `The conformance app's zod action (\`conformance/app/actions.js#addTodo\`) posted to the production site ` +
      `on a preview origin (\`npm start\`: scripts/server.mjs) and to the same app under real Next 16.4.6 \`next start\`, ` +
      `autocannon ${versus.connections} connections, ${versus.duration} s per run, alternating. Latency in ms. ` +
      `On the live side ${versus.sessions} readers, one playground session each, one call in flight per session: ` +
      `a reader's calls go one at a time, as Next's client queues a page's actions.\n\n${versusTable}\n\n` +
      `Mean: live ${versus.summary.liveRps} req/s (p99 ${versus.summary.liveP99} ms), Next ${versus.summary.nextRps} req/s ` +
      `(p99 ${versus.summary.nextP99} ms) → **${versus.summary.ratio}×** the requests, p99 at ${versus.summary.p99Ratio}× Next's. ` +
      `Targets ≥ 2.5× and p99 ≤ ⅓ of Next's — **${versus.summary.met ? 'met' : 'not met'}**.\n\n` +
      `CPU per answer (user + system time of the server's processes — for the site, its sandbox processes included — ` +
      `÷ requests; autocannon not counted): live ${versus.summary.liveCpuMsPerRequest} ms, Next ${versus.summary.nextCpuMsPerRequest} ms. ` +
      `Next answers on one thread, the live server across the site's process and its sandbox processes, so on a box ` +
      `shared with other work the request ratio also measures how much of the cores each got; the CPU per answer does not. ` +
      `1-min load average after the side-by-side: ${versus.loadAverage1m}.\n`
    : ''
  if (versus) console.log(`\n${versusTable}\n\n${JSON.stringify(versus.summary)}`)

  const curveTable = table(
    curve,
    ['sessions', 'connections', 'rps', 'p50', 'p99', 'requests', 'non2xx', 'cpuMsPerRequest'],
    ['sessions', 'connections', 'rps', 'p50', 'p99', 'requests', 'non2xx', 'CPU ms / answer'],
  )
  console.log(`\n${table(rows)}\n\n${curveTable}\n`)
  console.log(
    `deploy (new isolate + compile) per session: p50 ${deploy.p50Ms} ms, max ${deploy.maxMs} ms over ${deploy.sessions} sessions back to back; ` +
      `one at a time: p50 ${deploySpaced.p50Ms} ms, max ${deploySpaced.maxMs} ms`,
  )
  console.log(
    `1-min load average before/after: ${report.loadAverage1m.before} / ${report.loadAverage1m.after} (the bench itself adds ~3)`,
  )
  console.log(
    `targets (production rows): ≥ ${TARGET.rps} actions/s, p99 ≤ ${TARGET.p99} ms → ${pass ? 'met' : 'NOT met'}`,
  )
  console.log(
    `page targets: render p50 ≤ ${TARGET.renderP50} ms, revalidating action ≥ ${TARGET.revalidateRps}/s → ${pagesPass ? 'met' : 'NOT met'}`,
  )

  mkdirSync(new URL('./reports/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('./reports/server.json', import.meta.url),
    JSON.stringify({ ...report, pageTargetsMet: pagesPass, targetsMet: pass }, null, 2) + '\n',
  )
  writeFileSync(
    new URL('./reports/server.md', import.meta.url),
    `# Live action server bench\n\n` +
      `${report.date} · Node ${report.node} · ${report.cpus} × ${report.cpuModel}\n\n` +
      `autocannon, ${CONNECTIONS} connections (${ONE_SESSION} on one session: its queue refuses more), ${DURATION} s per scenario, loopback, a zod-validated create action ` +
      `(\`encodeReply\` body, Flight response). Latency in ms.\n\n${table(rows)}\n\n` +
      `## CPU per answer by the number of sessions taking turns\n\n` +
      `The create action again, ${CONNECTIONS} connections, round-robin over the first N of the 50 sessions. ` +
      `CPU per answer is the user + system time of the server and its sandbox processes (from /proc) ÷ requests. ` +
      `Each session has its own isolate, with its own copy of the runtime's bytecode, feedback and heap: the more ` +
      `isolates take turns, the colder each call finds its memory.\n\n${curveTable}\n\n` +
      `Deploy of a fresh session (isolate, runtime load, compile, module load), ${deploy.sessions} back to back (production): p50 ${deploy.p50Ms} ms, max ${deploy.maxMs} ms. ` +
      `One at a time, ${SPACED_DEPLOY_GAP_MS} ms apart, as readers arrive at a running site (production, after the warm-up: the process's spare isolate ready, the code cache made again): p50 ${deploySpaced.p50Ms} ms, max ${deploySpaced.maxMs} ms.\n\n` +
      `1-min load average before / after: ${report.loadAverage1m.before} / ${report.loadAverage1m.after} (server, sandbox and autocannon share the box's ${report.cpus} cores with anything else running).\n\n` +
      `Targets (production rows): ≥ ${TARGET.rps} actions/s and p99 ≤ ${TARGET.p99} ms — **${pass ? 'met' : 'not met'}**.\n\n` +
      `Server Components (issue 4): render of a 50-element page p50 ≤ ${TARGET.renderP50} ms (measured ${renderRow.p50} ms), ` +
      `revalidating action ≥ ${TARGET.revalidateRps}/s (measured ${revalidateRow.rps}/s) — **${pagesPass ? 'met' : 'not met'}**.\n` +
      (versusText ? `\n${versusText}` : '') +
      `\n1-min load average at the end: ${os.loadavg()[0].toFixed(2)}.\n`,
  )
} finally {
  proc.kill('SIGTERM')
}
