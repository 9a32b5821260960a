// npm run bench:scale — the live server as several instances: Redis + HAProxy + 1 or 2 instances
// (action-server/serve.mjs, one sandbox process each), all on this box's loopback, against one
// instance with sessions in memory (the default, no Redis, no HAProxy). Writes
// bench/reports/scale.{json,md}, with what a session costs in Redis.
// Two instances on a 2-core box share the same 2 cores with Redis, HAProxy and autocannon: this
// measures that the multi-instance path is correct and what Redis and HAProxy add to a call, not
// how it scales.
// Env: BENCH_DURATION (seconds per scenario, default 10), BENCH_CONNECTIONS (default 10).
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import autocannon from 'autocannon'
import { startCluster } from '../tests/support/cluster.mjs'
import { connectRedis } from '../action-server/sessions/redis-store.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')
const root = fileURLToPath(new URL('..', import.meta.url))
const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const SESSIONS = 20
const PORTS = { redis: 3751, lb: 3760, instances: [3761, 3762] }
const MEMORY_PORT = 3770

const ACTIONS = `'use server'
import { db } from '@/lib/db'
export async function bump() {
  const row = await db.counter.update({ where: { id: 1 }, data: { value: { increment: 1 } } })
  return row.value
}
export async function read() {
  return (await db.counter.findFirst())?.value ?? 0
}
`
const SEED = { counter: [{ value: 0 }] }

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms))

/** @typedef {{ session: string, bump: string, read: string }} Playground */

/** @param {string} url */
async function playgrounds(url) {
  /** @type {Playground[]} */
  const out = []
  for (let i = 0; i < SESSIONS; i++) {
    const r = await fetch(`${url}/api/live/sessions`, {
      method: 'POST',
      headers: { 'x-forwarded-for': `192.0.2.${i}` },
    })
    const { session } = await r.json()
    const d = await fetch(`${url}/api/live/${session}/files`, {
      method: 'PUT',
      body: JSON.stringify({ files: { 'app/actions.ts': ACTIONS }, seed: SEED }),
    })
    const body = await d.json()
    if (d.status !== 200) throw new Error(`deploy failed: ${JSON.stringify(body)}`)
    out.push({
      session,
      bump: body.actions['app/actions.ts#bump'],
      read: body.actions['app/actions.ts#read'],
    })
  }
  return out
}

/**
 * Calls spread over the sessions, CONNECTIONS at a time, for DURATION seconds.
 * @param {string} url
 * @param {Playground[]} sessions
 * @param {'bump' | 'read'} action
 */
async function load(url, sessions, action) {
  const body = String(await encodeReply([]))
  let next = 0
  /** @type {import('autocannon').Result} */
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            body,
            setupRequest(req) {
              const s = sessions[next++ % sessions.length]
              return {
                ...req,
                path: `/api/live/${s.session}/action`,
                headers: { ...req.headers, 'next-action': s[action], origin: url },
              }
            },
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    )
    instance.on('error', reject)
  })
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

