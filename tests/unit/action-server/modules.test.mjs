// The modules playground code can import: next/headers, next/cache, next/navigation, server-only,
// zod, @/lib/db, @/lib/auth — and real cookies across calls.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startLive } from './helpers.mjs'
import { BUILTIN_MODULES } from '../../../action-server/compiler/resolve.mjs'

const ACTIONS = `'use server'
import 'server-only'
import { cookies, headers } from 'next/headers'
import { revalidatePath, revalidateTag, updateTag, refresh } from 'next/cache'
import { z } from 'zod'
import db from '@/lib/db'
import { auth, currentUser } from '@/lib/auth'

export async function setTheme(theme: string) {
  const store = await cookies()
  store.set('theme', theme, { httpOnly: true, sameSite: 'lax', maxAge: 3600 })
  return store.get('theme')?.value
}
export async function readTheme() { return (await cookies()).get('theme')?.value ?? null }
export async function readThemeSync() { return (cookies() as any).get('theme')?.value ?? null }
export async function forget() { (await cookies()).delete('theme'); return (await cookies()).has('theme') }
export async function cookieList() { return (await cookies()).getAll().map((c) => c.name).sort() }
export async function whoAsks() {
  const h = await headers()
  return { ua: h.get('user-agent'), custom: h.get('x-custom'), sync: (headers() as any).get('x-custom') }
}
export async function tryWriteHeaders() { (await headers()).set('x', '1') }
export async function bust() { updateTag('a'); refresh(); return 'ok' }
export async function refreshOnly() { refresh(); return 'ok' }

const Todo = z.object({ title: z.string().min(3), done: z.boolean().default(false) })
export async function addTodo(input: unknown) {
  const parsed = Todo.safeParse(input)
  if (!parsed.success) return { ok: false, errors: z.flattenError(parsed.error).fieldErrors }
  const todo = await db.todo.create({ data: parsed.data })
  revalidatePath('/')
  return { ok: true, todo }
}
export async function addFromForm(prev: unknown, fd: FormData) {
  const title = String(fd.get('title') ?? '')
  return addTodo({ title })
}
export async function listTodos() { return db.todo.findMany({ orderBy: { id: 'desc' } }) }
export async function dbTour() {
  const a = await db.post.create({ data: { title: 'A', likes: 1 } })
  const b = await db.post.create({ data: { title: 'B', likes: 5 } })
  await db.post.update({ where: { id: a.id }, data: { likes: { increment: 10 } } })
  const popular = await db.post.findMany({ where: { likes: { gte: 5 } }, orderBy: { likes: 'asc' } })
  const one = await db.post.findUnique({ where: { id: String(b.id) } })
  const mutated = await db.post.findUnique({ where: { id: a.id } })
  if (mutated) mutated.title = 'changed outside the db'
  await db.post.delete({ where: { id: b.id } })
  let missing = ''
  try { await db.post.update({ where: { id: 999 }, data: { title: 'x' } }) } catch (e: any) { missing = e.code }
  return { popular: popular.map((p) => p.title + p.likes), one: one?.title, left: await db.post.count(), title: (await db.post.findFirst())?.title, missing }
}
export async function seeded() { return db.product.findMany({ where: { price: { lt: 10 } } }) }
export async function urls(cases: [string, string | undefined][]) {
  return cases.map(([input, base]) => {
    try {
      const u = new URL(input, base)
      return [u.href, u.origin, u.host, u.pathname, u.search, u.hash, u.searchParams.get('q')]
    } catch (e: any) { return 'TypeError' }
  })
}
export async function params() {
  const p = new URLSearchParams('a=1&b=two+words&a=3&c=%26')
  p.append('d', 'x y')
  p.set('a', '9')
  const u = new URL('https://docs.example.com/fr/forms?tab=1')
  u.searchParams.set('tab', '2')
  u.searchParams.append('lang', 'fr')
  return { all: [...p], str: p.toString(), href: u.href, fromObject: new URLSearchParams({ x: '1', y: '2' }).toString() }
}
export async function me() { return { auth: await auth(), user: await currentUser() } }
export async function dbFace() {
  const all: any = await import('@/lib/db')
  return { names: Object.keys(all).sort(), same: all.db === db && all.prisma === db }
}
`

let live
let pg
before(async () => {
  live = await startLive()
  pg = await live.playground(ACTIONS, {
    seed: {
      product: [
        { id: 'p1', name: 'Pen', price: 2 },
        { id: 'p2', name: 'Lamp', price: 40 },
      ],
      user: [{ id: 'u9', name: 'Grace Hopper', imageUrl: '/g.png' }],
    },
  })
})
after(() => live.close())

