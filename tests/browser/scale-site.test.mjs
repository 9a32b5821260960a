// Issue 18 through the real site: the production build (`next start` → Next's adapter → the live
// server) with REDIS_URL, and a standalone live server beside it, behind HAProxy
// (deploy/haproxy.cfg), sessions in Redis. A reader's session is created, deployed and called on
// the site; the site is killed; the same session answers through HAProxy from the other instance
// with its rows and its closure token intact. (tests/unit/scale/ covers the rest with two
// standalone instances.)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startCluster, request } from '../support/cluster.mjs'
import { encodeReply, decodeFlight } from '../unit/action-server/helpers.mjs'

const PORTS = { redis: 3702, lb: 3721, instances: [3713, 3714] }

let cluster
before(async () => {
  cluster = await startCluster({ ports: PORTS, sites: 1 })
})
after(() => cluster?.close())

const FILES = {
  'app/actions.ts': `'use server'
import { db } from '@/lib/db'
export async function add(n: number) {
  await db.item.create({ data: { id: n } })
  return n
}
export async function list() {
  return (await db.item.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id)
}`,
  'app/page.tsx': `export default function Page() {
  const secret = 'snapshot-1'
  async function a() { 'use server'; return 'a:' + secret }
  return <form action={a}/>
}`,
}

const json = (r) => JSON.parse(r.body.toString('utf8'))

// Readers reach every instance under one public preview host (the balancer's), and a session
// answers only the host it was opened on.
const publicHost = () => `preview.localhost:${new URL(cluster.lbUrl).port}`

async function call(url, session, id, args) {
  const r = await request(url, `/api/live/${session}/action`, {
    method: 'POST',
    headers: { 'next-action': id, origin: `http://${publicHost()}`, host: publicHost() },
    body: String(await encodeReply(args)),
  })
  const out = { status: r.status, instance: r.headers['x-live-instance'] }
  if (r.status === 200) out.value = await (await decodeFlight(new Uint8Array(r.body))).a
  return out
}

test('through the real site: a session deployed on the site survives the site going down', async () => {
  const [site, other] = cluster.instances
  const created = await request(site.url, '/api/live/sessions', {
    method: 'POST',
    headers: { host: publicHost() },
  })
  assert.equal(created.status, 201, created.body.toString())
  assert.equal(created.headers['x-live-instance'], site.name)
  const { session } = json(created)
  const deployed = await request(site.url, `/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', host: publicHost() },
    body: JSON.stringify({ files: FILES }),
  })
  assert.equal(deployed.status, 200, deployed.body.toString())
  const { actions } = json(deployed)
  const add = actions['app/actions.ts#add']
  for (let n = 1; n <= 5; n++) {
    const r = await call(site.url, session, add, [n])
    assert.equal(r.status, 200)
    assert.equal(r.instance, site.name)
  }
  const page = await request(site.url, `/api/live/${session}/render?path=%2F`, {
    headers: { host: publicHost() },
  })
  const [token] = [...page.body.toString().matchAll(/\["([A-Za-z0-9+/=]{40,})"\]/g)].map(
    (m) => m[1],
  )
  assert.ok(token, 'the page carries a closure token')

  site.kill()
  let listed
  for (let tries = 0; tries < 100; tries++) {
    listed = await call(cluster.lbUrl, session, actions['app/actions.ts#list'], []).catch(() => ({
      status: 0,
    }))
    if (listed.status === 200) break
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(listed.instance, other.name)
  assert.deepEqual(listed.value, [1, 2, 3, 4, 5])
  const closure = await call(
    cluster.lbUrl,
    session,
    actions['app/page.tsx#$$RSC_SERVER_ACTION_0'],
    [token],
  )
  assert.equal(closure.value, 'a:snapshot-1', 'a token the site minted works on the other instance')
})
