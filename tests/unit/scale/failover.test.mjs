// Issue 18: sessions in Redis, two live-server instances behind HAProxy, all real and on loopback
// (Debian's redis-server and haproxy; instances are the standalone live server, action-server/
// serve.mjs, each with its own sandbox process). A session survives losing its instance, two
// instances never both write it, a closure token works on either instance and in no other session,
// and the creation rate limit and the session cap hold across instances.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startCluster } from '../../support/cluster.mjs'
import { connectRedis } from '../../../action-server/sessions/redis-store.mjs'
import { startServer } from '../../../action-server/serve.mjs'
import { encodeReply, decodeFlight } from '../action-server/helpers.mjs'

const PORTS = { redis: 3701, lb: 3720, instances: [3711, 3712] }
const BURST = 20
const MAX_SESSIONS = 12
const LEASE_MS = 1000

const ACTIONS = `'use server'
import { db } from '@/lib/db'
import { cookies } from 'next/headers'
export async function add(n: number) {
  if (!(await db.item.findUnique({ where: { id: n } }))) await db.item.create({ data: { id: n } })
  return n
}
export async function list() {
  return (await db.item.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id)
}
export async function setTheme(t: string) {
  ;(await cookies()).set('theme', t)
  return t
}
export async function theme() {
  return (await cookies()).get('theme')?.value ?? null
}
export async function bump(tag: string, ms: number) {
  const row = await db.counter.findUnique({ where: { id: 1 } })
  const value = (row?.value ?? 0) + 1
  await new Promise((r) => setTimeout(r, ms))
  await db.counter.upsert({ where: { id: 1 }, create: { id: 1, value }, update: { value } })
  await db.mark.create({ data: { tag } })
  return value
}
export async function marks() {
  return (await db.mark.findMany({ orderBy: { id: 'asc' } })).map((m) => m.tag)
}`

let cluster
let redis
before(async () => {
  cluster = await startCluster({
    ports: PORTS,
    env: {
      LIVE_LEASE_MS: String(LEASE_MS),
      LIVE_SESSION_BURST: String(BURST),
      LIVE_MAX_SESSIONS: String(MAX_SESSIONS),
      LIVE_WALL_MS: '3000',
    },
  })
  redis = connectRedis(cluster.redisUrl)
})
after(async () => {
  redis?.disconnect()
  await cluster?.close()
})

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function newSession(base, headers = {}) {
  const r = await fetch(`${base}/api/live/sessions`, { method: 'POST', headers })
  assert.equal(r.status, 201, await r.clone().text())
  return (await r.json()).session
}

