// error.tsx, not-found.tsx, loading.tsx, template.tsx and global-error.tsx per segment (issue 12),
// nested in Next's order: layout > template > error > loading > not-found > page. The Flight answer
// carries Next's boundaries as Client Components (the preview's React catches); the HTML answer
// shows the boundary that caught, rendered by the server.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

const FILES = {
  'app/layout.tsx': `export default function Root({ children }) {
  return <html><body><header>root layout</header>{children}</body></html>
}`,
  'app/not-found.tsx': `export default function NotFound() { return <p>root not-found</p> }`,
  'app/page.tsx': `export default function Home() { return <p>home</p> }`,
  'app/posts/layout.tsx': `export default function PostsLayout({ children }) {
  return <section><h2>posts layout</h2>{children}</section>
}`,
  'app/posts/template.tsx': `export default function T({ children }) { return <div data-template="posts">{children}</div> }`,
  'app/posts/error.tsx': `'use client'
export default function PostsError({ error, reset }) {
  return <div role="alert">posts error: {error.message} digest={String(error.digest)} reset={typeof reset}</div>
}`,
  'app/posts/loading.tsx': `export default function Loading() { return <p>loading posts…</p> }`,
  'app/posts/not-found.tsx': `export default function PostNotFound() { return <p>no such post</p> }`,
  'app/posts/[id]/page.tsx': `import { notFound } from 'next/navigation'
export default async function Post({ params }) {
  const { id } = await params
  if (id === 'boom') throw new Error('secret detail of ' + id)
  if (id === 'missing') notFound()
  return <article>{'post ' + id}</article>
}`,
  'app/shop/page.tsx': `import { notFound } from 'next/navigation'
export default function Shop() { notFound() }`,
  'app/broken/layout.tsx': `export default function BrokenLayout() { throw new Error('layout broke') }`,
  'app/broken/error.tsx': `'use client'
export default function BrokenError() { return <p>broken's own error (never: its layout is above it)</p> }`,
  'app/broken/page.tsx': `export default function P() { return <p>never</p> }`,
}

async function deployed(files, mode = 'development') {
  const session = await live.session()
  const d = await live.deploy(session, files, { mode })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  return session
}
const get = async (session, kind, path) => {
  const r = await live.fetch(`/api/live/${session}/${kind}?path=${encodeURIComponent(path)}`)
  return { status: r.status, text: await r.text(), headers: r.headers }
}

test('Flight: a segment with error/loading/not-found nests Next boundaries in Next order', async () => {
  const s = await deployed(FILES)
  const r = await get(s, 'render', '/posts/7')
  assert.equal(r.status, 200)
  const at = (needle) => {
    const i = r.text.indexOf(needle)
    assert.ok(i !== -1, `${needle} not in ${r.text}`)
    return i
  }
  at('I["next/dist/client/components/error-boundary",[],"ErrorBoundary"]')
  at(
    'I["next/dist/client/components/http-access-fallback/error-boundary",[],"HTTPAccessFallbackBoundary"]',
  )
  at('I["app/posts/error.tsx",[],""]')
  at('"$Sreact.suspense"')
  // the fallback of the Suspense boundary is the segment's loading.tsx
  at('loading posts…')
  at('no such post')
  at('post 7')
})

test('HTML: the segments nest as Next nests them (layout > template > page)', async () => {
  const s = await deployed(FILES)
  const r = await get(s, 'html', '/posts/7')
  assert.equal(r.status, 200)
  assert.match(
    r.text,
    /<header>root layout<\/header><section><h2>posts layout<\/h2><div data-template="posts">(?:<!--\$-->)?<article>post 7<\/article>/,
  )
})

test('HTML: an error in a page shows the nearest error.tsx, inside the layouts (development: the message)', async () => {
  const s = await deployed(FILES)
  const r = await get(s, 'html', '/posts/boom')
  assert.equal(r.status, 500)
  assert.match(r.text, /root layout/)
  assert.match(r.text, /posts layout/)
  assert.match(r.text, /data-template="posts"/)
  assert.match(r.text, /posts error: <!-- -->secret detail of boom<!-- --> digest=<!-- -->\d+/)
  assert.match(r.text, /reset=<!-- -->function/)
})