test('the compiler and the runtime offer the same built-in modules', () => {
  const runtime = readFileSync(
    new URL('../../../action-server/runtime/builtins.js', import.meta.url),
    'utf8',
  )
  const names = [
    ...runtime.matchAll(/^\s+'?([@\w/.-]+)'?: (?:\(\) => require|once\(\(\) =>)/gm),
  ].map((m) => m[1])
  // live/closures is the runtime's only extra: the hoisting transform reaches it, playground code not.
  assert.deepEqual(names.sort(), [...BUILTIN_MODULES, 'live/closures'].sort())
})

describe('cookies', () => {
  test('set → Set-Cookie scoped to the session, sent back → visible to the next call (async and sync)', async () => {
    const set = await live.call(pg.session, pg.ids.setTheme, ['dark'])
    assert.equal(set.value, 'dark') // visible in the same call right after set
    const cookie = set.headers.get('set-cookie')
    assert.equal(
      cookie,
      `theme=dark; Path=/api/live/${pg.session}; Max-Age=3600; HttpOnly; SameSite=Lax`,
    )
    assert.equal(set.headers.get('x-action-revalidated'), '1')
    const jar = cookie.split(';')[0]
    assert.equal(
      (await live.call(pg.session, pg.ids.readTheme, [], { headers: { cookie: jar } })).value,
      'dark',
    )
    assert.equal(
      (await live.call(pg.session, pg.ids.readThemeSync, [], { headers: { cookie: jar } })).value,
      'dark',
    )
    assert.equal((await live.call(pg.session, pg.ids.readTheme)).value, null)
  })
  test('delete → an expiring Set-Cookie', async () => {
    const r = await live.call(pg.session, pg.ids.forget, [], { headers: { cookie: 'theme=dark' } })
    assert.equal(r.value, false)
    assert.match(
      r.headers.get('set-cookie'),
      /^theme=; Path=\/api\/live\/[\w-]+; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT$/,
    )
  })
  test('getAll sees the cookies the browser sent that the playground set, no others', async () => {
    const r = await live.call(pg.session, pg.ids.cookieList, [], {
      headers: { cookie: 'a=1; theme=two%20words; live_user=user_1' },
    })
    assert.deepEqual(r.value, ['live_user', 'theme'])
  })
})

describe('headers', () => {
  test('headers() reads the request, awaited or not', async () => {
    const r = await live.call(pg.session, pg.ids.whoAsks, [], {
      headers: { 'user-agent': 'test-agent', 'x-custom': 'yes' },
    })
    assert.deepEqual(r.value, { ua: 'test-agent', custom: 'yes', sync: 'yes' })
  })
  test('headers() is read-only, with Next’s message', async () => {
    const r = await live.call(pg.session, pg.ids.tryWriteHeaders)
    assert.equal(r.status, 500)
    assert.match(r.error.message, /^Headers cannot be modified/)
  })
})

describe('next/cache and zod', () => {
  test('updateTag and refresh mark the response revalidated', async () => {
    const r = await live.call(pg.session, pg.ids.bust)
    assert.equal(r.headers.get('x-action-revalidated'), '1')
  })
  test('refresh() alone: x-action-revalidated: 2 (dynamic data only, as Next)', async () => {
    const r = await live.call(pg.session, pg.ids.refreshOnly)
    assert.equal(r.headers.get('x-action-revalidated'), '2')
    assert.equal('t' in r.payload, true, 'the page is rendered again')
  })
  test('a zod-validated create stores the row and revalidates', async () => {
    const ok = await live.call(pg.session, pg.ids.addTodo, [{ title: 'Write docs' }])
    assert.equal(ok.value.ok, true)
    assert.equal(ok.value.todo.title, 'Write docs')
    assert.equal(ok.value.todo.done, false)
    assert.ok(ok.value.todo.createdAt instanceof Date)
    assert.equal(ok.headers.get('x-action-revalidated'), '1')
    const bad = await live.call(pg.session, pg.ids.addTodo, [{ title: 'no' }])
    assert.equal(bad.value.ok, false)
    assert.ok(bad.value.errors.title[0].length > 0)
    assert.equal(bad.headers.get('x-action-revalidated'), null)
  })
  test('a form action gets (prevState, FormData)', async () => {
    const fd = new FormData()
    fd.append('title', 'From a form')
    const r = await live.call(pg.session, pg.ids.addFromForm, [null, fd])
    assert.equal(r.value.todo.title, 'From a form')
    const list = await live.call(pg.session, pg.ids.listTodos)
    assert.deepEqual(
      list.value.map((t) => t.title),
      ['From a form', 'Write docs'],
    )
  })
})

describe('@/lib/db', () => {
  test('Prisma-like create / findMany / findUnique / update / delete / count', async () => {
    const r = await live.call(pg.session, pg.ids.dbTour)
    assert.deepEqual(r.value, {
      popular: ['B5', 'A11'],
      one: 'B',
      left: 1,
      title: 'A',
      missing: 'P2025',
    })
  })
  test('offers the database only: the store’s seed, dump, restore and reports are not reachable', async () => {
    const r = await live.call(pg.session, pg.ids.dbFace)
    assert.deepEqual(r.value, { names: ['db', 'default', 'prisma'], same: true })
  })
  test('seed data from the deploy', async () => {
    const r = await live.call(pg.session, pg.ids.seeded)
    assert.deepEqual(
      r.value.map((p) => p.name),
      ['Pen'],
    )
  })
})

describe('@/lib/auth', () => {
  test('signed out by default', async () => {
    const r = await live.call(pg.session, pg.ids.me)
    assert.deepEqual(r.value, { auth: { userId: null }, user: null })
  })
  test('the playground’s sign-in toggle sets a session-scoped cookie that auth() reads', async () => {
    const signIn = await live.fetch(`/api/live/${pg.session}/auth`, {
      method: 'POST',
      body: JSON.stringify({ user: 'u9' }),
    })
    assert.equal(signIn.status, 200)
    const cookie = signIn.headers.get('set-cookie')
    assert.match(
      cookie,
      new RegExp(`^live_user=u9; Path=/api/live/${pg.session}; HttpOnly; SameSite=Lax$`),
    )
    const r = await live.call(pg.session, pg.ids.me, [], {
      headers: { cookie: cookie.split(';')[0] },
    })
    assert.deepEqual(r.value, {
      auth: { userId: 'u9' },
      user: { id: 'u9', name: 'Grace Hopper', imageUrl: '/g.png' },
    })
    const demo = await live.call(pg.session, pg.ids.me, [], {
      headers: { cookie: 'live_user=user_1' },
    })
    assert.equal(demo.value.user.name, 'Ada Lovelace')
    const signOut = await live.fetch(`/api/live/${pg.session}/auth`, {
      method: 'POST',
      body: JSON.stringify({ user: null }),
    })
    assert.match(signOut.headers.get('set-cookie'), /^live_user=; .*Max-Age=0/)
  })
  test('a user that is not well-formed text is a 400, not a crash', async () => {
    // A lone surrogate, and one left by cutting a pair at the 100-character limit.
    for (const user of ['\ud800', `${'a'.repeat(99)}\u{1f600}`]) {
      const r = await live.fetch(`/api/live/${pg.session}/auth`, {
        method: 'POST',
        body: JSON.stringify({ user }),
      })
      if (user.length > 100) {
        assert.equal(r.status, 200, 'a long name is cut on a character boundary')
        assert.match(r.headers.get('set-cookie'), new RegExp(`^live_user=${'a'.repeat(99)};`))
        continue
      }
      assert.equal(r.status, 400)
      assert.equal((await r.json()).reason, 'bad-request')
    }
  })
})

test('URL and URLSearchParams behave like Node’s', async () => {
  const cases = [
    ['https://Docs.Example.com:443/a/../b/./c?q=1#top', undefined],
    ['http://user:pw@localhost:3000/x?q=a+b', undefined],
    ['/done?q=2', 'https://site.test/fr/forms'],
    ['../up', 'https://site.test/a/b/c'],
    ['next', 'https://site.test/a/b'],
    ['?q=3', 'https://site.test/a/b#h'],
    ['#frag', 'https://site.test/a?q=4'],
    ['//other.test/p', 'https://site.test/'],
    ['not a url', undefined],
    ['http://', undefined],
  ]
  const r = await live.call(pg.session, pg.ids.urls, [cases])
  const expected = cases.map(([input, base]) => {
    try {
      const u = new URL(input, base)
      return [u.href, u.origin, u.host, u.pathname, u.search, u.hash, u.searchParams.get('q')]
    } catch {
      return 'TypeError'
    }
  })
  assert.deepEqual(r.value, expected)
  const p = await live.call(pg.session, pg.ids.params)
  const n = new URLSearchParams('a=1&b=two+words&a=3&c=%26')
  n.append('d', 'x y')
  n.set('a', '9')
  const u = new URL('https://docs.example.com/fr/forms?tab=1')
  u.searchParams.set('tab', '2')
  u.searchParams.append('lang', 'fr')
  assert.deepEqual(p.value, { all: [...n], str: n.toString(), href: u.href, fromObject: 'x=1&y=2' })
})

test('client-only cannot be imported on the server, however often a session tries', async () => {
  const session = await live.session()
  for (let attempt = 0; attempt < 2; attempt++) {
    const d = await live.deploy(session, {
      'app/actions.ts': `'use server'\nimport 'client-only'\nexport async function a() {}`,
    })
    assert.equal(d.status, 422, `attempt ${attempt + 1}`)
    assert.match(
      d.body.errors[0].message,
      /'client-only' cannot be imported from a Server Component module/,
    )
  }
})

test('a second client-only import in one module graph throws too', async () => {
  const session = await live.session()
  const d = await live.deploy(session, {
    'app/actions.ts': `'use server'
let first = 'passed'
try { require('client-only') } catch { first = 'threw' }
export async function twice() {
  try { require('client-only'); return first + ', then passed' } catch { return first + ', then threw' }
}`,
  })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const r = await live.call(session, d.body.actions['app/actions.ts#twice'])
  assert.equal(r.value, 'threw, then threw')
})

test('cookies() outside a request → Next’s message', async () => {
  const d = await live.deploy(await live.session(), {
    'app/actions.ts': `'use server'\nimport { cookies } from 'next/headers'\ncookies()\nexport async function a() {}`,
  })
  assert.equal(d.status, 422)
  assert.match(d.body.errors[0].message, /`cookies` was called outside a request scope/)
})
