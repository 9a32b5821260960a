// What opening a docs page costs before a reader does anything (issue 14): the page hydrates once
// and stops. No editor, no preview runtime, no live session until the reader's first input; no
// second fetch and render of the page after hydration (a middleware matcher covering the docs
// pages made Next's client do both).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'fflate'
import { BASE_URL, launch } from '../support/browser.mjs'

const FIRST = 'section[data-playground] >> nth=0'

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

/** Waits until the page's first playground has started (Sandpack mounted). */
function firstPlaygroundLive(page) {
  return page.waitForFunction(
    () =>
      document.querySelector('section[data-playground]')?.getAttribute('data-playground') ===
      'live',
    undefined,
    { timeout: 30_000 },
  )
}

/** A page nobody touches: no pointer, no key (tests/support/reader.mjs is not used here). */
async function untouchedPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const requests = []
  page.on('request', (r) => requests.push(r.url()))
  return { context, page, requests }
}

for (const path of ['/en/forms', '/de/security']) {
  test(`${path} left alone: the static playground stays, no session opens, no page refetch`, async () => {
    const { context, page, requests } = await untouchedPage()
    try {
      await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
      // Long enough for the old start-on-approach to have opened a session twice over.
      await page.waitForTimeout(4_000)
      const section = page.locator(FIRST)
      assert.equal(await section.getAttribute('data-playground'), 'static')
      assert.equal(await section.locator('iframe[data-snapshot]').count(), 1)
      const sessions = requests.filter((url) => url.includes('/api/live/'))
      assert.deepEqual(sessions, [], 'no live call before the reader is there')
      assert.equal(
        page.frames().some((f) => /\.preview\./.test(f.url())),
        false,
        'no preview runtime loaded',
      )
      // Static pages have no data: no `/_next/data/` fetch at all, neither of this page after
      // hydration nor of a link's target through the middleware (Nextra's logo link to `/` did).
      const data = requests.filter((url) => url.includes('/_next/data/'))
      assert.deepEqual(data, [], 'no page data fetched')

      // The reader moves the pointer: the playground in view starts and its preview goes live.
      await page.mouse.move(200, 200)
      await firstPlaygroundLive(page)
      await page
        .frameLocator(`${FIRST} >> iframe.sp-preview-iframe`)
        .locator('html[data-preview="ready"]')
        .waitFor({ timeout: 45_000 })
      assert.ok(requests.some((url) => url.endsWith('/api/live/sessions')))
    } finally {
      await context.close()
    }
  })
}

for (const path of ['/en/conventions', '/fr/forms']) {
  test(`${path} is rendered once: no route replaced, no code re-parsed after hydration`, async () => {
    const { context, page } = await untouchedPage({ width: 412, height: 823 })
    // Counted from the first script: Next's client replacing its route (it did after hydration
    // while Nextra's `_meta` rewrite existed, rendering the whole page again) and any change inside
    // a static playground's code (React set each one's innerHTML again on that second render).
    await page.addInitScript(() => {
      const seen = { replaced: 0, rewritten: 0 }
      Object.assign(window, { __renders: seen })
      const replace = history.replaceState
      history.replaceState = function (...args) {
        seen.replaced += 1
        return replace.apply(this, args)
      }
      document.addEventListener('DOMContentLoaded', () => {
        const observer = new MutationObserver((records) => {
          seen.rewritten += records.length
        })
        for (const code of document.querySelectorAll('section[data-playground] [role="region"]'))
          observer.observe(code, { childList: true, subtree: true, characterData: true })
      })
    })
    try {
      await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
      // Hydration and anything after it are done well within this on the production build.
      await page.waitForTimeout(3_000)
      const seen = await page.evaluate(() => window.__renders)
      assert.ok(
        (await page.locator('section[data-playground] [role="region"]').count()) > 0,
        'the page has static playground code',
      )
      // One replaceState is the router recording its first state; a second is a re-render.
      assert.deepEqual(seen, { replaced: 1, rewritten: 0 })
    } finally {
      await context.close()
    }
  })
}

