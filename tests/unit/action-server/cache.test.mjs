// The session's data cache (issue 12): 'use cache' (file and function level) with cacheTag and
// cacheLife, unstable_cache with tags, and Next 16's revalidation: revalidateTag(tag, 'max') serves
// the stale value once and refreshes it, updateTag / revalidatePath expire at once (the action's
// own re-render reads fresh data), refresh() renders again without touching cached data.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

const CONFIG = `import type { NextConfig } from 'next'
const nextConfig: NextConfig = { cacheComponents: true }
export default nextConfig
`

// Every computation is counted: the page shows the count, so a cache hit is visible.
const DATA = `import { cacheTag, cacheLife } from 'next/cache'
import { db } from '@/lib/db'
let computed = 0
export async function getPosts() {
  'use cache'
  cacheTag('posts')
  computed++
  const posts = await db.post.findMany({ orderBy: { id: 'asc' } })
  return { computed, titles: posts.map((p) => p.title) }
}
export async function getClock() {
  'use cache'
  cacheLife('seconds')
  computed++
  return { clock: computed }
}
export async function square(n: number) {
  'use cache'
  computed++
  return n * n
}
`

const ACTIONS = `'use server'
import { revalidateTag, updateTag, revalidatePath, refresh } from 'next/cache'
import { db } from '@/lib/db'
export async function addUpdate(title: string) {
  await db.post.create({ data: { title } })
  updateTag('posts')
}
export async function addStale(title: string) {
  await db.post.create({ data: { title } })
  revalidateTag('posts', 'max')
}
export async function addPath(title: string) {
  await db.post.create({ data: { title } })
  revalidatePath('/')
}
export async function addRefresh(title: string) {
  await db.post.create({ data: { title } })
  refresh()
}
`

const PAGE = `import { getPosts } from './data'
export default async function Page() {
  const { computed, titles } = await getPosts()
  return <main><p>computed={computed}</p><ul>{titles.map((t) => <li key={t}>{t}</li>)}</ul></main>
}
`

const SEED = { post: [{ title: 'first' }] }

async function deployed(files, seed = SEED) {
  const session = await live.session()
  const d = await live.deploy(session, files, { seed })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const ids = {}
  for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
  return { session, ids }
}

const page = async (session, path = '/') => {
  const r = await live.fetch(`/api/live/${session}/render?path=${encodeURIComponent(path)}`)
  return r.text()
}
// ["$","li","<key>",…]: the list items' keys are the titles
const titles = (text) => [...text.matchAll(/\["\$","li","([^"]+)"/g)].map((m) => m[1])
const computed = (text) => Number(/"computed=",(\d+)/.exec(text)?.[1])

const FILES = {
  'next.config.ts': CONFIG,
  'app/data.ts': DATA,
  'app/actions.ts': ACTIONS,
  'app/page.tsx': PAGE,
}

test("'use cache' needs cacheComponents in next.config, as Next's compiler says", async () => {
  const session = await live.session()
  const files = { ...FILES }
  delete files['next.config.ts']
  const d = await live.deploy(session, files)
  assert.equal(d.status, 422)
  assert.equal(d.body.errors[0].file, 'app/data.ts')
  assert.match(
    d.body.errors[0].message,
    /^To use "use cache", please enable the feature flag `cacheComponents` in your Next\.js config\./,
  )
})

test("a 'use cache' function is computed once, then read from the session's cache", async () => {
  const { session } = await deployed(FILES)
  const a = await page(session)
  const b = await page(session)
  assert.match(a, /computed=/)
  assert.deepEqual(titles(a), ['first'])
  assert.equal(computed(a), 1)
  assert.equal(computed(b), 1, 'the second render reads the cached value')
})

test('updateTag: the action’s own re-render reads fresh data (read-your-own-writes)', async () => {
  const { session, ids } = await deployed(FILES)
  await page(session)
  const r = await live.call(session, ids.addUpdate, ['second'], { headers: { 'x-live-path': '/' } })
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-action-revalidated'), '1')
  assert.deepEqual(titles(r.text), ['first', 'second'])
  assert.equal(computed(r.text), 2)
})

test("revalidateTag(tag, 'max'): the next read is stale and refreshes in the background", async () => {
  const { session, ids } = await deployed(FILES)
  await page(session)
  const r = await live.call(session, ids.addStale, ['second'], { headers: { 'x-live-path': '/' } })
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-action-revalidated'), null, 'no re-render (Next 16)')
  const stale = await page(session)
  assert.deepEqual(titles(stale), ['first'], 'stale value served once')
  const fresh = await page(session)
  assert.deepEqual(titles(fresh), ['first', 'second'])
  assert.equal(computed(fresh), 2)
})

test('revalidatePath expires what was cached while rendering that path', async () => {
  const { session, ids } = await deployed(FILES)
  await page(session)
  const r = await live.call(session, ids.addPath, ['second'], { headers: { 'x-live-path': '/' } })
  assert.deepEqual(titles(r.text), ['first', 'second'])
})

test('refresh() renders the page again but keeps cached data', async () => {
  const { session, ids } = await deployed(FILES)
  await page(session)
  const r = await live.call(session, ids.addRefresh, ['second'], {
    headers: { 'x-live-path': '/' },
  })
  assert.equal(r.headers.get('x-action-revalidated'), '2')
  assert.deepEqual(titles(r.text), ['first'], 'the page came back, the cached list did not change')
  assert.equal(computed(r.text), 1)
})

test('cacheLife: past its revalidate time an entry is served stale once, then fresh', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { getClock } from './data'
export default async function Page() { const { clock } = await getClock(); return <p>computed={clock}</p> }`,
  })
  assert.equal(computed(await page(session)), 1)
  assert.equal(computed(await page(session)), 1)
  await new Promise((r) => setTimeout(r, 1100)) // 'seconds': revalidate 1 s
  assert.equal(computed(await page(session)), 1, 'stale-while-revalidate')
  assert.equal(computed(await page(session)), 2)
})

test('arguments are part of the key; the cache is bounded in entries', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { square } from './data'
export default async function Page({ searchParams }) {
  const { n, from, to } = await searchParams
  let last = 0
  for (let i = Number(from); i < Number(to); i++) last = await square(i)
  return <p>computed={await square(Number(n))}</p>
}`,
  })
  // 0..9 computed: 10 computations, plus square(3) is a hit
  assert.equal(computed(await page(session, '/?n=3&from=0&to=10')), 9)
  // 300 more keys: the oldest ones are evicted (200 entries at most)
  await page(session, '/?n=3&from=10&to=310')
  // square(0) was evicted: computed again (the page shows the value, and the count moved on)
  assert.equal(computed(await page(session, '/?n=0&from=0&to=0')), 0)
})

