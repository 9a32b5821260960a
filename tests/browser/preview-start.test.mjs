// Issue 13 item 11, through the production site. The root cause: Sandpack gives its bundler 40 s
// to finish a first compile, then unregisters it and blanks the frame (removes its src) with no
// message our preview shows; a first start slower than that (a busy server, a page with many
// playgrounds) never appeared. A slow start must still end in the preview. And a preview that
// never starts (here its runtime.js is refused once, as a dropped connection would) says so in the
// reader's language, with a button that loads it again.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'

const PLAYGROUND = 'section[data-playground]'
const labels = (locale) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), 'utf8'))
    .playground

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

test('a first start slower than 40 s still ends in the preview (no silent blank frame)', async () => {
  const { context, page } = await openPage(browser)
  let held = 0
  // The first deploy is held 42 s, as a very busy live server would answer.
  await context.route(/\.preview\.[^/]+\/api\/live\/[\w-]+\/files$/, async (route) => {
    if (held++ === 0) await new Promise((r) => setTimeout(r, 42_000))
    await route.continue()
  })
  try {
    await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'load' })
    const section = page.locator(PLAYGROUND).first()
    await section.scrollIntoViewIfNeeded()
    const frame = section.frameLocator('iframe.sp-preview-iframe')
    await frame.locator('h2').waitFor({ timeout: 75_000 })
    assert.equal(await frame.locator('html').getAttribute('data-preview'), 'ready')
    assert.ok(await section.locator('iframe.sp-preview-iframe').getAttribute('src'))
    assert.equal(await section.locator('[data-preview-stuck]').count(), 0)
  } finally {
    await context.close()
  }
})

for (const locale of ['en', 'de']) {
  test(`${locale}: a preview that does not start says so and retries on request`, async () => {
    const { context, page } = await openPage(browser)
    let refused = 0
    // The first preview's runtime is refused once; everything else loads normally.
    await context.route(/\.preview\.[^/]+\/runtime\.js$/, (route) => {
      if (refused++ === 0) return route.abort('connectionreset')
      return route.continue()
    })
    try {
      await page.goto(`${BASE_URL}/${locale}/intro`, { waitUntil: 'load' })
      const section = page.locator(PLAYGROUND).first()
      await section.scrollIntoViewIfNeeded()
      const t = labels(locale)
      const stuck = section.locator('[data-preview-stuck]')
      await stuck.waitFor({ timeout: 50_000 })
      assert.equal(await stuck.getAttribute('role'), 'alert')
      assert.equal(
        (await stuck.locator('p').innerText()).trim(),
        t.previewTimeout.replace('{seconds}', '25'),
      )
      const retry = stuck.getByRole('button', { name: t.previewRetry, exact: true })
      await retry.click()
      const frame = section.frameLocator('iframe.sp-preview-iframe')
      await frame.locator('h2').waitFor({ timeout: 45_000 })
      assert.equal(await frame.locator('html').getAttribute('data-preview'), 'ready')
      assert.equal(await stuck.count(), 0, 'the message is gone once the preview shows')
      assert.ok(refused >= 2, 'runtime.js was asked for again after the refusal')
    } finally {
      await context.close()
    }
  })
}
