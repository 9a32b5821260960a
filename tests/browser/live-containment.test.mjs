// Issue 9 (sandbox half) through the real site: `next start`, Next's adapter, the preview origin.
// A late queued call and memory outside the heap must end that call, never the sandbox other
// sessions share; after each, an honest session answers 200 with its rows intact.
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { BASE_URL } from '../support/browser.mjs'
import { hostFetch } from '../../scripts/host-fetch.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')

const PREVIEW_HOST = `preview.${new URL(BASE_URL).host}`
const ORIGIN = `http://${PREVIEW_HOST}`

// Node's fetch drops the Host header; Next derives x-forwarded-host (the CSRF check) from it.
function live(path, init = {}) {
  return hostFetch(BASE_URL + path, { ...init, host: PREVIEW_HOST })
}

async function playground(source) {
  const r = await live('/api/live/sessions', { method: 'POST' })
  assert.equal(r.status, 201)
  const { session } = await r.json()
  const d = await live(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: { 'app/actions.ts': source } }),
  })
  const body = await d.json()
  assert.equal(d.status, 200, JSON.stringify(body))
  const ids = {}
  for (const [k, id] of Object.entries(body.actions)) ids[k.split('#')[1]] = id
  return { session, ids }
}

async function call(pg, name, args = []) {
  const r = await live(`/api/live/${pg.session}/action`, {
    method: 'POST',
    headers: { 'next-action': pg.ids[name], origin: ORIGIN },
    body: await encodeReply(args),
  })
  return { status: r.status, reason: r.headers.get('x-live-reason'), text: await r.text() }
}

const HONEST = `'use server'
import { db } from '@/lib/db'
export async function add(text: string) { await db.note.create({ data: { text } }); return (await db.note.findMany()).map((n: any) => n.text).join('|') }
`
const HOSTILE = `'use server'
export async function slow() { await new Promise((r) => setTimeout(r, 12_000)); return 'slept' }
export async function wasm() { const g: any = globalThis; return typeof g.WebAssembly }
export async function bigArray() { return new Array(2 ** 27 + 10).fill(0).length }
`

async function honestStillWorks(pg, label) {
  const r = await call(pg, 'add', [label])
  assert.equal(r.status, 200, `${r.reason} ${r.text.slice(0, 200)}`)
  assert.match(r.text, new RegExp(`before\\|.*${label}`))
}

describe('live sandbox containment through the real site', () => {
  test(
    'two 12 s calls queued in one session both finish; other sessions keep their sandbox',
    { timeout: 60_000 },
    async () => {
      const bystander = await playground(HONEST)
      assert.equal((await call(bystander, 'add', ['before'])).status, 200)
      const attacker = await playground(HOSTILE)
      // The second call leaves the queue 12 s after it was sent; its own 15 s start then.
      const [a, b] = await Promise.all([call(attacker, 'slow'), call(attacker, 'slow')])
      assert.equal(a.status, 200, `${a.reason} ${a.text.slice(0, 200)}`)
      assert.equal(b.status, 200, `${b.reason} ${b.text.slice(0, 200)}`)
      assert.match(b.text, /slept/)
      await honestStillWorks(bystander, 'after-slow')
    },
  )

  test(
    'no WebAssembly; a 2^27-element array is refused at once, the rest keeps working',
    { timeout: 60_000 },
    async () => {
      const bystander = await playground(HONEST)
      assert.equal((await call(bystander, 'add', ['before'])).status, 200)
      const attacker = await playground(HOSTILE)
      const w = await call(attacker, 'wasm')
      assert.equal(w.status, 200)
      assert.match(w.text, /undefined/)
      const r = await call(attacker, 'bigArray')
      assert.equal(r.status, 500)
      assert.equal(r.reason, 'action-error')
      assert.match(r.text, /limited to 16777216 elements/)
      await honestStillWorks(bystander, 'after-array')
    },
  )
})
