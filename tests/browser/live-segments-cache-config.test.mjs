// Issue 12's live-server features through the real site (`next start` → Next's adapter → the
// live server), on a preview origin as readers reach it: segments (error.tsx, not-found.tsx), the
// session's data cache, and the playground's own next.config (bodySizeLimit, allowedOrigins).
import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL } from '../support/browser.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'

const base = new URL(BASE_URL)
const PREVIEW_HOST = `preview.localhost:${base.port}`
const PREVIEW_ORIGIN = `http://${PREVIEW_HOST}`

async function request(path, options = {}) {
  const r = await hostRequest(`${BASE_URL}${path}`, { host: PREVIEW_HOST, ...options })
  return { status: r.status, headers: r.headers, text: r.body.toString('utf8') }
}

async function deployed(files) {
  const s = await request('/api/live/sessions', { method: 'POST' })
  assert.equal(s.status, 201, s.text)
  const session = JSON.parse(s.text).session
  const d = await request(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  })
  assert.equal(d.status, 200, d.text)
  return { session, actions: JSON.parse(d.text).actions }
}

let liveUp = false
before(async () => {
  const r = await request('/api/live/sessions', { method: 'POST' }).catch(() => null)
  liveUp = r?.status === 201
})

describe('segments, data cache and next.config (through the site)', () => {
  test('error.tsx and not-found.tsx: Next 16’s statuses, the boundary in the HTML answer', async (t) => {
    if (!liveUp) return t.skip('the live server is not mounted')
    const { session } = await deployed({
      'app/layout.tsx': `export default function Root({ children }) { return <html><body>{children}</body></html> }`,
      'app/error.tsx': `'use client'
export default function E({ error }) { return <p role="alert">caught: {error.message}</p> }`,
      'app/not-found.tsx': `export default function N() { return <p>nothing here</p> }`,
      'app/boom/page.tsx': `export default async function P() { throw new Error('page broke') }`,
    })
    const rsc = await request(`/api/live/${session}/render?path=/boom`)
    assert.equal(rsc.status, 200)
    assert.equal(rsc.headers['x-live-reason'], 'render-error')
    const html = await request(`/api/live/${session}/html?path=/boom`)
    assert.equal(html.status, 500)
    assert.match(html.text, /caught: <!-- -->page broke/)
    const missing = await request(`/api/live/${session}/html?path=/nowhere`)
    assert.equal(missing.status, 404)
    assert.match(missing.text, /nothing here/)
  })

  test("'use cache' + updateTag: cached reads, then the action's own re-render is fresh", async (t) => {
    if (!liveUp) return t.skip('the live server is not mounted')
    const { session, actions } = await deployed({
      'next.config.ts': `export default { cacheComponents: true }`,
      'app/actions.ts': `'use server'
import { updateTag } from 'next/cache'
export async function bump() { updateTag('n') }`,
      'app/page.tsx': `import { cacheTag } from 'next/cache'
let n = 0
async function count() { 'use cache'; cacheTag('n'); return ++n }
export default async function Page() { return <p>{'count=' + (await count())}</p> }`,
    })
    const render = async () => (await request(`/api/live/${session}/render?path=/`)).text
    assert.match(await render(), /count=1/)
    assert.match(await render(), /count=1/)
    const r = await request(`/api/live/${session}/action`, {
      method: 'POST',
      headers: {
        'next-action': actions['app/actions.ts#bump'],
        origin: PREVIEW_ORIGIN,
        'content-type': 'text/plain',
        'x-live-path': '/',
      },
      body: '[]',
    })
    assert.equal(r.status, 200)
    assert.match(r.text, /count=2/)
  })

  test('next.config bodySizeLimit and allowedOrigins apply to the session’s actions', async (t) => {
    if (!liveUp) return t.skip('the live server is not mounted')
    const { session, actions } = await deployed({
      'next.config.ts': `import type { NextConfig } from 'next'
const nextConfig: NextConfig = {
  experimental: { serverActions: { bodySizeLimit: '500kb', allowedOrigins: ['*.partner.example'] } },
}
export default nextConfig`,
      'app/actions.ts': `'use server'
export async function echo(s: string) { return s.length }`,
    })
    const call = (body, origin = PREVIEW_ORIGIN) =>
      request(`/api/live/${session}/action`, {
        method: 'POST',
        headers: {
          'next-action': actions['app/actions.ts#echo'],
          origin,
          'content-type': 'text/plain',
        },
        body,
      })
    assert.equal((await call(`["${'x'.repeat(400 * 1024)}"]`)).status, 200)
    const big = await call(`["${'x'.repeat(600 * 1024)}"]`)
    assert.equal(big.status, 500)
    assert.equal(big.headers['x-live-reason'], 'body-too-large')
    assert.match(big.text, /Body exceeded 500kb limit\./)
    // Next's CSRF rule with the playground's own allowedOrigins
    assert.equal((await call('["x"]', 'https://app.partner.example')).status, 200)
    const forged = await call('["x"]', 'https://evil.example')
    assert.equal(forged.status, 500)
    assert.equal(forged.headers['x-live-reason'], 'csrf')
  })
})
