// npm run soak — for SOAK_SECONDS (default 60), 100 hostile sessions run a hostile corpus (CPU
// loops, heap and array bombs, WebAssembly, array buffers, console floods, slow calls piled up in
// one session, never-settling promises, huge error messages, session floods) while 20 honest
// sessions add and read rows and render their page. Reports honest failures (must be 0), honest
// latency, the peak RSS of every process of the server and sandbox restarts, with the box's load.
// Target: SOAK_SITE=1 runs it through the real site (`next start` production build, preview origin
// `preview.localhost` as the Host header); otherwise the standalone server (`action-server/serve.mjs`).
// Writes bench/reports/soak.{md,json}.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import { freePort, startProductionSite } from '../scripts/production-site.mjs'
import { hostFetch } from '../scripts/host-fetch.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')
const root = fileURLToPath(new URL('..', import.meta.url))
const SECONDS = Number(process.env.SOAK_SECONDS || 60)
const HOSTILE_SESSIONS = Number(process.env.SOAK_HOSTILE || 100)
const HONEST_SESSIONS = Number(process.env.SOAK_HONEST || 20)
const SITE = process.env.SOAK_SITE === '1'

const HONEST_ACTIONS = `'use server'
import { db } from '@/lib/db'
import { revalidatePath } from 'next/cache'
export async function add(text: string) {
  await db.note.create({ data: { text } })
  revalidatePath('/')
  return db.note.count()
}
export async function count() { return db.note.count() }
`
const HONEST_PAGE = `import { db } from '@/lib/db'
import { add } from './actions'
export default async function Page() {
  const notes = await db.note.findMany({ orderBy: { id: 'desc' }, take: 10 })
  return <main><form action={add}><button>Add</button></form><ul>{notes.map((n: any) => <li key={n.id}>{n.text}</li>)}</ul></main>
}
`

const HOSTILE_ACTIONS = `'use server'
export async function spin() { for (;;) {} }
export async function heap() { const a: any[] = []; for (;;) a.push(new Array(1e5).fill(a.length)) }
export async function bigArray() { return new Array(2 ** 27 + 10).fill(0).length }
export async function buffers() { const a: any[] = []; for (;;) a.push(new ArrayBuffer(16 << 20)) }
export async function wasm() { const g: any = globalThis; const m = new g.WebAssembly.Memory({ initial: 1, maximum: 65536 }); m.grow(16000); return 1 }
export async function flood() { const l = 'x'.repeat(4096); for (let i = 0; i < 12000; i++) console.log(i, l); return 1 }
export async function slow() { await new Promise((r) => setTimeout(r, 3000)); return 1 }
export async function never() { await new Promise(() => {}) }
export async function longError() { throw new Error(' '.repeat(220000) + 'x') }
`
const LONG_ERROR_MODULE = `'use server'\nthrow new Error(' '.repeat(220000) + 'x')\nexport async function a() {}`

// ---------------------------------------------------------------- target

/** @type {string} */
let base
/** @type {string | undefined} */
let hostHeader
/** @type {number} */
let rootPid
/** @type {() => unknown} */
let stopTarget
let target
if (SITE) {
  const site = await startProductionSite({ port: Number(process.env.TEST_PORT) || undefined })
  const port = new URL(site.baseUrl).port
  base = site.baseUrl
  hostHeader = `preview.localhost:${port}`
  rootPid = /** @type {number} */ (site.pid)
  stopTarget = () => site.stop()
  target = `real site (next start, production build), Host: ${hostHeader}`
} else {
  const port = Number(process.env.TEST_PORT) || (await freePort())
  const child = spawn(process.execPath, ['action-server/serve.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  base = `http://127.0.0.1:${port}`
  rootPid = /** @type {number} */ (child.pid)
  stopTarget = () =>
    new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGTERM')
    })
  target = 'standalone server (node action-server/serve.mjs)'
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/api/live/sessions`, { method: 'OPTIONS' })
      break
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
const origin = hostHeader ? `http://${hostHeader}` : base

/**
 * @param {string} path
 * @param {import('../scripts/host-fetch.mjs').HostRequestOptions} [init]
 */
function req(path, init = {}) {
  return hostFetch(base + path, { ...init, host: hostHeader })
}

async function newSession() {
  const r = await req('/api/live/sessions', { method: 'POST' })
  if (r.status !== 201) throw new Error(`session: ${r.status}`)
  return (await r.json()).session
}

/** @typedef {{ status: number, reason?: string | string[] | null, text?: string }} Answer */

/**
 * @param {string} session
 * @param {Record<string, string>} files
 */
async function deploy(session, files) {
  const r = await req(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files, mode: 'production' }),
  })
  return { status: r.status, body: await r.json() }
}