async function deploy(base, session, files, extra = {}) {
  const r = await fetch(`${base}/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files, ...extra }),
  })
  const body = await r.json()
  assert.equal(r.status, 200, JSON.stringify(body))
  return body
}

async function playground(base) {
  const session = await newSession(base)
  const body = await deploy(base, session, { 'app/actions.ts': ACTIONS })
  const ids = {}
  for (const [k, id] of Object.entries(body.actions)) ids[k.split('#')[1]] = id
  return { session, ids }
}

/** One action call as Next's client makes it → { status, instance, value, error, cookie }. */
async function call(base, session, id, args = [], headers = {}) {
  const r = await fetch(`${base}/api/live/${session}/action`, {
    method: 'POST',
    headers: { 'next-action': id, origin: base, ...headers },
    body: await encodeReply(args),
  })
  const bytes = new Uint8Array(await r.arrayBuffer())
  const out = {
    status: r.status,
    instance: r.headers.get('x-live-instance'),
    reason: r.headers.get('x-live-reason'),
    cookie: r.headers.get('set-cookie'),
  }
  if (r.headers.get('content-type') === 'text/x-component' && bytes.length) {
    try {
      out.value = await (await decodeFlight(bytes)).a
    } catch (err) {
      out.error = err
    }
  }
  return out
}

/** A reader's retry: a call that got no answer (instance gone, 502/503) is sent again. */
async function callRetrying(base, session, id, args) {
  let tries = 0
  for (;;) {
    tries++
    const r = await call(base, session, id, args).catch((err) => ({ status: 0, err }))
    if (r.status === 200) return { ...r, tries }
    if (![0, 502, 503, 504].includes(r.status) || tries > 200)
      throw new Error(`call failed: ${r.status} ${r.reason} ${r.err?.message ?? ''}`)
    await sleep(50)
  }
}

test('a session survives losing its instance: 0 lost writes over 200 calls, cookies kept', async (t) => {
  const lb = cluster.lbUrl
  const { session, ids } = await playground(lb)
  const themed = await callRetrying(lb, session, ids.setTheme, ['dark'])
  const cookie = themed.cookie.split(';')[0]
  assert.equal(cookie, 'theme=dark')

  const served = []
  const latencies = []
  let victim
  let retried = 0
  for (let i = 1; i <= 200; i++) {
    if (i === 70) {
      // Killed with its sandbox process while call 70 is on its way: nothing of it survives, and
      // the lease it may hold runs out on its own.
      victim = cluster.instances.find((inst) => inst.name === served.at(-1))
      setTimeout(() => victim.kill(), 2)
    }
    if (i === 140) {
      await victim.start()
      await sleep(1500) // HAProxy's health check brings it back (rise 2 × 500 ms)
    }
    const t0 = performance.now()
    const r = await callRetrying(lb, session, ids.add, [i])
    latencies[i] = performance.now() - t0
    if (r.tries > 1) retried++
    assert.equal(r.value, i)
    served[i] = r.instance
  }
  const other = cluster.instances.find((inst) => inst !== victim).name
  assert.ok(
    served.slice(71, 140).every((name) => name === other),
    `the other instance took over: ${served.slice(68, 141).join(' ')}`,
  )
  assert.ok(
    served.slice(141).every((name) => name === victim.name),
    'the session went back to its instance, rebuilt from Redis',
  )

  const all = await callRetrying(lb, session, ids.list, [])
  const lost = Array.from({ length: 200 }, (_, i) => i + 1).filter((n) => !all.value.includes(n))
  assert.deepEqual(lost, [], 'every acknowledged write is kept')
  assert.equal(all.value.length, 200)

  // The cookie filter (names the session set) moved with the session: the value still reaches it.
  const read = await call(lb, session, ids.theme, [], { cookie: `${cookie}; other=1` })
  assert.equal(read.value, 'dark')

  const failover = Math.max(...latencies.slice(70, 75))
  t.diagnostic(
    `200 calls, instance ${victim.name} killed at call 70 and restarted at 140: lost writes 0, ` +
      `calls that had to be sent again ${retried}, longest call across the kill ${failover.toFixed(0)} ms, ` +
      `median call ${latencies
        .slice(1)
        .sort((a, b) => a - b)[100]
        .toFixed(1)} ms`,
  )

  const bytes = await redis.memory('USAGE', `live:s:${session}`, 'SAMPLES', '0')
  t.diagnostic(`this session in Redis: ${bytes} bytes (memory usage of its hash)`)
})

test('two instances never run one session at once: serialized by the lease, stale writes fenced', async () => {
  const [one, two] = cluster.instances
  const { session, ids } = await playground(one.url)

  // A routing split: calls of one session sent to both instances at once.
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      call(i % 2 ? two.url : one.url, session, ids.bump, [`c${i}`, 30]),
    ),
  )
  assert.deepEqual(
    results.map((r) => r.status),
    Array(12).fill(200),
  )
  assert.deepEqual(
    results.map((r) => r.value).sort((a, b) => a - b),
    Array.from({ length: 12 }, (_, i) => i + 1),
    'each call saw the one before it: never two at once',
  )
  assert.deepEqual(new Set(results.map((r) => r.instance)), new Set([one.name, two.name]))

  // A stale instance: paused mid-call until its lease ran out; the next one wrote meanwhile.
  const stale = call(one.url, session, ids.bump, ['stale', 400])
  await sleep(150)
  one.pause()
  try {
    await sleep(LEASE_MS + 500)
    const fresh = await call(two.url, session, ids.bump, ['fresh', 0])
    assert.equal(fresh.status, 200)
    assert.equal(fresh.value, 13)
  } finally {
    one.resume()
  }
  const refused = await stale
  assert.equal(refused.status, 503)
  assert.equal(refused.reason, 'session-moved')
  const tags = (await call(two.url, session, ids.marks, [])).value
  assert.equal(tags.at(-1), 'fresh')
  assert.ok(!tags.includes('stale'), 'the fenced-out write was not kept')
  const again = await call(one.url, session, ids.marks, [])
  assert.deepEqual(again.value, tags, 'the stale instance reloads the newer state')
})

test('the fencing script refuses a token once a newer lease exists', async () => {
  const { session } = await playground(cluster.lbUrl)
  const k = (p) => `live:${p}:${session}`
  const [, first] = await redis.liveAcquire(
    k('s'),
    k('lease'),
    'live:index',
    200,
    60_000,
    session,
    'x',
  )
  await sleep(300) // the lease runs out
  const [state, second] = await redis.liveAcquire(
    k('s'),
    k('lease'),
    'live:index',
    200,
    60_000,
    session,
    'y',
  )
  assert.equal(state, 1)
  assert.ok(second > first)
  const args = (fence) => [
    k('s'),
    'live:index',
    'live:fresh',
    fence,
    60_000,
    session,
    1,
    'probe',
    String(fence),
  ]
  assert.equal(await redis.liveSave(...args(first)), -1)
  assert.ok((await redis.liveSave(...args(second))) > 1)
  assert.equal(await redis.hget(k('s'), 'probe'), String(second))
})

const CLOSURE_PAGE = {
  'app/page.tsx': `export default function Page() {
  const secret = 'snapshot-1'
  async function a() { 'use server'; return 'a:' + secret }
  return <form action={a}/>
}`,
}

test('a closure token minted on one instance works on the other, and in no other session', async () => {
  const [one, two] = cluster.instances
  const session = await newSession(one.url)
  const body = await deploy(one.url, session, CLOSURE_PAGE)
  const id = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const text = await (await fetch(`${one.url}/api/live/${session}/render?path=%2F`)).text()
  const [token] = [...text.matchAll(/\["([A-Za-z0-9+/=]{40,})"\]/g)].map((m) => m[1])
  assert.ok(token)
  const there = await call(two.url, session, id, [token])
  assert.equal(there.instance, two.name)
  assert.equal(there.value, 'a:snapshot-1')

  const elsewhere = await newSession(two.url)
  await deploy(two.url, elsewhere, CLOSURE_PAGE)
  const replay = await call(two.url, elsewhere, id, [token])
  assert.equal(replay.status, 500)
  // Another session's key: the token does not authenticate, as WebCrypto says for an altered one.
  assert.equal(replay.error.message, 'The operation failed for an operation-specific reason')
})

test('rows outlive a redeploy on another instance; data: "reset" restores the seed (issue 13)', async () => {
  const [one, two] = cluster.instances
  const session = await newSession(one.url)
  const seed = { item: [{ id: 100 }] }
  let body = await deploy(one.url, session, { 'app/actions.ts': ACTIONS }, { seed })
  const id = (name) => body.actions[`app/actions.ts#${name}`]
  assert.equal((await call(one.url, session, id('add'), [1])).value, 1)
  // The edited code is deployed through the other instance: it reads the rows from Redis.
  body = await deploy(two.url, session, { 'app/actions.ts': `${ACTIONS}\n// edited` }, { seed })
  const kept = await call(two.url, session, id('list'))
  assert.equal(kept.instance, two.name)
  assert.deepEqual(kept.value, [1, 100])
  body = await deploy(one.url, session, { 'app/actions.ts': ACTIONS }, { seed, data: 'reset' })
  assert.deepEqual((await call(two.url, session, id('list'))).value, [100])
})