async function memoryInstance() {
  const proc = spawn(process.execPath, ['action-server/serve.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(MEMORY_PORT), LIVE_SANDBOX_PROCESSES: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${MEMORY_PORT}`
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/live/health`)).ok) break
    } catch {}
    await sleep(50)
  }
  return { url, stop: () => proc.kill('SIGTERM') }
}

/** @type {({ name: string, action: string } & Awaited<ReturnType<typeof load>>)[]} */
const rows = []
/**
 * @param {string} name
 * @param {string} url
 */
async function scenario(name, url) {
  const sessions = await playgrounds(url)
  for (const action of /** @type {const} */ (['bump', 'read'])) {
    const r = await load(url, sessions, action)
    rows.push({ name, action, ...r })
    console.log(`${name} ${action}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`)
  }
  return sessions
}

const mem = await memoryInstance()
try {
  await scenario('1 instance, sessions in memory (default), direct', mem.url)
} finally {
  mem.stop()
}

/**
 * @type {{ memoryUsage: unknown, fields: Record<string, number>, sessions: number,
 *   usedMemoryPerSession: number } | undefined}
 */
let cost
for (const count of [1, 2]) {
  const cluster = await startCluster({ ports: PORTS, start: count })
  try {
    if (count === 1) await sleep(1500) // HAProxy's checks mark the absent instance down
    const probe = connectRedis(cluster.redisUrl)
    const usedBefore = Number(/used_memory:(\d+)/.exec(await probe.info('memory'))?.[1])
    const sessions = await scenario(
      `${count} instance${count > 1 ? 's' : ''}, Redis, HAProxy`,
      cluster.lbUrl,
    )
    if (count === 2) {
      const key = `live:s:${sessions[0].session}`
      /** @type {Record<string, number>} */
      const fields = {}
      for (const f of ['meta', 'deploy', 'tables', 'logs']) fields[f] = await probe.hstrlen(key, f)
      const usedAfter = Number(/used_memory:(\d+)/.exec(await probe.info('memory'))?.[1])
      cost = {
        memoryUsage: await probe.memory('USAGE', key, 'SAMPLES', '0'),
        fields,
        sessions: await probe.zcard('live:index'),
        usedMemoryPerSession: Math.round((usedAfter - usedBefore) / SESSIONS),
      }
    }
    probe.disconnect()
  } finally {
    await cluster.close()
  }
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.availableParallelism(), memory: os.totalmem(), node: process.version },
  loadAverageAtStart: os.loadavg()[0],
  duration: DURATION,
  connections: CONNECTIONS,
  sessions: SESSIONS,
  rows,
  redisCost: cost,
}
mkdirSync(new URL('./reports/', import.meta.url), { recursive: true })
writeFileSync(
  new URL('./reports/scale.json', import.meta.url),
  JSON.stringify(report, null, 2) + '\n',
)

if (!cost) throw new Error('the two-instance run measured no Redis cost')
const md = `# Several instances: Redis + HAProxy (npm run bench:scale)

${report.date}, ${report.machine.cpus} cores, Node ${report.machine.node}; autocannon, ${CONNECTIONS}
connections, ${DURATION} s per line, calls spread over ${SESSIONS} deployed sessions. Load average
when it started: ${report.loadAverageAtStart.toFixed(1)} (other work on the box skews every line alike). Instances are
\`action-server/serve.mjs\` with one sandbox process each; HAProxy runs \`deploy/haproxy.cfg\`.

**Read this as a correctness run, not a scaling figure:** on this box two instances, Redis, HAProxy
and the load generator all share the same ${report.machine.cpus} cores, so a second instance cannot
add throughput here; what the table shows is the cost of the shared path (a lease, a fenced write and
a release in Redis per call, one more hop through HAProxy) against the default single process.
Real scaling needs instances on their own cores or machines.

\`bump\` writes to \`@/lib/db\` (the rows are written through to Redis before the answer);
\`read\` only reads (lease and release, nothing to write).

| setup | action | req/s | p50 ms | p99 ms | non-2xx | errors |
| ----- | ------ | ----: | -----: | -----: | ------: | -----: |
${rows.map((r) => `| ${r.name} | ${r.action} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`).join('\n')}

## What a session costs in Redis

One deployed session of this bench (a 9-line \`app/actions.ts\`, one row), measured:
\`MEMORY USAGE\` of its hash = **${cost.memoryUsage} bytes**; field sizes: meta ${cost.fields.meta} B,
deploy (compiled modules, v8-serialized) ${cost.fields.deploy} B, rows ${cost.fields.tables} B, console
${cost.fields.logs} B. Redis' \`used_memory\` grew by ${cost.usedMemoryPerSession} bytes per session
(the ${SESSIONS} sessions with their index entries and rate-limit buckets, under load). Bounds: source ≤ \`LIVE_SOURCE_BYTES\`
(512 KB), rows ≤ 1 MB (past it the seed), console ≤ \`LIVE_LOG_SESSION_BYTES\` (256 KB). The failover
test's session (a similar file, 200 rows, a cookie name) measured 11 776 bytes with \`MEMORY USAGE\`.
`
writeFileSync(new URL('./reports/scale.md', import.meta.url), md)
console.log('wrote bench/reports/scale.{md,json}')
