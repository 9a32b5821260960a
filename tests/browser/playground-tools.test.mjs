// The preview toolbar's address bar and production switch, and the network panel's request
// composer, in real Chromium through the production site. Uses the first playground of the Forms
// chapter (a Server Component page, so it has a JavaScript-off view) with its page replaced by
// one that links, redirects, closes over variables and throws.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BASE_URL, isLocalUrl, launch, openPage, pasteIntoEditor } from '../support/browser.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PLAYGROUND = 'section[data-playground]'
const PREVIEW = 'iframe.sp-preview-iframe'
const en = JSON.parse(readFileSync(`${ROOT}locales/en.json`, 'utf8')).playground

const PAGE = `import Link from 'next/link'
import { redirect } from 'next/navigation'

export default async function Page({ searchParams }: { searchParams: Promise<{ n?: string }> }) {
  const { n = '1' } = await searchParams
  const secret = 'v' + n
  async function publish(formData: FormData) {
    'use server'
    console.log('publish ' + secret + ' ' + formData.get('title'))
    redirect('/?n=' + (Number(n) + 1))
  }
  async function fail() {
    'use server'
    throw new Error('hidden detail')
  }
  return (
    <main>
      <h2>{'Page ' + n}</h2>
      <Link href="/?n=5">five</Link> <a href="/?n=7">seven</a>
      <form action={publish}>
        <label htmlFor="title">Title</label> <input id="title" name="title" />
        <button type="submit">Publish</button>
        <button formAction={fail}>Fail</button>
      </form>
    </main>
  )
}
`

