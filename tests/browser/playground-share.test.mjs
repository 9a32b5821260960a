// Issue 13 item 10, through the production site: "Share" copies a link whose hash carries the
// edited files; opened in another locale it restores that playground (and only that one) with a
// notice and a way back; a damaged or oversized link shows a localized error, keeps the original
// and leaves the link in the address bar.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deflateSync } from 'fflate'
import { BASE_URL, launch, openPage, pasteIntoEditor } from '../support/browser.mjs'

const PLAYGROUND = 'section[data-playground]'
const labels = (locale) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), 'utf8'))
    .playground

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

async function until(check, message, timeout = 30_000) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    last = await check().catch((error) => error)
    if (last === true) return
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`timed out waiting for ${message} (last: ${last})`)
}

async function previewReady(section) {
  const frame = section.frameLocator('iframe.sp-preview-iframe')
  await until(
    async () => (await frame.locator('html').getAttribute('data-preview')) === 'ready',
    'the preview',
    45_000,
  )
  return frame
}

// CodeMirror's lines as text (innerText doubles empty lines: blank lines are not compared).
const editorText = async (section) =>
  (await section.locator('.cm-content').innerText()).replace(/\n+/g, '\n')

test('share link round trip: en → fr, the named playground only, and back to the original', async () => {
  const { context, page, record } = await openPage(browser)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL })
  try {
    await page.goto(`${BASE_URL}/en/conventions`, { waitUntil: 'load' })
    const section = page.locator(`${PLAYGROUND}[data-playground-id="1"]`)
    await section.scrollIntoViewIfNeeded()
    await previewReady(section)
    const source = await editorText(section)
    const edited = source.replace('>Add note<', '>Shared note<')
    assert.notEqual(edited, source)
    await pasteIntoEditor(section, edited)

    const en = labels('en').share
    const button = section.getByRole('button', { name: en.button, exact: true })
    assert.equal(await button.getAttribute('title'), en.title)
    await button.click()
    await until(
      async () => (await section.getByRole('status').allInnerTexts()).includes(en.copied),
      'the "copied" status',
    )
    const link = await page.evaluate(() => navigator.clipboard.readText())
    const url = new URL(link)
    assert.equal(url.pathname, '/en/conventions')
    assert.match(url.hash, /^#playground=1&files=[\w-]+$/)
    assert.equal(page.url().includes('#'), false, 'sharing does not change the page address')
    // The hash is never sent: no request carried the files.
    assert.ok(!record.requests.some((r) => r.includes(url.hash.slice(1, 40))))

    // Opened in French: the French page, the shared files in playground 1, a French notice.
    const fr = labels('fr').share
    const shared = await context.newPage()
    const sent = []
    shared.on('request', (r) => sent.push(r.url()))
    await shared.goto(`${BASE_URL}/fr/conventions${url.hash}`, { waitUntil: 'load' })
    const first = shared.locator(`${PLAYGROUND}[data-playground-id="1"]`)
    const notice = first.locator('[data-share-notice="shared"]')
    await notice.waitFor({ timeout: 15_000 })
    assert.equal(await notice.getAttribute('role'), 'status')
    assert.equal((await notice.locator('span').innerText()).trim(), fr.notice)
    const frame = await previewReady(first)
    await until(
      async () =>
        (await frame.getByRole('button', { name: 'Shared note', exact: true }).count()) === 1,
      'the shared code running in the preview',
    )
    assert.equal(await editorText(first), edited)
    assert.ok(!sent.some((u) => u.includes('files=')), 'the files never reach a server')
    // The other playgrounds of the page are untouched.
    const second = shared.locator(`${PLAYGROUND}[data-playground-id="2"]`)
    assert.equal(await second.locator('[data-share-notice]').count(), 0)

    // Back to the original: the page's own code, the hash gone.
    await first.getByRole('button', { name: fr.back, exact: true }).click()
    await until(async () => !(await editorText(first)).includes('Shared note'), 'the original code')
    assert.equal(new URL(shared.url()).hash, '')
    assert.equal(await first.locator('[data-share-notice]').count(), 0)
  } finally {
    await context.close()
  }
})

test('a hostile link (bomb, unknown file, damage) is refused in the reader language, losing nothing', async () => {
  const { context, page } = await openPage(browser)
  try {
    const de = labels('de').share
    const b64 = (bytes) => Buffer.from(bytes).toString('base64url')
    const bomb = b64(deflateSync(new Uint8Array(16 * 1024 * 1024).fill(32), { level: 9 }))
    const unknown = b64(
      deflateSync(new TextEncoder().encode('{"v":1,"files":{"app/evil.ts":"x"}}')),
    )
    for (const [payload, reason] of [
      [bomb, 'too-large'],
      [unknown, 'unknown-files'],
      ['not-a-deflate-stream', 'corrupt'],
    ]) {
      const hash = `#playground=1&files=${payload}`
      await page.goto(`${BASE_URL}/de/conventions${hash}`, { waitUntil: 'load' })
      const section = page.locator(`${PLAYGROUND}[data-playground-id="1"]`)
      const alert = section.locator('[data-share-notice="error"]')
      await alert.waitFor({ timeout: 15_000 })
      assert.equal(
        (await alert.locator('span').innerText()).trim(),
        de.invalid.replace('{reason}', de.errors[reason]),
      )
      assert.equal(await alert.getAttribute('role'), 'alert')
      // The original example runs, and the link is still there to copy or fix.
      const frame = await previewReady(section)
      assert.equal(await frame.getByRole('button', { name: 'Notiz hinzufügen' }).count(), 1)
      assert.match(await editorText(section), /Notiz hinzufügen/)
      assert.equal(new URL(page.url()).hash, hash)
      await section.getByRole('button', { name: de.dismiss, exact: true }).click()
      assert.equal(await alert.count(), 0)
      await page.goto('about:blank')
    }
  } finally {
    await context.close()
  }
})
