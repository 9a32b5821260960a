// The playground's own next.config (issue 12): experimental.serverActions.allowedOrigins and
// bodySizeLimit, read where Next 16 reads them, evaluated inside the session's isolate (never in
// the host), and never raising the server's own caps.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive, eventually } from './helpers.mjs'

let live
before(async () => {
  live = await startLive({ bodyBytes: 1024 * 1024 })
})
after(() => live.close())

const ACTIONS = `'use server'
export async function echo(s: string) { return typeof s === 'string' ? s.length : s }`

async function deployed(config, file = 'next.config.ts') {
  const session = await live.session()
  const files = { 'app/actions.ts': ACTIONS }
  if (config !== null) files[file] = config
  const d = await live.deploy(session, files)
  return { session, d, id: d.body.actions?.['app/actions.ts#echo'] }
}

const ts = (body) => `import type { NextConfig } from 'next'
const nextConfig: NextConfig = ${body}
export default nextConfig
`

test('allowedOrigins from experimental.serverActions, with Next’s wildcards', async () => {
  const { session, d, id } = await deployed(
    ts(
      `{ experimental: { serverActions: { allowedOrigins: ['*.trusted.example', 'partner.example'] } } }`,
    ),
  )
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const call = (origin) => live.call(session, id, ['x'], { headers: { origin } })
  assert.equal((await call('https://app.trusted.example')).status, 200)
  assert.equal((await call('https://partner.example')).status, 200)
  const refused = await call('https://evil.example')
  assert.equal(refused.status, 500)
  assert.equal(refused.headers.get('x-live-reason'), 'csrf')
  // `*` is one label: a deeper host does not match
  assert.equal((await call('https://a.b.trusted.example')).status, 500)
})

test('without a config, a cross-origin call is refused (and one session’s list is its own)', async () => {
  const { session, id } = await deployed(null)
  const r = await live.call(session, id, ['x'], {
    headers: { origin: 'https://app.trusted.example' },
  })
  assert.equal(r.status, 500)
  assert.equal(r.headers.get('x-live-reason'), 'csrf')
})

test('bodySizeLimit: "500kb" refuses a larger body with Next’s message, as written', async () => {
  const { session, d, id } = await deployed(
    ts(`{ experimental: { serverActions: { bodySizeLimit: '500kb' } } }`),
  )
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const ok = await live.call(session, id, [], { rawBody: `["${'x'.repeat(400 * 1024)}"]` })
  assert.equal(ok.status, 200)
  const big = await live.call(session, id, [], { rawBody: `["${'x'.repeat(600 * 1024)}"]` })
  assert.equal(big.status, 500)
  assert.equal(big.headers.get('x-live-reason'), 'body-too-large')
  assert.match(big.text, /Body exceeded 500kb limit\./)
})

test('bodySizeLimit as a number', async () => {
  const { session, id } = await deployed(
    `module.exports = { experimental: { serverActions: { bodySizeLimit: 2000 } } }`,
    'next.config.js',
  )
  const big = await live.call(session, id, [], { rawBody: `["${'x'.repeat(3000)}"]` })
  assert.equal(big.status, 500)
  assert.match(big.text, /Body exceeded 2000 limit\./)
})

test('a bodySizeLimit above the server’s cap is clamped, and the reader told so', async () => {
  const { session, d, id } = await deployed(
    ts(`{ experimental: { serverActions: { bodySizeLimit: '10mb' } } }`),
  )
  assert.equal(d.status, 200)
  const big = await live.call(session, id, [], { rawBody: `["${'x'.repeat(1024 * 1024)}"]` })
  assert.equal(big.status, 500)
  assert.match(big.text, /Body exceeded 1 MB limit\./)
  const logs = await eventually(async () => {
    const l = await live.logs(session)
    return l.entries.some((e) => /above this server's limit/.test(e.text)) && l
  })
  assert.ok(logs, 'the clamp is in the server console')
})

test('an invalid bodySizeLimit fails the deploy with Next’s config error', async () => {
  const { d } = await deployed(ts(`{ experimental: { serverActions: { bodySizeLimit: 'lots' } } }`))
  assert.equal(d.status, 422)
  assert.match(
    d.body.errors[0].message,
    /^Server Actions Size Limit must be a valid number or filesize format larger than 1MB/,
  )
  assert.equal(d.body.errors[0].file, 'next.config.ts')
})

test('top-level serverActions is not where Next 16 reads it: ignored, with a warning', async () => {
  const { session, d, id } = await deployed(
    ts(`{ serverActions: { allowedOrigins: ['evil.example'] } } as NextConfig`),
  )
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const r = await live.call(session, id, ['x'], { headers: { origin: 'https://evil.example' } })
  assert.equal(r.status, 500)
  const logs = await live.logs(session)
  assert.ok(
    logs.entries.some((e) => /Unrecognized key\(s\) in object: 'serverActions'/.test(e.text)),
  )
})

test('a config exported as a (async) function is called as Next calls it', async () => {
  const { session, d, id } = await deployed(
    `export default async function config(phase, { defaultConfig }) {
  return { experimental: { serverActions: { allowedOrigins: [phase === 'phase-production-server' ? 'ok.example' : 'no'] } } }
}`,
    'next.config.mjs',
  )
  assert.equal(d.status, 200, JSON.stringify(d.body))
  assert.equal(
    (await live.call(session, id, ['x'], { headers: { origin: 'https://ok.example' } })).status,
    200,
  )
})

test('the config is reader code: it runs in the isolate, under its limits', async () => {
  const loop = await deployed(`for (;;) {}\nexport default {}`, 'next.config.js')
  assert.equal(loop.d.status, 422)
  const env = await deployed(
    `export default { experimental: { serverActions: { allowedOrigins: [process.env.HOME] } } }`,
    'next.config.js',
  )
  assert.equal(env.d.status, 422)
  assert.match(env.d.body.errors[0].message, /process is not defined/)
  // the server still answers
  const ok = await deployed(null)
  assert.equal(ok.d.status, 200)
})