/**
 * @param {string} session
 * @param {string} id
 * @param {unknown[]} [args]
 */
async function call(session, id, args = []) {
  const r = await req(`/api/live/${session}/action`, {
    method: 'POST',
    headers: { 'next-action': id, origin },
    body: /** @type {string} */ (await encodeReply(args)), // plain values: text
  })
  const text = await r.text()
  return { status: r.status, reason: r.headers.get('x-live-reason'), text }
}

// ---------------------------------------------------------------- process sampling

/** RSS of every process under the server's pid (the server, Next's worker, sandbox processes). */
function tree() {
  /** @type {Map<number, number[]>} */
  const children = new Map()
  /** @type {Map<number, string>} */
  const names = new Map()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const ppid = Number(stat.slice(close + 2).split(' ')[1])
      names.set(Number(d), stat.slice(stat.indexOf('(') + 1, close))
      const siblings = children.get(ppid) ?? []
      siblings.push(Number(d))
      children.set(ppid, siblings)
    } catch {}
  }
  /** @type {{ pid: number, depth: number, rss: number, cmd: string }[]} */
  const out = []
  /**
   * @param {number} pid
   * @param {number} depth
   */
  const walk = (pid, depth) => {
    let rss = 0
    try {
      rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096
    } catch {}
    let cmd = names.get(pid) || '?'
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
    } catch {}
    out.push({ pid, depth, rss, cmd })
    for (const c of children.get(pid) || []) walk(c, depth + 1)
  }
  walk(rootPid, 0)
  return out
}

/** @type {Map<number, { peak: number, last?: number, cmd: string, role: string }>} */
const peaks = new Map() // pid → { peak, cmd, role }
/** @type {Set<number>} */
const sandboxPids = new Set()
/** @param {string} cmd */
function roleOf(cmd) {
  if (cmd.includes('sandbox/child.mjs')) return 'sandbox process'
  if (cmd.includes('serve.mjs')) return 'live server (standalone)'
  if (/next/.test(cmd)) return 'Next server'
  return cmd.slice(0, 60)
}
function sample() {
  const present = new Set()
  for (const p of tree()) {
    present.add(p.pid)
    const e = peaks.get(p.pid) || { peak: 0, cmd: p.cmd, role: roleOf(p.cmd) }
    if (!e.cmd.trim()) Object.assign(e, { cmd: p.cmd, role: roleOf(p.cmd) }) // sampled mid-fork
    e.peak = Math.max(e.peak, p.rss)
    e.last = p.rss
    peaks.set(p.pid, e)
    if (e.role === 'sandbox process') sandboxPids.add(p.pid)
  }
  return present
}

// ---------------------------------------------------------------- load

const stopAt = () => Date.now() >= deadline
let deadline = 0
/** @type {{ calls: number, failures: string[], latencies: number[] }} */
const honest = { calls: 0, failures: [], latencies: [] }
/** @type {Record<string, number>} */
const hostileCounts = {}

