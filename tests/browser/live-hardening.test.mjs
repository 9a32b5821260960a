// Issue 9, the HTTP half, through the real site (`next start` → Next's adapter → the live server):
// each break a hostile reader found, then an honest session that must still answer with its data.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, openPage, pasteIntoEditor } from '../support/browser.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'

const base = new URL(BASE_URL)
const PREVIEW_HOST = `preview.localhost:${base.port}`
const PREVIEW_ORIGIN = `http://${PREVIEW_HOST}`
const DOCS_HOST = base.host

/** One request to the site with a Host header of our choice (and, if asked, a source address). */
async function request(path, { host = PREVIEW_HOST, ...options } = {}) {
  const r = await hostRequest(`${BASE_URL}${path}`, { host, ...options })
  return { status: r.status, headers: r.headers, text: r.body.toString('utf8') }
}

const json = (r) => JSON.parse(r.text)

async function newSession(options) {
  const r = await request('/api/live/sessions', { method: 'POST', ...options })
  assert.equal(r.status, 201, r.text)
  return json(r).session
}

function deploy(session, files, extra = {}) {
  return request(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files, ...extra }),
  })
}

async function deployed(files, extra) {
  const session = await newSession()
  const r = await deploy(session, files, extra)
  assert.equal(r.status, 200, r.text)
  return { session, actions: json(r).actions }
}

/** An action called the way Next's client calls it (no arguments: the encoded reply is `[]`). */
function callAction(session, id, { query = '', args = '[]', headers = {} } = {}) {
  return request(`/api/live/${session}/action${query}`, {
    method: 'POST',
    headers: {
      'next-action': id,
      origin: PREVIEW_ORIGIN,
      'content-type': 'text/plain',
      ...headers,
    },
    body: args,
  })
}

/** The docs site itself, while something else runs: how long one page takes to answer. */
async function docsAnswerTime() {
  const t = Date.now()
  const r = await request('/en', { host: DOCS_HOST })
  assert.ok(r.status < 500)
  return Date.now() - t
}

// The honest reader: a counter whose every call must keep answering 200 with its data intact.
const HONEST = {
  'app/actions.ts': `'use server'
import { db } from '@/lib/db'
export async function bump() {
  await db.hits.create({ data: { at: 1 } })
  return await db.hits.count()
}`,
}
let honest
let honestCount = 0
async function honestWorks() {
  const r = await callAction(honest.session, honest.actions['app/actions.ts#bump'])
  assert.equal(r.status, 200, `honest call: ${r.status} ${r.text.slice(0, 200)}`)
  honestCount++
  assert.match(r.text, new RegExp(`^1:${honestCount}$`, 'm'), 'the honest session kept its data')
}

let liveUp = false
before(async () => {
  const r = await request('/api/live/sessions', { method: 'POST' }).catch(() => null)
  liveUp = r?.status === 201
  if (liveUp) honest = await deployed(HONEST)
})