test("the scripts a page runs to hydrate carry V8's compile hint; the editor's, loaded later, do not", async () => {
  const HINT = '//# allFunctionsCalledOnLoad\n'
  const { context, page } = await untouchedPage()
  /** @type {Map<string, Promise<string>>} each chunk the page loaded → its first line */
  const heads = new Map()
  page.on('response', (response) => {
    const url = response.url()
    if (response.request().resourceType() !== 'script' || !url.includes('/_next/static/chunks/'))
      return
    heads.set(
      url,
      response.text().then(
        (text) => text.slice(0, HINT.length),
        () => '',
      ),
    )
  })
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
    const initial = await page.evaluate(() =>
      [...document.querySelectorAll('script[src]:not([nomodule])')]
        .map((s) => /** @type {HTMLScriptElement} */ (s).src)
        .filter((src) => src.includes('/_next/static/chunks/')),
    )
    assert.ok(initial.length >= 5, `webpack, framework, main, _app and the page: ${initial}`)
    for (const url of initial) assert.equal(await heads.get(url), HINT, `${url} starts with it`)

    const before = new Set(heads.keys())
    await page.mouse.move(200, 200) // the playground in view starts: its editor's chunks load
    await firstPlaygroundLive(page)
    // Chunks another page starts with (Next's prefetch of a link in view runs them as scripts)
    // are initial there, hinted by design: only chunks no page starts with count as later.
    const initialSomewhere = await page.evaluate(() =>
      Object.values(/** @type {any} */ (window).__BUILD_MANIFEST)
        .flat()
        .filter((file) => typeof file === 'string' && file.endsWith('.js')),
    )
    const later = [...heads.keys()].filter(
      (url) => !before.has(url) && !initialSomewhere.some((file) => url.endsWith(`/_next/${file}`)),
    )
    assert.ok(later.length > 0, 'the editor came in chunks of its own')
    for (const url of later) assert.notEqual(await heads.get(url), HINT, `${url} stays lazy`)
  } finally {
    await context.close()
  }
})

test('an off-screen static playground is not laid out until it comes near, and keeps its height', async () => {
  const { context, page } = await untouchedPage({ width: 412, height: 823 })
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
    const last = page.locator('section[data-playground]').last()
    const state = () =>
      last.evaluate((section) => ({
        laidOut: section
          .querySelector('[role="region"]')
          .checkVisibility({ contentVisibilityAuto: true }),
        height: Math.round(section.getBoundingClientRect().height),
      }))
    const far = await state()
    assert.equal(far.laidOut, false, 'its code is skipped while far below')
    await last.evaluate((section) => section.scrollIntoView())
    await page.waitForTimeout(300) // one rendering update
    const near = await state()
    assert.equal(near.laidOut, true, 'its code is laid out once in view')
    assert.equal(await last.getAttribute('data-playground'), 'static')
    assert.equal(near.height, far.height, 'the held height is the real one: nothing moves')
  } finally {
    await context.close()
  }
})

test('hydration adds no style sheet: the page is not restyled as a whole while it loads', async () => {
  const { context, page } = await untouchedPage({ width: 412, height: 823 })
  // next-themes' disableTransitionOnChange (Nextra's default) adds a `*{transition:none}` sheet and
  // removes it again on mount: two recalculations of every element's style, in Lighthouse's TBT.
  await page.addInitScript(() => {
    const added = []
    Object.assign(window, { __sheetsAdded: added })
    // From the end of parsing: what the server sent is in; only scripts add sheets after it.
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes)
            if (
              node.nodeName === 'STYLE' ||
              (node.nodeName === 'LINK' && node.rel === 'stylesheet')
            )
              added.push(node.textContent.slice(0, 80) || node.href)
      }).observe(document, { childList: true, subtree: true }),
    )
  })
  try {
    await page.goto(`${BASE_URL}/de/pending-states`, { waitUntil: 'load' })
    await page.waitForTimeout(3_000)
    assert.deepEqual(await page.evaluate(() => window.__sheetsAdded), [])
  } finally {
    await context.close()
  }
})

test("hydration leaves <html>'s class alone when the theme does not change", async () => {
  const { context, page } = await untouchedPage({ width: 412, height: 823 })
  // next-themes removes and adds the theme class on mount (twice); each change restyles every
  // element under Nextra's dark variants. components/site/themeClassGuard lets only real changes by.
  await page.addInitScript(() => {
    const changes = []
    Object.assign(window, { __htmlClass: changes })
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        for (const r of records) changes.push(`${r.oldValue} → ${r.target.className}`)
      }).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['class'],
        attributeOldValue: true,
      }),
    )
  })
  try {
    await page.goto(`${BASE_URL}/de/pending-states`, { waitUntil: 'load' })
    await page.waitForTimeout(3_000)
    assert.deepEqual(await page.evaluate(() => window.__htmlClass), [])
    assert.equal(await page.evaluate(() => document.documentElement.className), 'light')
    // A real change still goes through: the reader picks the dark theme.
    await page.evaluate(() => {
      localStorage.setItem('theme', 'dark')
      window.dispatchEvent(new StorageEvent('storage', { key: 'theme', newValue: 'dark' }))
    })
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'))
    assert.equal(await page.evaluate(() => document.documentElement.className), 'dark')
  } finally {
    await context.close()
  }
})