test('the creation rate limit holds across instances', async () => {
  const [one, two] = cluster.instances
  const headers = { 'x-forwarded-for': '203.0.113.7' } // one reader, as the proxy forwards it
  const statuses = []
  for (let i = 0; i < BURST + 6; i++) {
    const r = await fetch(`${(i % 2 ? two : one).url}/api/live/sessions`, {
      method: 'POST',
      headers,
    })
    statuses.push(r.status)
  }
  const created = statuses.filter((s) => s === 201).length
  assert.ok(created >= BURST && created <= BURST + 1, `created ${created} of burst ${BURST}`)
  assert.equal(statuses.at(-1), 429)
  assert.equal(statuses.at(-2), 429, 'refused on both instances')
})

test('the session cap holds across instances, never-deployed sessions evicted first', async () => {
  const [one, two] = cluster.instances
  const deployed = await playground(one.url)
  for (let i = 0; i < MAX_SESSIONS + 4; i++)
    await newSession(i % 2 ? two.url : one.url, { 'x-forwarded-for': `198.51.100.${i}` })
  assert.equal(await redis.zcard('live:index'), MAX_SESSIONS)
  const still = await call(two.url, deployed.session, deployed.ids.list, [])
  assert.equal(still.status, 200, 'a deployed session outlives empty ones')
})

test('without REDIS_URL sessions stay in memory; with Redis unreachable a call gets 503, not 500', async () => {
  const plain = await startServer({ env: {} })
  try {
    assert.equal(plain.live.sessions.kind, 'memory')
    assert.equal((await fetch(`${plain.url}/api/live/sessions`, { method: 'POST' })).status, 201)
  } finally {
    await plain.close()
  }
  const cut = await startServer({ env: { REDIS_URL: 'redis://127.0.0.1:3799' } })
  try {
    const r = await fetch(`${cut.url}/api/live/sessions`, { method: 'POST' })
    assert.equal(r.status, 503)
    assert.equal((await r.json()).reason, 'store-unavailable')
    assert.equal((await fetch(`${cut.url}/api/live/health`)).status, 503)
  } finally {
    await cut.close()
  }
})
