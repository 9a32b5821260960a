// Server Components on the live server (issue 4): render, inline actions with encrypted closures,
// revalidation, redirects, the no-JavaScript form flow, and pages that loop or throw.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

async function deployed(files, extra) {
  const session = await live.session()
  const d = await live.deploy(session, files, extra)
  assert.equal(d.status, 200, JSON.stringify(d.body))
  return { session, body: d.body }
}

const render = (session, path = '/', init) =>
  live.fetch(`/api/live/${session}/render?path=${encodeURIComponent(path)}`, init)
const html = (session, path = '/') =>
  live.fetch(`/api/live/${session}/html?path=${encodeURIComponent(path)}`)

/** Renders the Flight stream's text: enough to look for strings and references. */
async function renderText(session, path) {
  const r = await render(session, path)
  return { status: r.status, headers: r.headers, text: await r.text() }
}

/** The hidden fields React rendered for the n-th form of an HTML page, plus extra fields. */
function formFields(page, n = 0, extra = {}) {
  const forms = [...page.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)]
  assert.ok(forms[n], `form ${n} not found in ${page}`)
  const fd = new FormData()
  for (const m of forms[n][1].matchAll(/<input\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])
    if (!name) continue
    const value = /\bvalue="([^"]*)"/.exec(m[1])
    const decode = (s) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    fd.append(decode(name[1]), value ? decode(value[1]) : '')
  }
  for (const [k, v] of Object.entries(extra)) {
    fd.delete(k)
    fd.append(k, v)
  }
  return fd
}

const postForm = (session, path, fd, headers = {}) =>
  live.fetch(`/api/live/${session}/html?path=${encodeURIComponent(path)}`, {
    method: 'POST',
    body: fd,
    headers: { origin: live.url, ...headers },
    redirect: 'manual',
  })

// Seed 000: a server page passes an imported action to a client form.
const SEED_000 = {
  'app/actions.ts': `'use server'
import { auth } from '@/lib/auth'
export async function addItem(formData: FormData) {
  const { userId } = await auth()
  if (!userId) throw new Error('You must be signed in to add an item to your cart')
  console.log('add item server action', formData.get('name'))
  return 'added ' + formData.get('name')
}`,
  'app/page.tsx': `import UI from './ui'
import { addItem } from './actions'
export default function Hobby() {
  return <UI addItem={addItem} />
}`,
  'app/ui.tsx': `'use client'
import { useFormStatus } from 'react-dom'
export default function UI({ addItem }) {
  return (
    <form action={addItem}>
      <input value={'test'} type='text' name='name' readOnly />
      <button type='submit'>Add to Cart</button>
    </form>
  )
}`,
}

test('seed 000: the server page renders with a client reference and the action id, and the action runs', async () => {
  const { session, body } = await deployed(SEED_000)
  assert.equal(body.render, true)
  assert.deepEqual(body.routes, ['/'])
  const id = body.actions['app/actions.ts#addItem']
  const r = await renderText(session, '/')
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('content-type'), 'text/x-component')
  assert.match(r.text, /I\["app\/ui\.tsx",\[\],""\]/)
  assert.ok(r.text.includes(`"id":"${id}"`))
  await live.fetch(`/api/live/${session}/auth`, {
    method: 'POST',
    body: JSON.stringify({ user: 'user_1' }),
  })
  const call = await live.call(
    session,
    id,
    [
      (() => {
        const f = new FormData()
        f.set('name', 'test')
        return f
      })(),
    ],
    {
      headers: { cookie: 'live_user=user_1' },
    },
  )
  assert.equal(call.status, 200)
  assert.equal(call.value, 'added test')
})

// Seed 003: publish closes over publishVersion; a stale version must fail as the example intends.
const SEED_003 = {
  'app/page.tsx': `import { db } from '@/lib/db'
async function getLatestVersion() {
  const v = await db.version.findFirst({ orderBy: { id: 'desc' } })
  return v ? v.number : 0
}
export default async function Page() {
  const publishVersion = await getLatestVersion()
  async function publish() {
    'use server'
    if (publishVersion !== await getLatestVersion()) {
      throw new Error('The version has changed since pressing publish')
    }
    await db.version.create({ data: { number: publishVersion + 1 } })
    return 'published ' + (publishVersion + 1)
  }
  return <form action={publish}><p>Version {publishVersion}</p><button>Publish</button></form>
}`,
}