async function waitFor(check, { timeout = 20_000, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    try {
      last = await check()
      if (last) return last
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(
    `timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  )
}

let browser
let opened
let section
let frame
before(async () => {
  browser = await launch()
  opened = await openPage(browser, { viewport: { width: 1280, height: 900 } })
  await opened.context.route('**/*', (route) =>
    isLocalUrl(route.request().url()) ? route.continue() : route.abort(),
  )
  const { page } = opened
  await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
  section = page.locator(PLAYGROUND).first()
  await section.scrollIntoViewIfNeeded()
  frame = section.frameLocator(PREVIEW)
  await frame.locator('html[data-preview="ready"]').waitFor({ timeout: 60_000 })
  // The reader's own page: replace app/page.tsx as pasting would.
  await section.locator('[role="tab"][data-path="/app/page.tsx"]').click()
  await pasteIntoEditor(section, PAGE)
  await frame.getByRole('heading', { name: 'Page 1' }).waitFor({ timeout: 30_000 })
})
after(async () => {
  await opened?.context.close()
  await browser?.close()
})

const address = () => section.locator('[data-address]')
const ready = () =>
  waitFor(async () => (await frame.locator('html').getAttribute('data-preview')) === 'ready', {
    message: 'the preview to be ready',
  })
async function shows(path, heading) {
  await waitFor(async () => (await address().inputValue()) === path, {
    message: `the address bar to show ${path}`,
  })
  await frame.getByRole('heading', { name: heading }).waitFor({ timeout: 20_000 })
}
async function openNetwork() {
  await section.locator('[role="tab"][data-panel="network"]').click()
  return section.locator('[role="tabpanel"][data-panel="network"]')
}

describe('address bar', () => {
  test('follows links, goes back and forward, and goes where the reader types', async () => {
    assert.equal(await address().inputValue(), '/')
    await frame.getByRole('link', { name: 'seven' }).click()
    await shows('/?n=7', 'Page 7')
    await frame.getByRole('link', { name: 'five' }).click()
    await shows('/?n=5', 'Page 5')
    await section.getByRole('button', { name: en.address.back, exact: true }).click()
    await shows('/?n=7', 'Page 7')
    await section.getByRole('button', { name: en.address.forward, exact: true }).click()
    await shows('/?n=5', 'Page 5')
    await address().fill('/?n=3')
    await address().press('Enter')
    await shows('/?n=3', 'Page 3')
    // The frame never left the runtime: it is the same document all along.
    assert.equal(
      await frame.locator('html').evaluate(() => performance.getEntriesByType('navigation').length),
      1,
    )
    await address().fill('https://evil.example/')
    await address().press('Enter')
    await section.getByRole('alert').filter({ hasText: en.address.invalid }).waitFor()
  })

  test('follows a redirect() from an action', async () => {
    await frame.getByLabel('Title', { exact: true }).fill('hello')
    await frame.getByRole('button', { name: 'Publish', exact: true }).click()
    await shows('/?n=4', 'Page 4')
  })
})

describe('network panel', () => {
  test('names an inline action by its source name', async () => {
    const panel = await openNetwork()
    const entry = panel.locator('li[data-action="publish"]').first()
    await entry.waitFor({ timeout: 20_000 })
    assert.match(await entry.locator('summary').innerText(), /^POST publish\b/)
    assert.doesNotMatch(await panel.innerText(), /\$\$RSC_SERVER_ACTION/)
  })
})

describe('request composer', () => {
  /** Opens the composer on the latest `publish` call, applies `edit`, sends, returns the answer. */
  async function composeAndSend(edit) {
    const panel = await openNetwork()
    await panel
      .locator('li[data-action="publish"]:not([data-composed])')
      .first()
      .locator('[data-compose-open]')
      .click()
    const form = panel.locator('[data-composer]')
    await edit(form)
    await form.getByRole('button', { name: en.composer.send, exact: true }).click()
    const answer = form.locator('[data-compose-answer]')
    await answer.waitFor({ timeout: 25_000 })
    const result = {
      status: Number(await answer.getAttribute('data-status')),
      text: await answer.innerText(),
    }
    await form.getByRole('button', { name: en.composer.close, exact: true }).click()
    return result
  }

  test('a call sent again unchanged runs', async () => {
    const { status, text } = await composeAndSend(async () => {})
    assert.equal(status, 200, text)
    assert.match(text, /x-action-redirect: \/\?n=4/)
  })

  test('a forged Origin is refused by the CSRF check, and recorded as sent', async () => {
    const { status, text } = await composeAndSend((form) =>
      form.getByLabel(en.composer.origin, { exact: true }).fill('https://evil.example'),
    )
    assert.equal(status, 500, text)
    assert.ok(text.includes(en.reasons.csrf), text)
    assert.match(text, /origin: https:\/\/evil\.example/i)
  })

  test('a body over the limit is refused', async () => {
    const { status, text } = await composeAndSend((form) =>
      form.getByLabel(en.composer.padBytes, { exact: true }).fill('2000000'),
    )
    assert.equal(status, 500, text)
    assert.match(text, /Body exceeded 1 MB limit/)
  })

  test('a tampered closure token is refused', async () => {
    const { status, text } = await composeAndSend((form) =>
      form.getByRole('button', { name: en.composer.tamper, exact: true }).click(),
    )
    assert.equal(status, 500, text)
    assert.match(text, /operation failed/i, 'AES-GCM refused the token')
    assert.doesNotMatch(text, /x-action-redirect/)
  })

  test('an action the UI did not call can be called', async () => {
    const { status, text } = await composeAndSend(async (form) => {
      const select = form.getByLabel(en.composer.action, { exact: true })
      const value = await select.evaluate(
        (element) => [...element.options].find((o) => o.dataset.name === 'fail').value,
      )
      await select.selectOption(value)
    })
    assert.equal(status, 500, text)
    assert.match(text, /hidden detail/, 'development mode sends the message')
  })
})

describe('production switch', () => {
  test('runs the session as next start, and back', async () => {
    const toggle = section.getByRole('switch', { name: en.production, exact: true })
    await toggle.click()
    await waitFor(
      async () =>
        (await toggle.getAttribute('aria-checked')) === 'true' &&
        (await toggle.getAttribute('aria-busy')) === null,
      { message: 'the switch to settle on' },
    )
    await ready()
    await frame.getByRole('button', { name: 'Fail', exact: true }).click()
    const panel = await openNetwork()
    // The preview's own call (the composer sent one earlier, in development).
    const failed = panel.locator('li[data-action="fail"]:not([data-composed])').first()
    await failed.waitFor({ timeout: 20_000 })
    await failed.locator('summary').click()
    const text = await failed.innerText()
    assert.match(text, / 500\b/)
    assert.doesNotMatch(text, /hidden detail/, 'production sends a digest only')
    assert.match(text, /digest/)
  })

  test('Reload keeps production and shows only the new session’s console', async () => {
    await section.locator('[role="tab"][data-panel="serverConsole"]').click()
    const consolePanel = section.locator('[role="tabpanel"][data-panel="serverConsole"]')
    await waitFor(async () => (await consolePanel.innerText()).includes('publish v3 hello'), {
      message: 'the action’s log line',
    })
    const before = await consolePanel.locator('span').first().innerText()
    await section.getByRole('button', { name: en.reload, exact: true }).click()
    await waitFor(
      async () => {
        const label = await consolePanel.locator('span').first().innerText()
        return label && label !== before
      },
      { message: 'the new session' },
    )
    const toggle = section.getByRole('switch', { name: en.production, exact: true })
    await waitFor(
      async () =>
        (await toggle.getAttribute('aria-checked')) === 'true' &&
        (await toggle.getAttribute('aria-busy')) === null,
      { message: 'production again after the reload' },
    )
    await ready()
    // Two reads of the new session's records at least.
    await new Promise((r) => setTimeout(r, 4500))
    assert.doesNotMatch(await consolePanel.innerText(), /publish v3 hello/)
  })
})

describe('JavaScript off', () => {
  test('the form post is in the network panel, and the view follows the production switch', async () => {
    const noJs = section.getByRole('switch', { name: en.noJs, exact: true })
    await noJs.click()
    const noJsFrame = section.frameLocator('iframe[data-nojs]')
    await noJsFrame.getByLabel('Title', { exact: true }).fill('plain')
    await noJsFrame.getByRole('button', { name: 'Publish', exact: true }).click()
    await noJsFrame.getByRole('heading', { name: 'Page 2' }).waitFor({ timeout: 20_000 })
    const panel = await openNetwork()
    const post = panel
      .locator('li[data-action="publish"]')
      .filter({ hasText: en.composer.formPost })
    await post.first().waitFor({ timeout: 20_000 })

    const frameElement = section.locator('iframe[data-nojs]')
    const loadsBefore = await frameElement.evaluate((element) => {
      element.dataset.marked = '1'
      return 1
    })
    assert.equal(loadsBefore, 1)
    const toggle = section.getByRole('switch', { name: en.production, exact: true })
    await toggle.click()
    await waitFor(
      async () =>
        (await toggle.getAttribute('aria-checked')) === 'false' &&
        (await toggle.getAttribute('aria-busy')) === null,
      { message: 'development again' },
    )
    // A new view of the session in its new mode.
    await waitFor(
      async () => (await section.locator('iframe[data-nojs][data-marked]').count()) === 0,
      {
        message: 'the JavaScript-off view to load again',
      },
    )
    await noJsFrame.getByRole('heading', { name: 'Page 1' }).waitFor({ timeout: 20_000 })
    await noJs.click()
  })
})
