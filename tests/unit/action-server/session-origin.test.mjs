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

test('…/events: what the server received and answered, readable by the docs site only', async () => {
  const host = 'cccc3333.preview.localhost:3400'
  const session = await openOn(host)
  const deploy = await send(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      files: { 'app/actions.ts': `'use server'\nexport async function echo(x) { return x }\n` },
    }),
  })
  const id = JSON.parse(deploy.text).actions['app/actions.ts#echo']
  const call = await send(`/api/live/${session}/action`, {
    method: 'POST',
    headers: { host, origin: `http://${host}`, 'Next-Action': id, 'content-type': 'text/plain' },
    body: '["sent to the server"]',
  })
  assert.equal(call.status, 200)

  const docs = await send(`/api/live/${session}/events?since=0`, {
    headers: { host, origin: 'http://localhost:3400' },
  })
  assert.equal(docs.status, 200)
  assert.equal(docs.headers['access-control-allow-origin'], 'http://localhost:3400')
  const { entries, next } = JSON.parse(docs.text)
  const action = entries.find((e) => e.url.endsWith('/action'))
  assert.equal(action.action, 'app/actions.ts#echo')
  assert.equal(action.requestBody, '["sent to the server"]')
  assert.equal(action.requestHeaders['Next-Action'], id, 'header names as the client wrote them')
  assert.equal(action.status, 200)
  assert.match(action.responseHeaders['content-type'], /text\/x-component/)
  assert.ok(
    entries.every((e) => !e.url.includes('/events')),
    'reads are not recorded',
  )
  const later = JSON.parse(
    (await send(`/api/live/${session}/events?since=${next}`, { headers: { host } })).text,
  )
  assert.deepEqual(later.entries, [])

  const stranger = await send(`/api/live/${session}/events`, {
    headers: { host, origin: 'http://evil.example' },
  })
  assert.equal(stranger.status, 403)
  assert.equal(stranger.headers['access-control-allow-origin'], undefined)
  const sibling = await send(`/api/live/${session}/events`, { headers: { host: B } })
  assert.equal(sibling.status, 404)

  // Once the session has ended, the docs page still polling it is told so (no 404, no CORS
  // failure: either is an error in the reader's console); anyone else gets the 404.
  await send(`/api/live/${session}`, {
    method: 'DELETE',
    headers: { host, origin: `http://${host}` },
  })
  for (const sub of ['events', 'logs']) {
    const ended = await send(`/api/live/${session}/${sub}?since=3`, {
      headers: { host, origin: 'http://localhost:3400' },
    })
    assert.equal(ended.status, 200, sub)
    assert.equal(ended.headers['access-control-allow-origin'], 'http://localhost:3400', sub)
    assert.deepEqual(JSON.parse(ended.text), { entries: [], next: 0, dropped: 0, ended: true })
    const plain = await send(`/api/live/${session}/${sub}`, { headers: { host } })
    assert.equal(plain.status, 404, sub)
    const foreign = await send(`/api/live/${session}/${sub}`, {
      headers: { host, origin: 'http://evil.example' },
    })
    assert.equal(foreign.status, 404, sub)
    assert.equal(foreign.headers['access-control-allow-origin'], undefined, sub)
  }
})

test('a session keeps a bounded number of bytes of records, and long bodies are cut', async () => {
  const { EventBuffer, BODY_BYTES } = await import('../../../action-server/http/events.mjs')
  const buffer = new EventBuffer(10_000)
  for (let i = 0; i < 1000; i++) buffer.push({ requestBody: 'x'.repeat(500) })
  assert.ok(buffer.bytes <= 10_000)
  const { entries, dropped } = buffer.since(0)
  assert.equal(entries.at(-1).seq, 1000)
  assert.equal(dropped + entries.length, 1000)

  const host = 'dddd4444.preview.localhost:3400'
  const session = await openOn(host)
  await send(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { host, 'content-type': 'application/json' },
    body: JSON.stringify({ files: { 'app/x.ts': `export const big = '${'y'.repeat(20_000)}'\n` } }),
  })
  const [record] = JSON.parse(
    (await send(`/api/live/${session}/events`, { headers: { host } })).text,
  ).entries
  assert.ok(record.requestBody.length < BODY_BYTES + 100)
  assert.match(record.requestBody, /bytes received\)$/)
})