for (const path of ['/en/forms', '/fr']) {
  test(`${path} hydrates without starting ICU: no collation, number or date formatting before the reader acts`, async () => {
    const { context, page } = await untouchedPage({ width: 412, height: 823 })
    // The first use of each ICU service loads its data: 15–30 ms of one task on this box's cores,
    // ×4 on Lighthouse's phone. Nextra's page sort (localeCompare) and next-intl's formatting of a
    // label with values (intl-messageformat) each did it during hydration.
    await page.addInitScript(() => {
      const calls = []
      Object.assign(window, { __icu: calls })
      const note = (name) => calls.push(`${name}: ${new Error().stack?.split('\n')[3]?.trim()}`)
      const compare = String.prototype.localeCompare
      String.prototype.localeCompare = function (...args) {
        note('localeCompare')
        return compare.apply(this, args)
      }
      for (const name of [
        'Collator',
        'NumberFormat',
        'PluralRules',
        'DateTimeFormat',
        'ListFormat',
        'RelativeTimeFormat',
        'Segmenter',
        'DisplayNames',
      ]) {
        const Service = Intl[name]
        const supported = Service.supportedLocalesOf
        Service.supportedLocalesOf = function (...args) {
          note(`Intl.${name}.supportedLocalesOf`)
          return supported.apply(this, args)
        }
        Intl[name] = new Proxy(Service, {
          construct(target, args, newTarget) {
            note(`new Intl.${name}`)
            return Reflect.construct(target, args, newTarget)
          },
          apply(target, self, args) {
            note(`Intl.${name}()`)
            return Reflect.apply(target, self, args)
          },
        })
      }
      for (const [proto, names] of [
        [Number.prototype, ['toLocaleString']],
        [Date.prototype, ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']],
      ])
        for (const name of names) {
          const original = proto[name]
          proto[name] = function (...args) {
            note(name)
            return original.apply(this, args)
          }
        }
    })
    try {
      await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
      await page.waitForTimeout(3_000)
      assert.ok(
        (await page.locator('section[data-playground]').count()) > 0,
        'the page has a playground, whose labels take values',
      )
      assert.deepEqual(await page.evaluate(() => window.__icu), [])
    } finally {
      await context.close()
    }
  })
}

test('the share-link decoder (fflate) loads only for a link that names a playground of the page', async () => {
  // fflate's inflater builds its tables when evaluated: ~10 ms of a hydration task at 1× CPU.
  const FFLATE = 'invalid block type' // one of its error messages, in any build of it
  const scripts = (page) => {
    const bodies = []
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        bodies.push(response.text().catch(() => ''))
    })
    return async () => (await Promise.all(bodies)).some((text) => text.includes(FFLATE))
  }
  const { context, page } = await untouchedPage()
  try {
    const loadedFflate = scripts(page)
    await page.goto(`${BASE_URL}/en/forms#a-heading`, { waitUntil: 'load' })
    await page.waitForTimeout(2_000)
    assert.equal(await loadedFflate(), false, 'not for a page opened without a share link')
    // A share link for its first playground, from the same page: the decoder loads, the files show.
    const code = 'export default function Page() { return <p>shared here</p> }'
    const payload = Buffer.from(
      deflateSync(
        new TextEncoder().encode(JSON.stringify({ v: 1, files: { 'app/page.tsx': code } })),
      ),
    ).toString('base64url')
    await page.evaluate((hash) => (window.location.hash = hash), `playground=1&files=${payload}`)
    await page
      .locator('section[data-playground-id="1"] [data-share-notice="shared"]')
      .waitFor({ timeout: 30_000 })
    assert.equal(await loadedFflate(), true, 'loaded for the link')
  } finally {
    await context.close()
  }
})

test("Headless UI's widgets stay out of the page's scripts; Nextra's buttons still work", async () => {
  // Nextra imports Headless UI's Combobox, Listbox, Menu, Popover and Tabs for widgets this site
  // replaces; they brought Floating UI and TanStack Virtual into _app (44 kB compressed).
  const MARKERS = ['data-floating-ui', 'measureElement']
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  /** @type {Promise<string>[]} */
  const bodies = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.text().catch(() => ''))
  })
  try {
    await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'load' })
    // Headless UI's Button, kept: the copy button of a code block copies its code.
    const copy = page.getByRole('button', { name: /copy/i }).first()
    await copy.click()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    assert.ok(copied.length > 20, `the code was copied: ${JSON.stringify(copied.slice(0, 40))}`)
    await page.mouse.move(200, 200) // the editor loads too: its chunks count
    await page.waitForTimeout(2_000)
    const texts = await Promise.all(bodies)
    assert.ok(texts.length >= 5, 'the page loaded its scripts')
    for (const marker of MARKERS)
      assert.equal(
        texts.filter((text) => text.includes(marker)).length,
        0,
        `no script carries ${marker}`,
      )
  } finally {
    await context.close()
  }
})