describe('live server hardening (through the site)', () => {
  test('break 2: a deploy with 40 000 unresolvable requires answers quickly, errors capped', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const session = await newSession()
    const source = "require('x')\n".repeat(40_000)
    const started = Date.now()
    const pending = deploy(session, { 'app/lib.js': source })
    // Meanwhile the docs site keeps answering.
    await new Promise((r) => setTimeout(r, 300))
    const docsMs = await docsAnswerTime()
    const r = await pending
    const elapsed = Date.now() - started
    assert.equal(r.status, 422)
    const { errors } = json(r)
    assert.ok(errors.length <= 51, `errors capped, got ${errors.length}`)
    assert.equal(errors[0].line, 1)
    assert.equal(errors[1].line, 2)
    assert.match(errors.at(-1).message, /more/)
    assert.ok(r.text.length < 64 * 1024, `error body capped, got ${r.text.length} bytes`)
    assert.ok(docsMs < 5000, `the docs answered in ${docsMs} ms while the deploy ran`)
    assert.ok(elapsed < 10_000, `the deploy answered in ${elapsed} ms`)
    await honestWorks()
  })

  test('break 3: rewriting the links of 128 000 unclosed "<a " takes no time', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { session } = await deployed({
      'app/page.tsx': `export default function Page() {
  return <div dangerouslySetInnerHTML={{ __html: '<a '.repeat(128000) }} />
}`,
    })
    const started = Date.now()
    const pending = request(`/api/live/${session}/html?path=/`)
    await new Promise((r) => setTimeout(r, 300))
    const docsMs = await docsAnswerTime()
    const r = await pending
    const elapsed = Date.now() - started
    assert.ok([200, 500].includes(r.status), `html: ${r.status}`)
    assert.ok(docsMs < 5000, `the docs answered in ${docsMs} ms while the HTML was rewritten`)
    assert.ok(elapsed < 10_000, `the HTML answered in ${elapsed} ms`)
    await honestWorks()
  })

  test('break 6: a session flood gets 429 + Retry-After and evicts no reader', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    // Another client address on the loopback: the flood does not drain this test run's own bucket.
    const flood = []
    for (let i = 0; i < 600; i++)
      flood.push(
        request('/api/live/sessions', { method: 'POST', localAddress: '127.0.0.66' }).catch(
          (error) => ({ status: 0, headers: {}, text: error.message }),
        ),
      )
    const answers = await Promise.all(flood)
    const limited = answers.filter((a) => a.status === 429)
    assert.ok(limited.length > 0, 'some creations are refused')
    // The burst (100 by default) and what refilled while the flood ran (one a second) got through.
    const created = answers.filter((a) => a.status === 201).length
    assert.ok(created < 200, `most creations are refused (${created} created)`)
    assert.match(String(limited[0].headers['retry-after']), /^\d+$/)
    assert.equal(json(limited[0]).reason, 'rate-limited')
    // Another client still gets a session, and the honest reader kept theirs.
    await newSession()
    await honestWorks()
  })

  test('break 7: the docs origin does not serve the live API', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const created = await request('/api/live/sessions', { method: 'POST', host: DOCS_HOST })
    assert.equal(created.status, 404)
    const html = await request(`/api/live/${honest.session}/html?path=/`, { host: DOCS_HOST })
    assert.equal(html.status, 404)
    // A preview session's own subdomain is the preview origin too.
    const sub = await request('/api/live/sessions', {
      method: 'POST',
      host: `abc123.preview.localhost:${base.port}`,
    })
    assert.equal(sub.status, 201)
    await honestWorks()
  })

  test('break 7: only cookies the playground set reach its code; forms post to the session only', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { session, actions } = await deployed({
      'app/actions.ts': `'use server'
import { cookies } from 'next/headers'
export async function setTheme() { (await cookies()).set('theme', 'dark'); return 'ok' }`,
      'app/page.tsx': `import { cookies } from 'next/headers'
export default async function Page() {
  const names = (await cookies()).getAll().map((c) => c.name)
  return <p id="names">{JSON.stringify(names)}</p>
}`,
    })
    const set = await callAction(session, actions['app/actions.ts#setTheme'])
    assert.equal(set.status, 200)
    assert.match(String(set.headers['set-cookie']), /^theme=dark; Path=\/api\/live\//)
    const r = await request(`/api/live/${session}/html?path=/`, {
      headers: { cookie: 'docs_session=secret; theme=dark; NEXT_LOCALE=en' },
    })
    assert.equal(r.status, 200)
    assert.match(r.text, /\[&quot;theme&quot;\]|\["theme"\]/)
    assert.ok(!r.text.includes('docs_session'), 'the docs cookie never reaches playground code')
    const csp = String(r.headers['content-security-policy'])
    assert.match(csp, new RegExp(`form-action ${PREVIEW_ORIGIN}/api/live/${session}/html`))
    await honestWorks()
  })

  test('break 7: an external redirect is shown as a notice, never answered with an off-site 3xx', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { session } = await deployed({
      'app/page.tsx': `import { redirect } from 'next/navigation'
export default function Page() { redirect('https://evil.example/login') }`,
    })
    const r = await request(`/api/live/${session}/html?path=/&lang=fr`)
    assert.equal(r.status, 200)
    assert.equal(r.headers.location, undefined)
    assert.match(r.text, /https:\/\/evil\.example\/login/)
    assert.match(r.text, /redirige/, 'the notice speaks the reader’s language')
    assert.ok(!/<a [^>]*href="https:\/\/evil/.test(r.text), 'no link to follow either')
    await honestWorks()
  })

  test('break 8: live/closures is not importable; a closure token only works in its session', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const session = await newSession()
    const refused = await deploy(session, {
      'app/actions.ts': `'use server'
import { decrypt } from 'live/closures'
export async function steal(t: string) { return decrypt('x', t) }`,
    })
    assert.equal(refused.status, 422)
    assert.match(refused.text, /live\/closures/)
    const page = {
      'app/page.tsx': `export default function Page() {
  const secret = 'snapshot'
  async function reveal() { 'use server'; return 'got:' + secret }
  return <form action={reveal}><button>go</button></form>
}`,
    }
    const a = await deployed(page)
    const b = await deployed(page)
    const id = a.actions['app/page.tsx#$$RSC_SERVER_ACTION_0']
    assert.equal(id, b.actions['app/page.tsx#$$RSC_SERVER_ACTION_0'], 'same ids in both')
    const tokenOf = async (s) => {
      const text = (await request(`/api/live/${s}/render?path=/`)).text
      return /\["([A-Za-z0-9+/=]{40,})"\]/.exec(text)[1]
    }
    const tokenA = await tokenOf(a.session)
    const tokenB = await tokenOf(b.session)
    const args = (token) => JSON.stringify([token])
    const own = await callAction(b.session, id, { args: args(tokenB) })
    assert.equal(own.status, 200)
    assert.match(own.text, /got:snapshot/)
    const foreign = await callAction(b.session, id, { args: args(tokenA) })
    assert.equal(foreign.status, 500, 'a token minted in session A is refused in B')
    await honestWorks()
  })

  test('break 9: ?path= chooses the page for render, html and actions behind Next', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { session, actions } = await deployed({
      'app/page.tsx': `export default function Home() { return <h1>Home page</h1> }`,
      'app/about/page.tsx': `export default function About() { return <h1>About page</h1> }`,
      'app/actions.ts': `'use server'
import { revalidatePath } from 'next/cache'
export async function touch() { revalidatePath('/about'); return 'touched' }`,
    })
    const render = await request(`/api/live/${session}/render?path=%2Fabout`)
    assert.equal(render.status, 200)
    assert.match(render.text, /About page/)
    const html = await request(`/api/live/${session}/html?path=%2Fabout`)
    assert.match(html.text, /About page/)
    const action = await callAction(session, actions['app/actions.ts#touch'], {
      query: '?path=%2Fabout',
    })
    assert.equal(action.status, 200)
    assert.match(action.text, /About page/)
    await honestWorks()
  })

  test('break 10: catch-all and optional catch-all pages deploy and get Next 16 params', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const show = `export default async function Page({ params }) {
  const p = await params
  return <pre id="params">{JSON.stringify({ slug: p.slug ?? 'undefined' })}</pre>
}`
    const { session } = await deployed({
      'app/docs/[...slug]/page.tsx': show,
      'app/shop/[[...slug]]/page.tsx': show,
    })
    const params = async (path) => {
      const r = await request(`/api/live/${session}/html?path=${encodeURIComponent(path)}`)
      return { status: r.status, text: r.text.replace(/&quot;/g, '"') }
    }
    assert.match((await params('/docs/a/b')).text, /\{"slug":\["a","b"\]\}/)
    assert.equal((await params('/docs')).status, 404)
    assert.match((await params('/shop')).text, /\{"slug":"undefined"\}/)
    assert.match((await params('/shop/x')).text, /\{"slug":\["x"\]\}/)
    await honestWorks()
  })
})