test('HTML in production: error.tsx gets only the digest and React’s generic message', async () => {
  const s = await deployed(FILES, 'production')
  const r = await get(s, 'html', '/posts/boom')
  assert.equal(r.status, 500)
  assert.doesNotMatch(r.text, /secret detail/)
  assert.match(
    r.text,
    /posts error: <!-- -->An error occurred in the Server Components render\. The specific message is omitted in production builds/,
  )
  assert.match(r.text, /digest=<!-- -->\d+/)
  const logs = await (await live.fetch(`/api/live/${s}/logs`)).json()
  // logged once, with its digest (the render again for the boundary does not log twice)
  assert.equal(logs.entries.filter((e) => e.text.includes('secret detail of boom')).length, 1)
})

test('Flight in production: the error row carries the digest, never the message', async () => {
  const s = await deployed(FILES, 'production')
  const r = await get(s, 'render', '/posts/boom')
  assert.equal(r.status, 200) // Next 16's RSC answer; the HTML one is a 500
  assert.equal(r.headers.get('x-live-reason'), 'render-error')
  assert.doesNotMatch(r.text, /secret detail/)
  assert.match(r.text, /"digest":"\d+"/)
})

test('notFound() in a page shows the nearest not-found.tsx (404), inside the layouts', async () => {
  const s = await deployed(FILES)
  const r = await get(s, 'html', '/posts/missing')
  assert.equal(r.status, 404)
  assert.match(r.text, /posts layout/)
  assert.match(r.text, /no such post/)
  assert.doesNotMatch(r.text, /root not-found/)
})

test('notFound() in a segment without not-found.tsx reaches the root one; unknown URLs too', async () => {
  const s = await deployed(FILES)
  for (const path of ['/shop', '/nowhere/at/all']) {
    const r = await get(s, 'html', path)
    assert.equal(r.status, 404, path)
    assert.match(r.text, /root layout/, path)
    assert.match(r.text, /root not-found/, path)
  }
  const f = await get(s, 'render', '/nowhere')
  assert.equal(f.status, 404)
  assert.match(f.text, /root not-found/)
  assert.match(f.text, /HTTPAccessFallbackBoundary/)
})

test('without any not-found.tsx: Next’s default 404 page, in the root layout', async () => {
  const files = { ...FILES }
  delete files['app/not-found.tsx']
  const s = await deployed(files)
  const r = await get(s, 'html', '/nowhere')
  assert.equal(r.status, 404)
  assert.match(r.text, /root layout/)
  assert.match(r.text, /This page could not be found\./)
})

test('an error in a layout reaches the error.tsx above it, not its own segment’s', async () => {
  const files = {
    ...FILES,
    'app/error.tsx': `'use client'
export default function RootError({ error }) { return <p>root error: {error.message}</p> }`,
  }
  const s = await deployed(files)
  const r = await get(s, 'html', '/broken')
  assert.equal(r.status, 500)
  assert.match(r.text, /root error: <!-- -->layout broke/)
  assert.doesNotMatch(r.text, /broken's own error/)
  assert.match(r.text, /root layout/)
})

test('global-error.tsx catches what the root layout throws', async () => {
  const s = await deployed({
    'app/layout.tsx': `export default function Root() { throw new Error('root layout broke') }`,
    'app/global-error.tsx': `'use client'
export default function GlobalError({ error }) { return <html><body><p>global error: {error.message}</p></body></html> }`,
    'app/page.tsx': `export default function P() { return <p>never</p> }`,
  })
  const r = await get(s, 'html', '/')
  assert.equal(r.status, 500)
  assert.match(r.text, /global error: <!-- -->root layout broke/)
})

test('no error.tsx anywhere: the 500 error document as before', async () => {
  const s = await deployed({
    'app/page.tsx': `export default function P() { throw new Error('plain failure') }`,
  })
  const r = await get(s, 'html', '/')
  assert.equal(r.status, 500)
  assert.match(r.text, /Application error/)
})

test('a Server Component setting a cookie gets Next’s error; the same call in an action works', async () => {
  const session = await live.session()
  const d = await live.deploy(session, {
    'app/page.tsx': `import { cookies } from 'next/headers'
export default async function Page() {
  ;(await cookies()).set('theme', 'dark')
  return <p>never</p>
}`,
    'app/error.tsx': `'use client'
export default function E({ error }) { return <p role="alert">{error.message}</p> }`,
  })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const message =
    'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options'
  const f = await get(session, 'render', '/')
  assert.equal(f.headers.get('x-live-reason'), 'render-error')
  assert.ok(f.text.includes(message), f.text)
  assert.equal(f.headers.get('set-cookie'), null)
  const h = await get(session, 'html', '/')
  assert.equal(h.status, 500)
  assert.ok(h.text.includes(message), 'error.tsx shows it')
  assert.equal(h.headers.get('set-cookie'), null)
})
