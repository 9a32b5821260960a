// A session belongs to the origin that opened it: each preview runs on its own origin
// (`<id>.preview.<host>`), and no other origin may read, deploy or call through that session.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

/** fetch() drops a Host header: node:http sends it as given. → { status, headers, text } */
function send(path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${live.url}${path}`, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const A = 'aaaa1111.preview.localhost:3400'
const B = 'bbbb2222.preview.localhost:3400'

async function openOn(host) {
  const r = await send('/api/live/sessions', {
    method: 'POST',
    headers: { host, origin: `http://${host}` },
  })
  assert.equal(r.status, 201)
  return JSON.parse(r.text).session
}

test('a session answers its own origin and is unknown on another', async () => {
  const session = await openOn(A)
  const own = await send(`/api/live/${session}/logs`, { headers: { host: A } })
  assert.equal(own.status, 200)
  for (const [path, init] of [
    ['logs', {}],
    ['render?path=/', {}],
    ['files', { method: 'PUT', body: '{"files":{}}' }],
    ['auth', { method: 'POST', body: '{"user":"user_1"}' }],
  ]) {
    const r = await send(`/api/live/${session}/${path}`, {
      ...init,
      headers: { host: B, origin: `http://${B}` },
    })
    assert.equal(r.status, 404, `${path} from another preview origin`)
    assert.equal(r.headers['x-live-reason'], 'unknown-session')
  }
})

test('a call addressed to its host but sent by another origin is refused (CSRF)', async () => {
  const session = await openOn(A)
  const auth = await send(`/api/live/${session}/auth`, {
    method: 'POST',
    headers: { host: A, origin: `http://${B}`, 'content-type': 'text/plain' },
    body: '{"user":"user_1"}',
  })
  assert.equal(auth.status, 403)
  assert.equal(auth.headers['x-live-reason'], 'csrf')
  const ok = await send(`/api/live/${session}/auth`, {
    method: 'POST',
    headers: { host: A, origin: `http://${A}` },
    body: '{"user":"user_1"}',
  })
  assert.equal(ok.status, 200)
})

test('an action from another origin fails Next’s CSRF check, from its own it runs', async () => {
  const { session, ids } = await live.playground(
    `'use server'\nexport async function ping() { return 'pong' }\n`,
  )
  const other = await live.call(session, ids.ping, [], {
    headers: { origin: `http://${B}` },
  })
  assert.equal(other.status, 500)
  assert.equal(other.headers.get('x-live-reason'), 'csrf')
  const own = await live.call(session, ids.ping, [])
  assert.equal(own.value, 'pong')
})

test('a session cannot be opened for a host by another origin', async () => {
  const r = await send('/api/live/sessions', {
    method: 'POST',
    headers: { host: A, origin: `http://${B}` },
  })
  assert.equal(r.status, 403)
})
