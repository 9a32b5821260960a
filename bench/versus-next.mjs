// The live server as readers reach it, side by side with real Next.js 16 (issue 14): the same
// zod-validated action (conformance/app/actions.js#addTodo) posted to the production site on a
// preview origin (what every playground preview does) and to the conformance app under
// `next start`, alternating in one run so both see the same box.
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { hostRequest } from '../scripts/host-fetch.mjs'
import { ensureBuild, freePort, startProductionSite } from '../scripts/production-site.mjs'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  CONFORMANCE_DIR,
  nextActionIds,
  prepareNext16,
  startNext16,
} from '../tests/support/next16.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')

const FILES = ['app/layout.jsx', 'app/page.jsx', 'app/target/page.jsx', 'app/actions.js']
const ACTION = 'app/actions.js#addTodo'

/**
 * @typedef {{ url: string, headers: Record<string, string>, pid?: number,
 *   requests?: () => import('autocannon').Request[] }} Target
 * @typedef {{ target: string, round: number, rps: number, p50: number, p99: number,
 *   requests: number, non2xx: number, errors: number, cpuMsPerRequest: number }} Row
 */

/**
 * CPU time (user + system, ms) used so far by `pid` and every process under it (the site's sandbox
 * processes), from /proc. On a box shared with other work the request rate measures the share of
 * the cores a server got; CPU per request measures what an answer costs. A process's own stat
 * counts the threads that already ended too (isolated-vm's come and go); a sum over the live
 * threads' stats would miss them.
 * @param {number} pid
 * @returns {number}
 */
export function cpuMsOfTree(pid) {
  let ms = 0
  /** @param {number} p */
  const walk = (p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ms += (Number(fields[11]) + Number(fields[12])) * 10 // clock ticks of 10 ms (USER_HZ)
    } catch {
      return // gone
    }
    /** @type {string[]} */
    let tasks = []
    try {
      tasks = readdirSync(`/proc/${p}/task`)
    } catch {}
    for (const t of tasks) {
      try {
        const children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim()
        for (const c of children ? children.split(' ') : []) walk(Number(c))
      } catch {}
    }
  }
  walk(pid)
  return ms
}

/**
 * Opens `count` sessions on a preview origin of the site, each with the conformance app deployed:
 * `count` readers, one playground each. A reader's calls reach its session one at a time, as
 * Next's client runs a page's actions (its action queue, next/dist/client/components/
 * app-router-instance.js), and a session runs its calls one at a time by design. So each request
 * goes to a session with no call in flight, the one idle longest. Sending each request to the next
 * session in turn instead put a second call on a busy session for ~10 % of requests; that call
 * waited a whole turn of the other one, a load no reader makes. It made p99 ~10–20 ms longer.
 */
/**
 * @param {string} baseUrl
 * @param {number} count
 * @returns {Promise<Target>}
 */
