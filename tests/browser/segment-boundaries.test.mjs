// The preview runtime's segment boundaries (preview-runtime/src/boundaries.ts, issue 12) in real
// Chromium, on the Flight answers the live server sends: the browser's React catches an error in
// a page at the nearest error.tsx (development: its message; production: React's generic message
// and the digest), notFound() at the nearest not-found.tsx, and `reset` renders the page again.
// Needs only Chromium and the live server (no site build): the answers are fetched here and
// handed to a page that runs the preview's own boundary and Flight client code.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { launch, openPage } from '../support/browser.mjs'
import { startLive } from '../unit/action-server/helpers.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const FILES = {
  'app/layout.tsx': `export default function Root({ children }) { return <main>{children}</main> }`,
  'app/posts/error.tsx': `'use client'
export default function PostsError({ error, reset }) { return null }`,
  'app/posts/not-found.tsx': `export default function NotFound() { return <p>no such post</p> }`,
  'app/posts/[id]/page.tsx': `import { notFound } from 'next/navigation'
export default async function Post({ params }) {
  const { id } = await params
  if (id === 'boom') throw new Error('secret detail')
  if (id === 'missing') notFound()
  return <article>{'post ' + id}</article>
}`,
}

// The page: the preview's boundaries, webpack shim and Flight client choice; the playground's
// error.tsx (a client file the preview would compile) is played by a component of the same shape.
const ENTRY = `
import '${ROOT}preview-runtime/src/webpack-shim.ts'
import { setClientModuleLoader } from '${ROOT}preview-runtime/src/webpack-shim.ts'
import { createElement, Suspense, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { createFromFetch, setFlightMode } from '${ROOT}preview-runtime/src/flight.ts'

function PostsError({ error, reset }) {
  return createElement('div', { role: 'alert' },
    createElement('p', { id: 'message' }, error.message),
    createElement('p', { id: 'digest' }, String(error.digest)),
    createElement('button', { onClick: reset }, 'Try again'))
}
setClientModuleLoader((id) => {
  if (id === 'app/posts/error.tsx') return { __esModule: true, default: PostsError }
  throw new Error('unexpected client module ' + id)
})

window.show = async (base64, mode) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  setFlightMode(mode) // what the preview does with the deploy's answer
  const payload = await createFromFetch(Promise.resolve(new Response(bytes)))
  const root = createRoot(document.getElementById('root'))
  root.render(createElement(Suspense, { fallback: null }, payload.t.t))
}
`

let live
let browser
let script
before(async () => {
  live = await startLive()
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    conditions: ['browser'],
    define: { 'process.env.NODE_ENV': '"development"' }, // as preview-runtime/build.mjs
    alias: {
      'react-server-dom-webpack/client.browser.production': `${ROOT}node_modules/react-server-dom-webpack/cjs/react-server-dom-webpack-client.browser.production.js`,
    },
    logLevel: 'silent',
  })
  script = out.outputFiles[0].text
  browser = await launch()
})
after(async () => {
  await browser?.close()
  await live?.close()
})

async function shown(mode, path) {
  const session = await live.session()
  const d = await live.deploy(session, FILES, { mode })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  assert.equal(d.body.mode, mode)
  const r = await live.fetch(`/api/live/${session}/render?path=${encodeURIComponent(path)}`)
  const flight = Buffer.from(await r.arrayBuffer()).toString('base64')
  const { page, record, context } = await openPage(browser)
  await page.setContent('<!DOCTYPE html><div id="root"></div>')
  await page.addScriptTag({ content: script })
  await page.evaluate(([b, m]) => window.show(b, m), [flight, mode])
  await page.waitForFunction(() => document.getElementById('root').textContent.length > 0)
  return { page, record, context, text: () => page.locator('#root').innerText() }
}

test('an error in a page: the nearest error.tsx shows, inside the layout (development: the message)', async () => {
  const { page, context, text } = await shown('development', '/posts/boom')
  assert.equal(await page.locator('main [role="alert"]').count(), 1)
  assert.match(await text(), /secret detail/)
  assert.match(await page.locator('#digest').innerText(), /^\d+$/)
  await context.close()
})

test('production: only React’s generic message and the digest reach error.tsx', async () => {
  const { page, context, text } = await shown('production', '/posts/boom')
  assert.doesNotMatch(await text(), /secret detail/)
  assert.match(
    await page.locator('#message').innerText(),
    /^An error occurred in the Server Components render\. The specific message is omitted in production builds/,
  )
  assert.match(await page.locator('#digest').innerText(), /^\d+$/)
  await context.close()
})

test('notFound(): the nearest not-found.tsx, passing through the error boundary', async () => {
  const { context, text } = await shown('development', '/posts/missing')
  assert.equal(await text(), 'no such post')
  await context.close()
})

test('reset: the boundary renders its children again (the error comes back from the same tree)', async () => {
  const { page, context } = await shown('development', '/posts/boom')
  await page.getByRole('button', { name: 'Try again' }).click()
  await page.waitForFunction(() => document.querySelector('[role="alert"]'))
  assert.equal(await page.locator('[role="alert"]').count(), 1)
  await context.close()
})

test('a page without errors renders through the boundaries', async () => {
  const { context, text } = await shown('development', '/posts/7')
  assert.equal(await text(), 'post 7')
  await context.close()
})
