// The playground in real Chromium: Sandpack editor, our own preview runtime on its own origin,
// and Server Actions running on the live server. Uses the first playground of the introduction.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { BASE_URL, isLocalUrl, launch, openPage, pasteIntoEditor } from '../support/browser.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PLAYGROUND = 'section[data-playground]'
const PREVIEW = `${PLAYGROUND} iframe.sp-preview-iframe`

/** The source of one file of the introduction's playground, as written in the MDX page. */
function exampleFile(locale, path) {
  const mdx = readFileSync(`${ROOT}pages/${locale}/intro.mdx`, 'utf8')
  const start = mdx.search(new RegExp('```\\w+ ' + path.replace('.', '\\.') + '\\b[^\\n]*\\n'))
  assert.ok(start >= 0, `${path} in pages/${locale}/intro.mdx`)
  const body = mdx.slice(mdx.indexOf('\n', start) + 1)
  return body.slice(0, body.indexOf('\n```'))
}

async function waitFor(check, { timeout = 15_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    try {
      last = await check()
      if (last) return last
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, interval))
  }
  throw new Error(
    `timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  )
}

let browser
let liveServerUp = false
before(async () => {
  browser = await launch()
  // The live API answers on the preview origin only (fetch cannot set Host: node:http can).
  const { port } = new URL(BASE_URL)
  liveServerUp = await new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/live/sessions',
        method: 'POST',
        headers: { host: `preview.localhost:${port}` },
      },
      (res) => {
        res.resume()
        resolve(res.statusCode === 201)
      },
    )
    req.on('error', () => resolve(false))
    req.end()
  })
})
after(async () => {
  await browser?.close()
})

/** Opens the introduction, scrolls to its playground and waits for the preview's first paint. */
async function openPlayground(locale = 'en', contextOptions = {}, { offline = false } = {}) {
  const opened = await openPage(browser, contextOptions)
  const { context, page } = opened
  // Offline: anything not on this machine fails, as it would without a network.
  if (offline)
    await context.route('**/*', (route) =>
      isLocalUrl(route.request().url()) ? route.continue() : route.abort(),
    )
  await page.goto(`${BASE_URL}/${locale}/intro`, { waitUntil: 'load' })
  await page.locator(PLAYGROUND).scrollIntoViewIfNeeded()
  const frame = page.frameLocator(PREVIEW)
  try {
    await frame.locator('h2').waitFor({ timeout: 30_000 })
  } catch (error) {
    // Rare under CI load: say what the playground and its preview showed instead.
    const section = await page
      .locator(PLAYGROUND)
      .evaluate((s) => ({
        state: s.getAttribute('data-playground'),
        frames: [...s.querySelectorAll('iframe')].map((f) => f.className.split(' ')[0]),
        text: s.innerText.slice(-400),
      }))
      .catch((e) => String(e))
    const preview = await frame
      .locator('html')
      .evaluate((html) => `${html.dataset.preview}: ${html.innerText.slice(0, 400)}`, null, {
        timeout: 2_000,
      })
      .catch(() => 'no preview document')
    throw new Error(
      `${error.message}\nplayground: ${JSON.stringify(section)}\npreview: ${preview}\n` +
        `preview navigations:\n  ${opened.previewTimeline()}`,
    )
  }
  return { ...opened, frame }
}

/** Replaces a file's whole text in the editor, as a reader pasting would. */
async function replaceFile(page, path, text) {
  await page.locator(`${PLAYGROUND} [role="tab"][data-path="/${path}"]`).click()
  await pasteIntoEditor(page.locator(PLAYGROUND), text)
}

async function openPanel(page, id) {
  await page.locator(`${PLAYGROUND} [role="tab"][data-panel="${id}"]`).click()
  return page.locator(`${PLAYGROUND} [role="tabpanel"][data-panel="${id}"]`)
}

/** Clicks a preview button until the answer shows `expected` (the first click may race a deploy). */
async function sendUntil(frame, button, expected) {
  return waitFor(
    async () => {
      await frame.getByRole('button', { name: button, exact: true }).click()
      await new Promise((r) => setTimeout(r, 300))
      const text = await frame.locator('output').textContent()
      return text.includes(expected) ? text : false
    },
    { message: `"${expected}" in the preview`, interval: 200 },
  )
}

const TEMP_REF_ACTIONS = `'use server'
export async function passBack(value: unknown) { return value }
export async function registered() { return Symbol.for('live.shared') }
export async function read(value: any) { return value.x }
`

const TEMP_REF_PAGE = `'use client'
import { useState } from 'react'
import { passBack, registered, read } from './actions'

class Point { x = 1 }

export default function Page() {
  const [out, setOut] = useState('')
  async function probe() {
    const fn = () => 1
    const point = new Point()
    const local = Symbol('local')
    const shared = Symbol.for('shared')
    const parts = ['done']
    parts.push('fn:' + ((await passBack(fn)) === fn ? 'same' : 'different'))
    parts.push('class:' + ((await passBack(point)) === point ? 'same' : 'different'))
    parts.push('symbol:' + ((await passBack(local)) === local ? 'same' : 'different'))
    parts.push('shared:' + ((await passBack(shared)) === shared ? 'same' : 'different'))
    parts.push('registered:' + ((await registered()) === Symbol.for('live.shared')))
    try {
      await read(point)
      parts.push('read:allowed')
    } catch (error) {
      parts.push('read:' + (error as Error).message.split('. ')[0] + '.')
    }
    setOut(parts.join(' '))
  }
  return (
    <main>
      <h2>Temporary references</h2>
      <button onClick={probe}>probe</button>
      <output>{out}</output>
    </main>
  )
}
`

describe('playground', () => {
  test('loads offline, with the static code first and nothing requested off-site', async () => {
    const { context, page, frame, record } = await openPlayground('en', {}, { offline: true })
    try {
      assert.match(await frame.locator('h2').textContent(), /What crosses the boundary/)
      assert.equal(await page.locator(PLAYGROUND).getAttribute('data-playground'), 'live')
      assert.deepEqual(
        record.requests.filter((url) => !isLocalUrl(url)),
        [],
        'requests left the site',
      )
      const previewUrl = await page.locator(PREVIEW).getAttribute('src')
      assert.match(
        previewUrl,
        /^http:\/\/[a-z2-7]{16}\.preview\.localhost:\d+\//,
        'the preview runs on an origin of its own',
      )
      assert.deepEqual(record.errors, [], 'console errors')
    } finally {
      await context.close()
    }
  })

  test('the static version is highlighted code, before any JavaScript', async () => {
    const html = await (await fetch(`${BASE_URL}/en/intro`)).text()
    const section = html.slice(html.indexOf('data-playground="static"'))
    assert.ok(section.length < html.length, 'a static playground is in the HTML')
    assert.match(section, /class="shiki/, 'shiki HTML')
    assert.match(section, /--shiki-light:/)
  })

  test('a page without playgrounds never loads Sandpack', async () => {
    const { context, page, record } = await openPage(browser)
    try {
      // The home page has a playground now; the not-found page has the site's chrome and none.
      await page.goto(`${BASE_URL}/en/no-such-page`, { waitUntil: 'networkidle' })
      await page.mouse.wheel(0, 5000)
      await page.waitForTimeout(500)
      assert.equal(record.requests.filter((url) => url.includes('preview.localhost')).length, 0)
      assert.equal(await page.locator(PLAYGROUND).count(), 0)
    } finally {
      await context.close()
    }
  })

  test('editing a client string updates the preview', async () => {
    const { context, page, frame } = await openPlayground('en')
    try {
      const source = exampleFile('en', 'app/page.tsx')
      await replaceFile(
        page,
        'app/page.tsx',
        source.replace('What crosses the boundary', 'Edited by the test'),
      )
      await waitFor(
        async () => (await frame.locator('h2').textContent()) === 'Edited by the test',
        { message: 'the new heading' },
      )
    } finally {
      await context.close()
    }
  })

  test('a syntax error shows an overlay with file:line, and fixing it recovers', async () => {
    const { context, page, frame } = await openPlayground('en')
    try {
      const source = exampleFile('en', 'app/page.tsx')
      const broken = source.replace('  const [answer', '  const = 1\n  const [answer')
      await replaceFile(page, 'app/page.tsx', broken)
      const line = broken.split('\n').findIndex((l) => l.includes('const = 1')) + 1
      const overlay = await waitFor(
        async () => {
          const text = await page.locator(`${PLAYGROUND} .sp-preview`).innerText()
          return new RegExp(`app/page\\.tsx:${line}:\\d+`).test(text) ? text : false
        },
        { message: `an overlay naming app/page.tsx:${line}` },
      )
      assert.match(overlay, /SyntaxError/)
      await replaceFile(
        page,
        'app/page.tsx',
        source.replace('What crosses the boundary', 'Fixed again'),
      )
      await waitFor(async () => (await frame.locator('h2').textContent()) === 'Fixed again', {
        message: 'the preview to recover',
      })
      await waitFor(
        async () =>
          !/app\/page\.tsx:\d+:\d+/.test(
            await page.locator(`${PLAYGROUND} .sp-preview`).innerText(),
          ),
        {
          message: 'the overlay to go away',
        },
      )
    } finally {
      await context.close()
    }
  })

  test('a runtime error names the file, line and column', async () => {
    const { context, page } = await openPlayground('en')
    try {
      const crashing = `'use client'

export default function Page() {
  const items: string[] | undefined = undefined
  return <h2>{items!.length}</h2>
}
`
      await replaceFile(page, 'app/page.tsx', crashing)
      const overlay = await waitFor(
        async () => {
          const text = await page.locator(`${PLAYGROUND} .sp-preview`).innerText()
          return /app\/page\.tsx:5:\d+/.test(text) ? text : false
        },
        { message: 'an overlay naming app/page.tsx:5' },
      )
      assert.match(overlay, /TypeError/)
    } finally {
      await context.close()
    }
  })

  test('the static version has the size of the live one (no layout shift)', async () => {
    const { context, page } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'load' })
      const size = () =>
        page
          .locator(PLAYGROUND)
          .evaluate((s) => [s.dataset.playground, Math.round(s.getBoundingClientRect().height)])
      const [stateBefore, before] = await size()
      assert.equal(stateBefore, 'static')
      await page.locator(PLAYGROUND).scrollIntoViewIfNeeded()
      await page.frameLocator(PREVIEW).locator('h2').waitFor({ timeout: 30_000 })
      assert.deepEqual(await size(), ['live', before])
    } finally {
      await context.close()
    }
  })

  test('the French page shows French playground labels', async () => {
    const { context, page } = await openPlayground('fr')
    try {
      const section = page.locator(PLAYGROUND)
      assert.match(await section.getAttribute('aria-label'), /^Bac à sable/)
      const text = await section.innerText()
      for (const label of [
        'Réinitialiser',
        'Recharger',
        'Console du navigateur',
        'Console du serveur',
        'Réseau',
        'Échap',
      ]) {
        assert.ok(text.includes(label), `"${label}" on the French playground`)
      }
      assert.equal(await page.locator(PREVIEW).getAttribute('title'), "Aperçu de l'exemple")
    } finally {
      await context.close()
    }
  })

  test('preview code cannot read the docs page cookies', async () => {
    const { context, page, frame } = await openPlayground('en')
    try {
      await page.evaluate(() => {
        document.cookie = 'docs_secret=42; path=/'
      })
      const probe = `'use client'

export default function Page() {
  let parentCookie: string
  try {
    parentCookie = 'read ' + window.parent.document.cookie
  } catch (error) {
    parentCookie = 'blocked ' + (error as Error).name
  }
  return <h2 id="probe">{parentCookie} | own: [{document.cookie}]</h2>
}
`
      await replaceFile(page, 'app/page.tsx', probe)
      const text = await waitFor(
        async () => {
          const t = await frame.locator('#probe').textContent()
          return t.startsWith('blocked') || t.startsWith('read') ? t : false
        },
        { message: 'the probe to render' },
      )
      assert.match(text, /^blocked SecurityError/)
      assert.doesNotMatch(text, /docs_secret/)
    } finally {
      await context.close()
    }
  })

  describe('with the live server', () => {
    test('editing the action and calling it shows the new answer, its console.log and the POST', async (t) => {
      if (!liveServerUp) return t.skip('the live server does not answer POST /api/live/sessions')
      const { context, page, frame } = await openPlayground('en')
      try {
        await sendUntil(frame, 'string', 'Received on the server: string = hello')

        const actions = exampleFile('en', 'app/actions.ts')
        await replaceFile(
          page,
          'app/actions.ts',
          actions.replace('Received on the server', 'Answered by the edited action'),
        )
        await sendUntil(frame, 'string', 'Answered by the edited action: string = hello')

        const serverConsole = await openPanel(page, 'serverConsole')
        await waitFor(
          async () => (await serverConsole.innerText()).includes('inspect received string hello'),
          { message: 'the action console.log' },
        )

        const network = await openPanel(page, 'network')
        const entry = network.locator('details').first()
        await entry.locator('summary').click()
        const text = await entry.innerText()
        assert.match(text, /POST inspect — 200/)
        assert.match(text, /Next-Action: [0-9a-f]{42}\b/)
        assert.match(text, /\["hello"\]/, 'the request body as encodeReply sent it')
        // Next 16's action answer, as next dev sends it: {a, q, i, b}.
        assert.match(text, /0:\{"a":"\$@1","q":"","i":true,"b":"[^"]+"\}/, 'the Flight root row')
      } finally {
        await context.close()
      }
    })

    test('a function argument comes back as the very same object; touching it on the server throws Next’s error', async (t) => {
      if (!liveServerUp) return t.skip('the live server does not answer POST /api/live/sessions')
      const { context, frame } = await openPlayground('en')
      try {
        const back = await sendUntil(frame, 'function', 'function →')
        assert.equal(
          back,
          'function → on the server: typeof = function · back in the browser: the very same object',
        )
        const touched = await sendUntil(frame, 'touch the function', 'function →')
        assert.match(
          touched,
          /^function → Cannot access toString on the server\. You cannot dot into a temporary client reference from a server component\. You can only pass the value through to the client\./,
        )
      } finally {
        await context.close()
      }
    })

    test('temporary references round trip: functions, class instances and symbols as arguments; Symbol.for as a return value', async (t) => {
      if (!liveServerUp) return t.skip('the live server does not answer POST /api/live/sessions')
      const { context, page, frame } = await openPlayground('en')
      try {
        await replaceFile(page, 'app/actions.ts', TEMP_REF_ACTIONS)
        await replaceFile(page, 'app/page.tsx', TEMP_REF_PAGE)
        const text = await waitFor(
          async () => {
            await frame.getByRole('button', { name: 'probe', exact: true }).click()
            await new Promise((r) => setTimeout(r, 300))
            const out = await frame.locator('output').textContent()
            return out.startsWith('done') ? out : false
          },
          { message: 'the probe to answer', interval: 200 },
        )
        assert.equal(
          text,
          'done fn:same class:same symbol:same shared:same registered:true read:Cannot access x on the server.',
        )
      } finally {
        await context.close()
      }
    })

    test('Download saves the edited files as a complete Next.js 16 app', async (t) => {
      if (!liveServerUp) return t.skip('the live server does not answer POST /api/live/sessions')
      const { context, page } = await openPlayground('en', { acceptDownloads: true })
      try {
        const source = exampleFile('en', 'app/page.tsx').replace(
          'What crosses the boundary',
          'Edited before download',
        )
        await replaceFile(page, 'app/page.tsx', source)
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator(`${PLAYGROUND} button`, { hasText: /^Download$/ }).click(),
        ])
        assert.equal(download.suggestedFilename(), 'what-may-cross-the-boundary.zip')
        const stream = await download.createReadStream()
        const chunks = []
        for await (const chunk of stream) chunks.push(chunk)
        const files = unzipSync(new Uint8Array(Buffer.concat(chunks)))
        const text = (path) => strFromU8(files[`what-may-cross-the-boundary/${path}`])
        assert.equal(text('app/page.tsx'), source, 'the edited file, as the reader left it')
        assert.equal(text('app/actions.ts').trimEnd(), exampleFile('en', 'app/actions.ts'))
        assert.equal(JSON.parse(text('package.json')).dependencies.next, '16.4.6')
        for (const path of [
          'app/layout.tsx',
          'lib/db.ts',
          'lib/auth.ts',
          'next.config.ts',
          'README.md',
        ])
          assert.ok(files[`what-may-cross-the-boundary/${path}`], path)
        assert.equal(
          files['what-may-cross-the-boundary/check.json'],
          undefined,
          'hidden files stay out',
        )
      } finally {
        await context.close()
      }
    })

    test('reset restores the example after asking', async (t) => {
      if (!liveServerUp) return t.skip('the live server does not answer POST /api/live/sessions')
      const { context, page, frame } = await openPlayground('en')
      try {
        const source = exampleFile('en', 'app/page.tsx')
        await replaceFile(
          page,
          'app/page.tsx',
          source.replace('What crosses the boundary', 'Changed before reset'),
        )
        await waitFor(
          async () => (await frame.locator('h2').textContent()) === 'Changed before reset',
          { message: 'the edit' },
        )
        await page.locator(PLAYGROUND).getByRole('button', { name: 'Reset', exact: true }).click()
        const confirm = page.locator(PLAYGROUND).getByRole('button', { name: 'Yes, reset' })
        assert.ok(await confirm.isVisible(), 'reset asks first')
        await confirm.click()
        await waitFor(
          async () => (await frame.locator('h2').textContent()) === 'What crosses the boundary',
          { message: 'the original heading' },
        )
        assert.match(
          await page.locator(`${PLAYGROUND} .cm-content`).innerText(),
          /What crosses the boundary/,
        )
      } finally {
        await context.close()
      }
    })
  })

  test('works on a 375 px wide screen', async () => {
    const { context, page } = await openPlayground('en', { viewport: { width: 375, height: 740 } })
    try {
      const box = await page.locator(PLAYGROUND).boundingBox()
      assert.ok(box.width <= 375, `playground is ${box.width}px wide`)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`)
      const preview = await page.locator(PREVIEW).boundingBox()
      assert.ok(preview.width > 300 && preview.height > 200, 'the preview is usable')
    } finally {
      await context.close()
    }
  })
})