async function livePlaygrounds(baseUrl, count) {
  const port = new URL(baseUrl).port
  const host = `bench.preview.localhost:${port}`
  const origin = `http://${host}`
  /** @param {string} path @param {import('../scripts/host-fetch.mjs').HostRequestOptions} [init] */
  const call = async (path, init = {}) => {
    const r = await hostRequest(`${baseUrl}${path}`, { host, ...init })
    const body = JSON.parse(r.body.toString() || '{}')
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`)
    return body
  }
  const files = Object.fromEntries(
    FILES.map((f) => [f, readFileSync(join(CONFORMANCE_DIR, f), 'utf8')]),
  )
  /** @typedef {{ path: string, id: string }} Playground */
  /** @type {Playground[]} */
  const sessions = []
  for (let i = 0; i < count; i++) {
    const { session } = await call('/api/live/sessions', { method: 'POST', headers: { origin } })
    const deployed = await call(`/api/live/${session}/files`, {
      method: 'PUT',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ files, mode: 'production' }),
    })
    const id = deployed.actions?.[ACTION]
    if (!id) throw new Error(`the live server did not register ${ACTION}`)
    sessions.push({ path: `/api/live/${session}/action`, id })
  }
  return {
    url: `${baseUrl}${sessions[0].path}`,
    headers: { host, origin, 'x-live-path': '/' },
    // Per run: calls a stopped run left in flight never hand their session back.
    requests() {
      const idle = [...sessions]
      let spare = 0
      return [
        {
          setupRequest(req, context) {
            // None idle only if calls were lost (an error answers no onResponse): share one then.
            const s = idle.shift() ?? sessions[spare++ % sessions.length]
            const held = /** @type {{ session?: Playground }} */ (context)
            held.session = s
            return { ...req, path: s.path, headers: { ...req.headers, 'next-action': s.id } }
          },
          onResponse(_status, _body, context) {
            const held = /** @type {{ session?: Playground }} */ (context)
            if (held.session) idle.push(held.session)
          },
        },
      ]
    },
  }
}

/**
 * @param {Target} target
 * @param {string} body
 * @param {{ connections: number, duration: number }} load
 * @returns {Promise<import('autocannon').Result>}
 */
function hammer({ url, headers, requests }, body, { connections, duration }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        method: 'POST',
        body,
        headers: {
          ...headers,
          accept: 'text/x-component',
          'content-type': 'text/plain;charset=UTF-8',
        },
        ...(requests ? { requests: requests() } : {}),
      },
      // Past the end autocannon leaves calls queued: the next run waits until they are answered.
      (err, result) => (err ? reject(err) : setTimeout(() => resolve(result), 500)),
    )
    instance.on('error', reject)
  })
}

/**
 * Runs `rounds` alternating pairs (live, then Next) of `duration` seconds at `connections`.
 * → { rows: [{ target, round, rps, p50, p99, non2xx, errors }], summary }
 */
export async function versusNext({ connections = 50, duration = 10, rounds = 2 } = {}) {
  ensureBuild({ reuseBuild: true })
  prepareNext16()
  const site = await startProductionSite()
  const next = await startNext16(await freePort())
  try {
    const live = await livePlaygrounds(site.baseUrl, connections)
    const nextIds = nextActionIds()
    /** @type {Target} */
    const nextTarget = {
      url: `${next.url}/`,
      headers: { origin: next.url, 'next-action': nextIds[ACTION] },
      pid: next.pid,
    }
    live.pid = site.pid
    // Plain values only: React encodes them as one string, never FormData.
    const body = /** @type {string} */ (await encodeReply([{ title: 'Write the docs' }]))
    // Warm both (JIT, isolate code cache, Next's route module) before measuring.
    for (const target of [live, nextTarget])
      await hammer(target, body, { connections, duration: 2 })

    /** @type {Row[]} */
    const rows = []
    for (let round = 1; round <= rounds; round++) {
      /** @type {[string, Target][]} */
      const targets = [
        ['live server via the preview origin (`npm start`)', live],
        ['real Next 16.4.6 (`next start`)', nextTarget],
      ]
      for (const [name, target] of targets) {
        const cpuBefore = target.pid ? cpuMsOfTree(target.pid) : 0
        const r = await hammer(target, body, { connections, duration })
        const cpuMs = target.pid ? cpuMsOfTree(target.pid) - cpuBefore : 0
        rows.push({
          target: name,
          round,
          rps: Math.round(r.requests.average),
          p50: r.latency.p50,
          p99: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          cpuMsPerRequest: r.requests.total
            ? Math.round((cpuMs / r.requests.total) * 1000) / 1000
            : 0,
        })
      }
    }
    /** @param {(row: Row) => number} pick @param {string} which */
    const mean = (pick, which) => {
      const xs = rows.filter((r) => r.target.startsWith(which)).map(pick)
      return xs.reduce((a, b) => a + b, 0) / xs.length
    }
    const liveRps = Math.round(mean((r) => r.rps, 'live'))
    const nextRps = Math.round(mean((r) => r.rps, 'real'))
    const liveP99 = mean((r) => r.p99, 'live')
    const nextP99 = mean((r) => r.p99, 'real')
    const ratio = Math.round((liveRps / nextRps) * 100) / 100
    const p99Ratio = Math.round((liveP99 / nextP99) * 100) / 100
    const liveCpu = Math.round(mean((r) => r.cpuMsPerRequest, 'live') * 1000) / 1000
    const nextCpu = Math.round(mean((r) => r.cpuMsPerRequest, 'real') * 1000) / 1000
    const summary = {
      liveRps,
      nextRps,
      liveP99,
      nextP99,
      liveCpuMsPerRequest: liveCpu,
      nextCpuMsPerRequest: nextCpu,
      ratio,
      p99Ratio,
      met: ratio >= 2.5 && p99Ratio <= 1 / 3,
    }
    return {
      rows,
      summary,
      connections,
      duration,
      sessions: connections,
      loadAverage1m: Number(loadavg()[0].toFixed(2)),
    }
  } finally {
    await next.stop()
    site.stop()
  }
}

// `node bench/versus-next.mjs`: only this side-by-side, printed (bench:server also writes it).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, summary } = await versusNext({
    connections: Number(process.env.BENCH_CONNECTIONS || 50),
    duration: Number(process.env.BENCH_DURATION || 10),
  })
  console.table(rows)
  console.log(summary)
}