/** @param {number} i */
async function honestLoop(i) {
  const session = await newSession()
  const d = await deploy(session, { 'app/actions.ts': HONEST_ACTIONS, 'app/page.tsx': HONEST_PAGE })
  if (d.status !== 200) throw new Error(`honest deploy: ${JSON.stringify(d.body)}`)
  /** @type {Record<string, string>} */
  const ids = {}
  for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
  let expected = 0
  /**
   * @param {string} what
   * @param {Answer} r
   */
  const fail = (what, r) =>
    honest.failures.push(`${i} ${what}: ${r.status} ${r.reason || ''} ${r.text?.slice(0, 160)}`)
  while (!stopAt()) {
    let t = performance.now()
    const r = await call(session, ids.add, [`note ${expected + 1}`])
    honest.latencies.push(performance.now() - t)
    honest.calls++
    if (r.status !== 200) fail('add', r)
    else expected++
    t = performance.now()
    const g = await req(`/api/live/${session}/render?path=/`)
    const text = await g.text()
    honest.latencies.push(performance.now() - t)
    honest.calls++
    if (g.status !== 200 || !text.includes(`note ${expected}`))
      fail('render', { status: g.status, reason: g.headers.get('x-live-reason'), text })
    t = performance.now()
    const c = await call(session, ids.count)
    honest.latencies.push(performance.now() - t)
    honest.calls++
    if (c.status !== 200 || !new RegExp(`\\b${expected}\\b`).test(c.text)) fail('count', c)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const KINDS = [
  'spin',
  'heap',
  'bigArray',
  'buffers',
  'wasm',
  'flood',
  'slow',
  'never',
  'longError',
  'pileUp',
  'longErrorDeploy',
  'sessionFlood',
]

/** @param {number} i */
async function hostileLoop(i) {
  const session = await newSession()
  /** @type {Record<string, string>} */
  let ids = {}
  const redeploy = async () => {
    const d = await deploy(session, { 'app/actions.ts': HOSTILE_ACTIONS })
    ids = {}
    for (const [k, id] of Object.entries(d.body.actions || {})) ids[k.split('#')[1]] = id
  }
  await redeploy()
  let n = i
  while (!stopAt()) {
    const kind = KINDS[n++ % KINDS.length]
    let r
    if (kind === 'pileUp') {
      // 12 slow calls at once in one session: the queue is capped, each has its own wall time.
      const all = await Promise.all(Array.from({ length: 12 }, () => call(session, ids.slow)))
      r = all[all.length - 1]
    } else if (kind === 'longErrorDeploy') {
      const d = await deploy(session, { 'app/actions.ts': LONG_ERROR_MODULE })
      r = { status: d.status }
    } else if (kind === 'sessionFlood') {
      // Bounded so the flood stays under the session cap: the eviction policy is another issue's.
      await Promise.all(
        Array.from({ length: 3 }, () => req('/api/live/sessions', { method: 'POST' })),
      )
      r = { status: 201 }
    } else {
      r = await call(session, ids[kind])
    }
    hostileCounts[`${kind}:${r.status}${r.reason ? ` ${r.reason}` : ''}`] =
      (hostileCounts[`${kind}:${r.status}${r.reason ? ` ${r.reason}` : ''}`] || 0) + 1
    if (r.reason === 'memory-limit' || kind === 'longErrorDeploy') await redeploy()
    await new Promise((res) => setTimeout(res, 200 + Math.random() * 800))
  }
}

const loadBefore = os.loadavg()
sample()
const sampler = setInterval(sample, 250)
deadline = Date.now() + SECONDS * 1000 + 5000 // + setup
const started = Date.now()
const honestRuns = Array.from({ length: HONEST_SESSIONS }, (_, i) =>
  honestLoop(i).catch((e) => honest.failures.push(`${i} setup: ${e.message}`)),
)
await new Promise((r) => setTimeout(r, 2000)) // honest sessions are deployed first
/** @type {string[]} */
const hostileErrors = []
const hostileRuns = Array.from({ length: HOSTILE_SESSIONS }, (_, i) =>
  hostileLoop(i).catch((e) => hostileErrors.push(e.message)),
)
await Promise.all([...honestRuns, ...hostileRuns])
const elapsed = (Date.now() - started) / 1000
clearInterval(sampler)
const atEnd = sample()
const loadAfter = os.loadavg()
await stopTarget()

// ---------------------------------------------------------------- report

const sorted = honest.latencies.sort((a, b) => a - b)
const pct = (/** @type {number} */ p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0
const MB = 2 ** 20
const processes = [...peaks].map(([pid, e]) => ({
  pid,
  role: e.role,
  peakMb: Math.round(e.peak / MB),
  lastMb: atEnd.has(pid) ? Math.round((e.last || 0) / MB) : 0,
}))
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}`,
  target,
  seconds: Math.round(elapsed),
  loadSeconds: SECONDS,
  sandboxProcesses: process.env.LIVE_SANDBOX_PROCESSES || 'one per core',
  honestSessions: HONEST_SESSIONS,
  hostileSessions: HOSTILE_SESSIONS,
  honestCalls: honest.calls,
  honestFailures: honest.failures.length,
  honestFailureSamples: honest.failures.slice(0, 10),
  honestMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: sorted.at(-1) || 0 },
  sandboxProcessesSeen: sandboxPids.size,
  sandboxRestarts:
    sandboxPids.size - processes.filter((p) => p.role === 'sandbox process' && p.lastMb > 0).length,
  processes,
  hostile: hostileCounts,
  hostileErrors: hostileErrors.slice(0, 5),
  load: { before: loadBefore, after: loadAfter },
}
const r1 = (/** @type {number} */ n) => Math.round(n * 10) / 10
const md = `# Soak: hostile readers beside honest ones

${result.date} · Node ${result.node} · ${result.cpus} · ${result.target}

${SECONDS} s of load (the run took ${result.seconds} s with setup and the last calls draining), \`LIVE_SANDBOX_PROCESSES\` ${process.env.LIVE_SANDBOX_PROCESSES || 'default (one per core)'}: ${HOSTILE_SESSIONS} hostile sessions (CPU loops, heap/array/ArrayBuffer bombs, WebAssembly, 12k × 4 KB console floods, 12 slow calls piled in one session, never-settling promises, 220k-character errors at load and at call, session floods) beside ${HONEST_SESSIONS} honest sessions (add a row → render the page and check the row → count), default limits.

| measure | value |
|---|---|
| honest calls | ${result.honestCalls} |
| **honest failures** | **${result.honestFailures}** |
| honest p50 / p90 / p99 / max (ms) | ${r1(pct(0.5))} / ${r1(pct(0.9))} / ${r1(pct(0.99))} / ${r1(result.honestMs.max)} |
| sandbox processes seen (pool + replacements) | ${result.sandboxProcessesSeen} |
| sandbox process restarts | ${result.sandboxRestarts} |
| 1-min load average before / after | ${r1(loadBefore[0])} / ${r1(loadAfter[0])} |

Peak RSS of every process:

| pid | process | peak RSS (MB) | at the end (MB; 0 = replaced) |
|---|---|---|---|
${processes.map((p) => `| ${p.pid} | ${p.role} | ${p.peakMb} | ${p.lastMb} |`).join('\n')}

Hostile calls by kind and answer:

| kind | count |
|---|---|
${Object.entries(hostileCounts)
  .sort()
  .map(([k, v]) => `| ${k} | ${v} |`)
  .join('\n')}
${
  result.honestFailures
    ? `\nFirst honest failures:\n\n${honest.failures
        .slice(0, 10)
        .map((f) => `- \`${f}\``)
        .join('\n')}\n`
    : ''
}`
mkdirSync(`${root}bench/reports`, { recursive: true })
writeFileSync(`${root}bench/reports/soak.json`, `${JSON.stringify(result, null, 2)}\n`)
writeFileSync(`${root}bench/reports/soak.md`, md)
console.log(md)
process.exit(result.honestFailures ? 1 : 0)