test('unstable_cache with tags: kept as JSON (a Date comes back a string), revalidated by tag', async () => {
  const { session, ids } = await deployed({
    'app/actions.ts': ACTIONS,
    'app/page.tsx': `import { unstable_cache } from 'next/cache'
import { db } from '@/lib/db'
let computed = 0
const getPosts = unstable_cache(async () => {
  computed++
  const posts = await db.post.findMany()
  return { computed, at: new Date(0), titles: posts.map((p) => p.title) }
}, ['posts'], { tags: ['posts'] })
export default async function Page() {
  const { computed, at, titles } = await getPosts()
  return <main><p>computed={computed}</p><p>{typeof at}</p><ul>{titles.map((t) => <li key={t}>{t}</li>)}</ul></main>
}`,
  })
  const a = await page(session)
  assert.match(a, /"string"|>string</)
  assert.equal(computed(await page(session)), 1)
  const r = await live.call(session, ids.addUpdate, ['second'], { headers: { 'x-live-path': '/' } })
  assert.deepEqual(titles(r.text), ['first', 'second'])
})

test('cookies() inside a "use cache" function: Next’s error', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { cookies } from 'next/headers'
async function theme() {
  'use cache'
  return (await cookies()).get('theme')?.value ?? 'none'
}
export default async function Page() { return <p>{await theme()}</p> }`,
  })
  const r = await live.fetch(`/api/live/${session}/render?path=/`)
  assert.equal(r.headers.get('x-live-reason'), 'render-error')
  assert.match(
    await r.text(),
    /Route \\"\/\\": `cookies\(\)` can't be read inside `\\"use cache\\"`/,
  )
})

test('cacheTag outside a cached function: Next’s error', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { cacheTag } from 'next/cache'
export default async function Page() { cacheTag('x'); return <p>never</p> }`,
  })
  const r = await live.fetch(`/api/live/${session}/render?path=/`)
  assert.equal(r.headers.get('x-live-reason'), 'render-error')
  assert.match(await r.text(), /`cacheTag\(\)` can only be called inside a `\\"use cache\\"`/)
})

test("file-level 'use cache' caches every exported async function; a cached component keeps its output", async () => {
  const { session } = await deployed({
    'next.config.ts': CONFIG,
    'app/data.ts': `'use cache'
let computed = 0
export async function stamp() { computed++; return computed }
function helper() { return 'sync helpers stay as they are' }
export async function describe() { return helper() }
`,
    'app/stamp.tsx': `import { cacheLife } from 'next/cache'
let renders = 0
export default async function Stamp({ label }) {
  'use cache'
  cacheLife('hours')
  renders++
  return <span>{label}:{renders}</span>
}`,
    'app/page.tsx': `import { stamp, describe } from './data'
import Stamp from './stamp'
export default async function Page() {
  return <main><p>computed={await stamp()}</p><p>{await describe()}</p><Stamp label="a" /><Stamp label="b" /><Stamp label="a" /></main>
}`,
  })
  const first = await page(session)
  assert.equal(computed(first), 1)
  assert.match(first, /sync helpers stay as they are/)
  const second = await page(session)
  assert.equal(computed(second), 1)
  // Props are the key: "a" rendered once (its second use is a hit), "b" once.
  assert.match(second, /"a",":",1\]/)
  assert.match(second, /"b",":",2\]/)
})

test("'use cache' on a function that is not async: Next's compile error", async () => {
  const session = await live.session()
  const d = await live.deploy(session, {
    'next.config.ts': CONFIG,
    'app/page.tsx': `function f() { 'use cache'; return 1 }
export default function Page() { return <p>{f()}</p> }`,
  })
  assert.equal(d.status, 422)
  assert.deepEqual(
    { file: d.body.errors[0].file, line: d.body.errors[0].line },
    { file: 'app/page.tsx', line: 1 },
  )
})

test('updateTag and refresh while rendering: Next 16’s errors', async () => {
  for (const [call, message] of [
    [
      "updateTag('posts')",
      'updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead.',
    ],
    ['refresh()', 'refresh can only be called from within a Server Action. See more info here:'],
  ]) {
    const { session } = await deployed({
      'app/page.tsx': `import { updateTag, refresh } from 'next/cache'
export default async function Page() { ${call}; return <p>never</p> }`,
    })
    const r = await live.fetch(`/api/live/${session}/render?path=/`)
    assert.equal(r.headers.get('x-live-reason'), 'render-error')
    assert.ok((await r.text()).includes(message), call)
  }
})