test("Nextra's _meta files are not pages: 404 for the page and its data", async () => {
  const buildId = await fetch(`${BASE_URL}/en`)
    .then((r) => r.text())
    .then((html) => /"buildId":"([^"]+)"/.exec(html)?.[1])
  assert.ok(buildId, 'the page names its build')
  for (const path of [
    '/en/_meta',
    '/fr/_meta',
    '/de/_meta?x=1',
    `/_next/data/${buildId}/fr/_meta.json`,
  ]) {
    const response = await fetch(`${BASE_URL}${path}`, { redirect: 'manual' })
    assert.equal(response.status, 404, path)
  }
  // Only the path counts: a page whose query names it is still the page.
  assert.equal((await fetch(`${BASE_URL}/en/forms?from=/_meta`)).status, 200)
})

test('a move while the page is still loading counts, however late its scripts run', async () => {
  const { context, page } = await untouchedPage()
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'domcontentloaded' })
    // Once, before the load event: the head's early listener keeps it for the playground chunk.
    await page.mouse.move(300, 300)
    await firstPlaygroundLive(page)
  } finally {
    await context.close()
  }
})

test('a key press counts as a reader too (keyboard readers get live previews)', async () => {
  const { context, page } = await untouchedPage()
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
    await page.keyboard.press('Tab')
    await firstPlaygroundLive(page)
  } finally {
    await context.close()
  }
})

test('a docs page under a locale remembers it for `/` (the server sets NEXT_LOCALE)', async () => {
  const first = await fetch(`${BASE_URL}/fr/forms`, { redirect: 'manual' })
  assert.equal(first.status, 200)
  assert.match(first.headers.get('set-cookie') ?? '', /^NEXT_LOCALE=fr; Path=\//)
  const again = await fetch(`${BASE_URL}/fr/forms`, { headers: { cookie: 'NEXT_LOCALE=fr' } })
  assert.equal(again.headers.get('set-cookie'), null, 'no cookie when it already says fr')
  const home = await fetch(`${BASE_URL}/`, {
    redirect: 'manual',
    headers: { cookie: 'NEXT_LOCALE=fr', 'accept-language': 'de' },
  })
  assert.equal(home.status, 307)
  assert.equal(new URL(home.headers.get('location'), BASE_URL).pathname, '/fr')
})

test('a page’s scripts and styles, its snapshot and the preview runtime arrive brotli-compressed from the build', async () => {
  const { context, page } = await untouchedPage()
  /** @type {{ url: string, encoding?: string, type?: string }[]} */
  const files = []
  page.on('response', (response) => {
    const url = response.url()
    // The preview host's own files: any path but its live API is the runtime's.
    const file = /\/_next\/static\/|\/snapshots\/|\.preview\.[^/]+\/(?!api\/)/
    if (!file.test(url) || response.status() !== 200) return
    const headers = response.headers()
    files.push({ url, encoding: headers['content-encoding'], type: headers['content-type'] })
  })
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
    await page.mouse.move(200, 200) // the preview runtime loads once the playground starts
    await firstPlaygroundLive(page)
    await page
      .frameLocator(`${FIRST} >> iframe.sp-preview-iframe`)
      .locator('html[data-preview="ready"]')
      .waitFor({ timeout: 45_000 })
    // Files under ~1 KB have no copy (scripts/precompress.mjs) and come as they are.
    const big = files.filter((f) => !/_ssgManifest|webpack-/.test(f.url))
    for (const kind of [/\.js$/, /\.css$/, /\/snapshots\//, /\.preview\..*\/runtime\.js/])
      assert.ok(
        big.some((f) => kind.test(f.url)),
        `${kind} among ${big.map((f) => f.url)}`,
      )
    for (const f of big) {
      assert.equal(f.encoding, 'br', `${f.url} is sent brotli-compressed`)
      assert.match(f.type ?? '', /charset=utf-8/, `${f.url} says its charset`)
    }
  } finally {
    await context.close()
  }
})