/** Renders the page and returns its publish button as the browser would call it. */
async function publishAction(session, id) {
  const text = (await renderText(session, '/')).text
  const token = /\["([A-Za-z0-9+/=]{40,})"\]/.exec(text)[1]
  return () => live.call(session, id, [token])
}

test('seed 003: an inline action closes over publishVersion; a stale version fails', async () => {
  const { session, body } = await deployed(SEED_003, { seed: { version: [{ number: 1 }] } })
  assert.match(body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0'], /^[0-9a-f]{42}$/)
  const id = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const stale = await publishAction(session, id)
  const fresh = await publishAction(session, id)
  const ok = await fresh()
  assert.equal(ok.status, 200)
  assert.equal(ok.value, 'published 2')
  const bad = await stale()
  assert.equal(bad.status, 500)
  assert.match(String(bad.error && bad.error.message), /version has changed/)
})

test('closure tokens: Next format, tampering → 500 with a digest, replay on another action → failed to decrypt', async () => {
  const files = {
    'app/page.tsx': `export default function Page() {
  const secret = 'snapshot-1'
  async function a() { 'use server'; return 'a:' + secret }
  async function b() { 'use server'; return 'b:' + secret }
  return <div><form action={a}/><form action={b}/></div>
}`,
  }
  const { session, body } = await deployed(files, { mode: 'production' })
  const idA = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const idB = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_1']
  const text = (await renderText(session, '/')).text
  const tokens = [...text.matchAll(/\["([A-Za-z0-9+/=]{40,})"\]/g)].map((m) => m[1])
  assert.equal(tokens.length, 2)
  assert.ok(!text.includes('snapshot-1'), 'closed-over values travel encrypted')
  const raw = Buffer.from(tokens[0], 'base64')
  assert.ok(raw.length >= 16 + idA.length + 16)
  const good = await live.call(session, idA, [tokens[0]])
  assert.equal(good.value, 'a:snapshot-1')
  raw[20] ^= 1
  const tampered = await live.call(session, idA, [raw.toString('base64')])
  assert.equal(tampered.status, 500)
  assert.match(tampered.text, /"digest":"\d+"/)
  assert.ok(!/operation/.test(tampered.text), 'production: digest only')
  const replay = await live.call(session, idB, [tokens[0]])
  assert.equal(replay.status, 500)
  // Development mode shows the message itself.
  await live.deploy(session, files, { mode: 'development' })
  const replayDev = await live.call(session, idB, [tokens[0]])
  assert.equal(replayDev.status, 500)
  assert.equal(replayDev.error.message, 'Invalid Server Action payload: failed to decrypt.')
})

const NOTES = {
  'app/page.tsx': `import { db } from '@/lib/db'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
export default async function Page() {
  const notes = await db.note.findMany({ orderBy: { id: 'asc' } })
  async function addNote(formData: FormData) {
    'use server'
    const text = String(formData.get('text') ?? '').trim()
    if (!text) return
    await db.note.create({ data: { text } })
    revalidatePath('/')
  }
  async function addAndShow(formData: FormData) {
    'use server'
    const note = await db.note.create({ data: { text: String(formData.get('text')) } })
    redirect('/notes/' + note.id)
  }
  async function leave() {
    'use server'
    redirect('https://example.com/elsewhere')
  }
  return (
    <main>
      <form action={addNote}><input name="text" /><button>Add note</button></form>
      <form action={addAndShow}><input name="text" /><button>Add and show</button></form>
      <form action={leave}><button>Leave</button></form>
      <ul>{notes.map((n) => <li key={n.id}>{'#' + n.id + ' ' + n.text}</li>)}</ul>
      <a href="/notes/1?x=1&y=2">first</a>
    </main>
  )
}`,
  'app/notes/[id]/page.tsx': `import { db } from '@/lib/db'
import { notFound } from 'next/navigation'
export default async function NotePage({ params, searchParams }) {
  const { id } = await params
  const q = await searchParams
  const note = await db.note.findUnique({ where: { id } })
  if (!note) notFound()
  return <article>Note {id}: {note.text}{q.tab ? ' tab=' + q.tab : ''}</article>
}`,
}

test("revalidatePath: the action answer is Next 16's {a, q, i, t, b} with the page rendered again in t.t", async () => {
  const { session, body } = await deployed(NOTES)
  const id = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const fd = new FormData()
  fd.set('text', 'Buy milk')
  const r = await live.call(session, id, [fd])
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-action-revalidated'), '1')
  assert.deepEqual(Object.keys(r.payload), ['a', 'q', 'i', 't', 'b'])
  assert.equal(r.payload.q, '')
  assert.equal(r.payload.i, true, 'next dev says the route could be intercepted')
  assert.equal(r.payload.b, body.build)
  assert.deepEqual(Object.keys(r.payload.t), ['t', 'h'])
  assert.deepEqual(r.payload.t.h, { r: null, p: false, v: null })
  assert.match(JSON.stringify(r.payload.t.t), /#1 Buy milk/)
  assert.equal('f' in r.payload, false, "Next 15's f is gone")
  // A plain render shows it too; an action that does not revalidate sends no t at all.
  assert.match((await renderText(session, '/')).text, /#1 Buy milk/)
  const empty = await live.call(session, id, [new FormData()])
  assert.deepEqual(Object.keys(empty.payload), ['a', 'q', 'i', 'b'])
  assert.equal(empty.headers.get('x-action-revalidated'), null)
})

test('q is the rendered search of the page the action was called from', async () => {
  const { session, body } = await deployed(NOTES)
  const id = body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
  const r = await live.call(session, id, [new FormData()], {
    headers: { 'x-live-path': '/?b=2&a=x%20y' },
  })
  assert.equal(r.payload.q, '?b=2&a=x%20y')
})

test('GET render answers the navigation payload {q, i, S, r, b, t}', async () => {
  const { session, body } = await deployed(NOTES, { mode: 'production' })
  const r = await render(session, '/?x=1')
  const text = await r.text()
  const root = JSON.parse(/^0:(.*)$/m.exec(text)[1])
  assert.deepEqual(Object.keys(root), ['q', 'i', 'S', 'r', 'b', 't'])
  assert.equal(root.q, '?x=1')
  assert.equal(root.i, false, 'next start: no interception routes')
  assert.equal(root.r, '$undefined')
  assert.equal(root.b, body.build)
  assert.deepEqual(Object.keys(root.t), ['t', 'h'])
})

test("redirect to a playground route answers with that route's payload; an external URL leaves the body empty", async () => {
  const { session, body } = await deployed(NOTES)
  const fd = new FormData()
  fd.set('text', 'Shown')
  const r = await live.call(session, body.actions['app/page.tsx#$$RSC_SERVER_ACTION_1'], [fd])
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-action-redirect'), '/notes/1;push')
  // On the wire r is "$undefined" (as Next sends it); decoded, the key is gone.
  assert.deepEqual(Object.keys(JSON.parse(/^0:(.*)$/m.exec(r.text)[1])), [
    'q',
    'i',
    'S',
    'r',
    'b',
    't',
  ])
  assert.deepEqual(Object.keys(r.payload), ['q', 'i', 'S', 'b', 't'])
  assert.match(JSON.stringify(r.payload.t.t), /Note \\?"?,?.*1/)
  assert.match(r.text, /Shown/)
  const out = await live.call(session, body.actions['app/page.tsx#$$RSC_SERVER_ACTION_2'], [])
  assert.equal(out.headers.get('x-action-redirect'), 'https://example.com/elsewhere;push')
  assert.equal(out.text, '')
})

test('a dynamic route gets params and searchParams as promises; notFound() is 200 with the digest in the stream (Next 16’s RSC answer), an unknown route a 404', async () => {
  const { session, body } = await deployed(NOTES, { seed: { note: [{ text: 'seeded' }] } })
  assert.deepEqual(body.routes, ['/', '/notes/[id]'])
  const r = await renderText(session, '/notes/1?tab=info')
  assert.equal(r.status, 200)
  assert.match(r.text, /seeded/)
  assert.match(r.text, /tab=info/)
  const missing = await renderText(session, '/notes/99')
  assert.equal(missing.status, 200)
  assert.equal(missing.headers.get('x-live-reason'), 'not-found')
  assert.match(missing.text, /NEXT_HTTP_ERROR_FALLBACK;404/)
  const unknown = await renderText(session, '/nowhere')
  assert.equal(unknown.status, 404)
  assert.match(unknown.text, /NEXT_HTTP_ERROR_FALLBACK;404/)
})

test('no JavaScript: the HTML page posts its form; re-render and redirect (303) both work', async () => {
  const { session } = await deployed(NOTES)
  const page = await (await html(session, '/')).text()
  assert.match(page, /^<!DOCTYPE html>/)
  assert.match(
    (await html(session, '/')).headers.get('content-security-policy'),
    /script-src 'none'/,
  )
  assert.match(page, /name="\$ACTION_ID_/)
  // Links point back at the HTML endpoint so the flow stays on the live server.
  assert.ok(
    page.includes(`href="/api/live/${session}/html?path=%2Fnotes%2F1%3Fx%3D1%26y%3D2"`),
    page,
  )
  const again = await postForm(session, '/', formFields(page, 0, { text: 'From a form' }))
  assert.equal(again.status, 200)
  assert.equal(again.headers.get('content-type'), 'text/html; charset=utf-8')
  assert.match(await again.text(), /#1 From a form/)
  const redirected = await postForm(session, '/', formFields(page, 1, { text: 'Second' }))
  assert.equal(redirected.status, 303)
  assert.equal(
    redirected.headers.get('location'),
    `/api/live/${session}/html?path=${encodeURIComponent('/notes/2')}`,
  )
  const shown = await live.fetch(redirected.headers.get('location'))
  assert.match(await shown.text(), /Note <!-- -->2<!-- -->: <!-- -->Second/)
  // The same CSRF rule as actions.
  const csrf = await postForm(session, '/', formFields(page, 0, { text: 'x' }), {
    origin: 'https://evil.example',
  })
  assert.equal(csrf.status, 500)
  assert.equal(csrf.headers.get('x-live-reason'), 'csrf')
})

test('no JavaScript: seed 000 client form posts $ACTION_ID_ and useActionState state travels in $ACTION_KEY', async () => {
  const files = {
    ...SEED_000,
    'app/counter.tsx': `'use client'
import { useActionState } from 'react'
export default function Counter({ increment }) {
  const [count, action] = useActionState(increment, 0)
  return <form action={action}><output>Count: {count}</output><button>More</button></form>
}`,
    'app/more.ts': `'use server'
export async function increment(previous: number) { return previous + 1 }`,
    'app/page.tsx': `import UI from './ui'
import Counter from './counter'
import { addItem } from './actions'
import { increment } from './more'
export default function Hobby() {
  return <div><UI addItem={addItem} /><Counter increment={increment} /></div>
}`,
  }
  const { session, body } = await deployed(files)
  const page = await (await html(session, '/')).text()
  assert.ok(page.includes(`name="$ACTION_ID_${body.actions['app/actions.ts#addItem']}"`))
  const posted = await postForm(session, '/', formFields(page, 0), { cookie: 'live_user=user_1' })
  assert.equal(posted.status, 200)
  assert.ok(
    (await live.logs(session)).entries.some((e) => e.text.includes('add item server action test')),
  )
  assert.match(page, /Count: <!-- -->0/)
  const counted = await postForm(session, '/', formFields(page, 1))
  assert.equal(counted.status, 200)
  const counted1 = await counted.text()
  assert.match(counted1, /Count: <!-- -->1/)
  const twice = await postForm(session, '/', formFields(counted1, 1))
  assert.match(await twice.text(), /Count: <!-- -->2/)
})

test('a page that loops forever or throws ends with a clear error, and the session keeps working', async () => {
  const files = {
    'app/page.tsx': `export default function Page() { return <p>fine</p> }`,
    'app/loop/page.tsx': `export default function Loop() { for (;;) {} }`,
    'app/throws/page.tsx': `export default async function Throws() { throw new Error('page broke') }`,
  }
  const { session } = await deployed(files)
  const loop = await render(session, '/loop')
  assert.equal(loop.status, 500)
  assert.equal(loop.headers.get('x-live-reason'), 'cpu-limit')
  assert.match((await loop.json()).error, /CPU time limit/)
  // Next 16's RSC answer: 200, the error row in the stream (the HTML answer is a 500)
  const thrown = await renderText(session, '/throws')
  assert.equal(thrown.status, 200)
  assert.equal(thrown.headers.get('x-live-reason'), 'render-error')
  assert.match(thrown.text, /page broke/)
  const thrownHtml = await html(session, '/throws')
  assert.equal(thrownHtml.status, 500)
  assert.match(await thrownHtml.text(), /page broke/)
  const fine = await renderText(session, '/')
  assert.equal(fine.status, 200, fine.text)
  assert.match(fine.text, /fine/)
  const loopHtml = await html(session, '/loop')
  assert.equal(loopHtml.headers.get('x-live-reason'), 'cpu-limit')
  assert.match(await loopHtml.text(), /<p>Rendering the page exceeded the CPU time limit/)
  assert.equal((await html(session, '/')).status, 200)
  // Production: a digest only.
  await live.deploy(session, files, { mode: 'production' })
  const prod = await renderText(session, '/throws')
  assert.equal(prod.status, 200)
  assert.ok(!prod.text.includes('page broke'))
  assert.match(prod.text, /"digest":"\d+"/)
})

test("x-live-embedded: 1 makes every cookie SameSite=None; Secure; Partitioned; plain requests keep Next's", async () => {
  const { session, body } = await deployed({
    'app/actions.ts': `'use server'
import { cookies } from 'next/headers'
export async function remember() { (await cookies()).set('theme', 'dark', { sameSite: 'lax' }) }`,
  })
  const id = body.actions['app/actions.ts#remember']
  const plain = await live.call(session, id, [])
  assert.equal(
    plain.headers.get('set-cookie'),
    `theme=dark; Path=/api/live/${session}; SameSite=Lax`,
  )
  const embedded = await live.call(session, id, [], { headers: { 'x-live-embedded': '1' } })
  assert.equal(
    embedded.headers.get('set-cookie'),
    `theme=dark; Path=/api/live/${session}; Secure; SameSite=None; Partitioned`,
  )
  const auth = await live.fetch(`/api/live/${session}/auth`, {
    method: 'POST',
    headers: { 'x-live-embedded': '1' },
    body: JSON.stringify({ user: 'user_1' }),
  })
  assert.match(auth.headers.get('set-cookie'), /HttpOnly; Secure; SameSite=None; Partitioned/)
  // The no-JS HTML flow in the iframe cannot send headers: ?embedded=1 does the same and sticks.
  const page = await deployed({
    'app/page.tsx': `import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
export default async function Page() {
  const theme = (await cookies()).get('theme')?.value ?? 'none'
  async function dark() { 'use server'; (await cookies()).set('theme', 'dark'); redirect('/') }
  return <form action={dark}><p>theme {theme}</p><button>Dark</button></form>
}`,
  })
  const htmlText = await (
    await live.fetch(`/api/live/${page.session}/html?path=%2F&embedded=1`)
  ).text()
  const fd = new FormData()
  fd.append(/name="(\$ACTION_ID_[0-9a-f]+)"/.exec(htmlText)[1], '')
  const posted = await live.fetch(`/api/live/${page.session}/html?path=%2F&embedded=1`, {
    method: 'POST',
    body: fd,
    headers: { origin: live.url },
    redirect: 'manual',
  })
  assert.equal(posted.status, 303)
  assert.equal(posted.headers.get('location'), `/api/live/${page.session}/html?path=%2F&embedded=1`)
  assert.equal(
    posted.headers.get('set-cookie'),
    `theme=dark; Path=/api/live/${page.session}; Secure; SameSite=None; Partitioned`,
  )
  const after = await live.fetch(posted.headers.get('location'), {
    headers: { cookie: 'theme=dark' },
  })
  assert.match(await after.text(), /theme <!-- -->dark/)
})

test('client files compile with react-dom imports; an inline "use server" in a client file is refused', async () => {
  const session = await live.session()
  const bad = await live.deploy(session, {
    'app/page.tsx': `import F from './f'\nexport default function P() { return <F/> }`,
    'app/f.tsx': `'use client'\nexport default function F() {\n  async function go() { 'use server' }\n  return <form action={go}/>\n}`,
  })
  assert.equal(bad.status, 422)
  assert.match(bad.body.errors[0].message, /not allowed to define inline "use server"/)
  assert.equal(bad.body.errors[0].line, 3)
})

test('an error inside an inline action points at the line the reader wrote', async () => {
  const { session, body } = await deployed({
    'app/page.tsx': `export default function Page() {
  const v = 1
  async function go() {
    'use server'
    const x = v + 1

    throw new Error('boom ' + x)
  }
  return <form action={go}><button>Go</button></form>
}
`,
  })
  const text = (await renderText(session, '/')).text
  const token = /\["([A-Za-z0-9+/=]{40,})"\]/.exec(text)[1]
  const r = await live.call(session, body.actions['app/page.tsx#$$RSC_SERVER_ACTION_0'], [token])
  assert.equal(r.status, 500)
  assert.match(
    r.error.stack,
    /^Error: boom 2\n\s+at \$\$RSC_SERVER_ACTION_0 \(file:\/\/\/app\/page\.tsx:7:11\)/,
  )
})
