// What the playground's network panel and request composer need from the live server: records
// that name inline actions by the name the reader wrote and that list no-JS form posts with
// their action, and the composer's declared Origin, honoured only on a session's own origin.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { startLive } from './helpers.mjs'
import { hoistInlineActions } from '../../../action-server/compiler/hoist-inline.mjs'
import { declaredOrigin } from '../../../action-server/http/origin.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

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

const HOST = 'eeee5555.preview.localhost:3400'
const OWN = `http://${HOST}`

const PAGE = `export default function Page() {
  async function register(formData: FormData) {
    'use server'
    console.log('registered', formData.get('name'))
  }
  const publish = async () => {
    'use server'
    return 'published'
  }
  return (
    <form action={register}>
      <input name="name" />
      <button formAction={publish}>Publish</button>
      <button formAction={async () => { 'use server' }}>Anonymous</button>
    </form>
  )
}
`

async function openDeployed() {
  const opened = await send('/api/live/sessions', {
    method: 'POST',
    headers: { host: HOST, origin: OWN },
  })
  const { session } = JSON.parse(opened.text)
  const deploy = await send(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { host: HOST, origin: OWN, 'content-type': 'application/json' },
    body: JSON.stringify({ files: { 'app/page.tsx': PAGE } }),
  })
  assert.equal(deploy.status, 200, deploy.text)
  return { session, deployed: JSON.parse(deploy.text) }
}

async function records(session) {
  const r = await send(`/api/live/${session}/events?since=0`, { headers: { host: HOST } })
  return JSON.parse(r.text).entries
}

test('the compiler keeps the name the reader gave an inline action', () => {
  const code = `function Page() {
  async function register() { 'use server' }
  const publish = async () => { 'use server' }
  let later; later = async function () { 'use server' }
  return h({ action: async () => { 'use server' } })
}`
  const { inlineActions, inlineNames } = hoistInlineActions('app/page.tsx', code, 'shared')
  assert.equal(inlineActions.length, 4)
  assert.deepEqual(inlineNames, {
    $$RSC_SERVER_ACTION_0: 'register',
    $$RSC_SERVER_ACTION_1: 'publish',
    $$RSC_SERVER_ACTION_2: 'later',
  })
})

test('deploy answers and records name inline actions by their source name', async () => {
  const { session, deployed } = await openDeployed()
  assert.equal(deployed.names['app/page.tsx#$$RSC_SERVER_ACTION_0'], 'register')
  assert.equal(deployed.names['app/page.tsx#$$RSC_SERVER_ACTION_1'], 'publish')
  const id = deployed.actions['app/page.tsx#$$RSC_SERVER_ACTION_1']
  const call = await send(`/api/live/${session}/action`, {
    method: 'POST',
    headers: { host: HOST, origin: OWN, 'next-action': id, 'content-type': 'text/plain' },
    body: '[]',
  })
  assert.equal(call.status, 200)
  const action = (await records(session)).find((e) => e.url.endsWith('/action'))
  assert.equal(action.action, 'app/page.tsx#$$RSC_SERVER_ACTION_1')
  assert.equal(action.name, 'publish')
})

test('a no-JS form post is recorded with the action its form names', async () => {
  const { session, deployed } = await openDeployed()
  const id = deployed.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const form = new FormData()
  form.append(`$ACTION_ID_${id}`, '')
  form.append('name', 'Ada')
  const request = new Request('http://x/', { method: 'POST', body: form })
  const post = await send(`/api/live/${session}/html?path=/`, {
    method: 'POST',
    headers: { host: HOST, origin: OWN, 'content-type': request.headers.get('content-type') },
    body: Buffer.from(await request.arrayBuffer()),
  })
  assert.equal(post.status, 200, post.text.slice(0, 300))
  const record = (await records(session)).find((e) => e.url.includes('/html'))
  assert.equal(record.method, 'POST')
  assert.equal(record.actionId, id)
  assert.equal(record.name, 'register')
})

test('the composer’s declared Origin stands in for its own, and is recorded as sent', async () => {
  const { session, deployed } = await openDeployed()
  const id = deployed.actions['app/page.tsx#$$RSC_SERVER_ACTION_1']
  const forged = await send(`/api/live/${session}/action`, {
    method: 'POST',
    headers: {
      host: HOST,
      origin: OWN,
      'x-live-compose': 'n1',
      'x-live-compose-origin': 'https://evil.example',
      'next-action': id,
      'content-type': 'text/plain',
    },
    body: '[]',
  })
  assert.equal(forged.status, 500, 'Next’s CSRF answer')
  assert.equal(forged.headers['x-live-reason'], 'csrf')
  const record = (await records(session)).find((e) => e.requestHeaders['x-live-compose'] === 'n1')
  assert.equal(record.requestHeaders.origin, 'https://evil.example')
  assert.equal(record.requestHeaders['x-live-compose-origin'], 'https://evil.example')
  assert.equal(record.responseHeaders['x-live-reason'], 'csrf')

  // Declaring no Origin at all: Next lets such a request through (old browsers send none).
  const none = await send(`/api/live/${session}/action`, {
    method: 'POST',
    headers: {
      host: HOST,
      origin: OWN,
      'x-live-compose-origin': '',
      'next-action': id,
      'content-type': 'text/plain',
    },
    body: '[]',
  })
  assert.equal(none.status, 200)
})

test('a declared Origin from any other origin is refused: a real forger gains nothing', async () => {
  const { session, deployed } = await openDeployed()
  const id = deployed.actions['app/page.tsx#$$RSC_SERVER_ACTION_1']
  for (const origin of ['https://evil.example', 'http://ffff6666.preview.localhost:3400']) {
    const r = await send(`/api/live/${session}/action`, {
      method: 'POST',
      headers: {
        host: HOST,
        origin,
        'x-live-compose-origin': OWN,
        'next-action': id,
        'content-type': 'text/plain',
      },
      body: '[]',
    })
    assert.equal(r.status, 400, `declared by ${origin}`)
    assert.equal(r.headers['x-live-reason'], 'bad-request')
  }
  // Not on reads or deploys either.
  const deploy = await send(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { host: HOST, origin: OWN, 'x-live-compose-origin': OWN },
    body: '{"files":{}}',
  })
  assert.equal(deploy.status, 400)
  assert.equal(
    declaredOrigin({ host: HOST, 'x-live-compose-origin': OWN }, HOST),
    null,
    'no Origin',
  )
  assert.equal(
    declaredOrigin({ host: HOST, origin: OWN, 'x-live-compose-origin': 'x'.repeat(301) }, HOST),
    null,
    'too long',
  )
})