describe('live sessions in the browser', () => {
  let browser
  before(async () => {
    if (liveUp) browser = await launch()
  })
  after(async () => {
    await browser?.close()
  })

  const PLAYGROUND = 'section[data-playground]'
  // Each preview has its own origin, and a session answers only there.
  const hostOf = new Map()
  const sessionRequest = (session, path, init = {}) =>
    request(path, { ...init, host: hostOf.get(session) ?? PREVIEW_HOST })
  const remember = async (response, list) => {
    const { session } = await response.json()
    hostOf.set(session, new URL(response.url()).host)
    list.push(session)
  }

  async function openIntro(locale = 'en') {
    const opened = await openPage(browser)
    const sessions = []
    opened.page.on('response', async (response) => {
      if (response.url().endsWith('/api/live/sessions') && response.status() === 201)
        await remember(response, sessions)
    })
    await opened.page.goto(`${BASE_URL}/${locale}/intro`, { waitUntil: 'load' })
    await opened.page.locator(PLAYGROUND).first().scrollIntoViewIfNeeded()
    const frame = opened.page.frameLocator(`${PLAYGROUND} iframe.sp-preview-iframe`).first()
    await frame
      .locator('h2')
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        throw new Error(`${error.message}\npreview navigations:\n  ${opened.previewTimeline()}`)
      })
    await showPreview(opened.page)
    return { ...opened, frame, sessions }
  }

  /**
   * The tests click in the preview, so it must be on screen: Chromium stops painting an off-screen
   * cross-origin frame once it notices, and Playwright's click then waits for animation frames
   * that never come (CI, under load: 30 s). A reader clicks what they see.
   */
  const showPreview = (page) =>
    page.locator(`${PLAYGROUND} iframe.sp-preview-iframe`).first().scrollIntoViewIfNeeded()

  /** Clicks the intro's "string" button and waits for the server's answer in the preview. */
  async function sendString(frame) {
    await frame.getByRole('button', { name: 'string', exact: true }).click()
    await frame
      .locator('output, p')
      .filter({ hasText: /string →/ })
      .first()
      .waitFor({ timeout: 15_000 })
    return frame.locator('body').innerText()
  }

  test('a preview whose session was evicted recreates it and redeploys, unnoticed', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { context, frame, sessions } = await openIntro()
    try {
      assert.equal(sessions.length, 1)
      // The server forgets the session (as eviction or expiry would).
      const gone = await sessionRequest(sessions[0], `/api/live/${sessions[0]}`, {
        method: 'DELETE',
      })
      assert.equal(gone.status, 204)
      const text = await sendString(frame)
      assert.match(text, /string → .*came back as/, 'the call answered normally')
      assert.equal(sessions.length, 2, 'a new session was opened')
      assert.ok(!/expired|unknown|session/i.test(text), `no error shown: ${text.slice(0, 300)}`)
    } finally {
      await context.close()
    }
  })

  test('an action redirecting off-site shows a notice in the preview, in the reader’s language', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { context, page, frame, record } = await openIntro('fr')
    try {
      await page.locator(`${PLAYGROUND} [role="tab"][data-path="/app/actions.ts"]`).first().click()
      await pasteIntoEditor(
        page.locator(PLAYGROUND).first(),
        `'use server'
import { redirect } from 'next/navigation'
export async function inspect(value: unknown) {
  redirect('https://example.com/elsewhere')
}
export async function passBack(value: unknown) {}
export async function touch(value: unknown) {}`,
      )
      const notice = frame.locator('[data-live-notice]')
      const deadline = Date.now() + 20_000
      while (!(await notice.count()) && Date.now() < deadline) {
        await frame.getByRole('button', { name: 'string', exact: true }).click()
        await page.waitForTimeout(500)
      }
      assert.match(await notice.innerText(), /redirige vers https:\/\/example\.com\/elsewhere/)
      assert.ok(!record.requests.some((url) => url.includes('example.com')), 'not followed')
    } finally {
      await context.close()
    }
  })

  test('reloading the preview ends its session, unless the JavaScript-off view shows it', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { context, page } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
      // The playground of forms.mdx whose page works without JavaScript.
      const section = page.locator(PLAYGROUND).nth(5)
      await section.scrollIntoViewIfNeeded()
      const iframe = section.locator('iframe.sp-preview-iframe').first()
      await iframe.waitFor({ timeout: 30_000 })
      const frame = await (await iframe.elementHandle()).contentFrame()
      const sessions = []
      page.on('response', async (response) => {
        if (response.frame() === frame && response.url().endsWith('/api/live/sessions'))
          if (response.status() === 201) await remember(response, sessions)
      })
      const until = async (check, what) => {
        const deadline = Date.now() + 30_000
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
          await page.waitForTimeout(100)
        }
      }
      const status = async (session) =>
        (await sessionRequest(session, `/api/live/${session}/logs`)).status
      const reload = () => section.getByRole('button', { name: 'Reload', exact: true }).click()
      const ready = () =>
        until(
          async () =>
            (await section
              .frameLocator('iframe.sp-preview-iframe')
              .first()
              .locator('html[data-preview="ready"]')
              .count()) > 0,
          'the preview',
        )
      await ready()
      await reload()
      await until(() => sessions.length >= 1, 'a session after the reload')
      await ready()
      const first = sessions[0]
      await reload()
      await until(() => sessions.length >= 2, 'a second session')
      await until(async () => (await status(first)) === 404, 'the first session to end')
      // JavaScript off: the plain HTML view uses the session, a reload of the preview keeps it.
      await ready()
      await section.getByRole('switch', { name: 'JavaScript off', exact: true }).click()
      const noJs = section.locator('iframe[data-nojs]')
      await noJs.waitFor({ timeout: 15_000 })
      const shown = /\/api\/live\/([\w-]+)\/html/.exec(await noJs.getAttribute('src'))[1]
      const before = sessions.length
      // The switch tells the preview by message; a reader does not reload within the same frame.
      await page.waitForTimeout(500)
      await reload()
      await until(() => sessions.length > before, 'a new session')
      await page.waitForTimeout(1000)
      assert.equal(await status(shown), 200, 'the session the JavaScript-off view shows lives on')
    } finally {
      await context.close()
    }
  })

  test('leaving the page ends its playground session', async (t) => {
    if (!liveUp) return t.skip('the live server does not answer')
    const { context, page, sessions } = await openIntro()
    try {
      const [session] = sessions
      assert.equal((await sessionRequest(session, `/api/live/${session}/logs`)).status, 200)
      await page.goto(`${BASE_URL}/en`, { waitUntil: 'load' })
      const deadline = Date.now() + 5000
      let status = 200
      while (Date.now() < deadline && status !== 404) {
        status = (await sessionRequest(session, `/api/live/${session}/logs`)).status
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.equal(status, 404, 'the session was ended on pagehide')
    } finally {
      await context.close()
    }
  })
})
