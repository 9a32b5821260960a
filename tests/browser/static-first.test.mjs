// Before any JavaScript, a playground shows its code line by line and its example already rendered
// (the build-time snapshot made by the live server); with JavaScript, the snapshot gives way to
// the live preview once that has rendered (issue 14).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'

const FIRST = 'section[data-playground] >> nth=0'

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

for (const [path, label] of [
  ['/en/forms', 'Send'],
  ['/fr/forms', 'Envoyer'],
  ['/de/forms', 'Absenden'],
]) {
  test(`${path} without JavaScript: the code keeps its lines and the example is rendered`, async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false })
    try {
      await page.goto(`${BASE_URL}${path}`)
      const section = page.locator(FIRST)
      const code = await section.locator('[role="region"] pre').innerText()
      assert.ok(
        code.split('\n').length > 10,
        `the static code shows ${code.split('\n').length} line(s):\n${code.slice(0, 200)}`,
      )
      const snapshot = section.locator('iframe[data-snapshot]')
      assert.equal(await snapshot.count(), 1, 'the preview area has the build-time snapshot')
      assert.equal(await snapshot.getAttribute('sandbox'), '', 'the snapshot frame runs nothing')
      const frame = page.frameLocator(`${FIRST} >> iframe[data-snapshot]`)
      await frame.locator(`button:has-text("${label}")`).waitFor({ timeout: 5_000 })
    } finally {
      await context.close()
    }
  })
}

test('with JavaScript the snapshot shows first, then gives way to the live preview', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'domcontentloaded' })
    const section = page.locator(FIRST)
    await section.scrollIntoViewIfNeeded()
    assert.equal(await section.locator('iframe[data-snapshot]').count(), 1)
    // The live preview renders, and only then the snapshot leaves.
    const live = page.frameLocator(`${FIRST} >> iframe.sp-preview-iframe`)
    await live.locator('html[data-preview="ready"]').waitFor({ timeout: 45_000 })
    await page.waitForFunction(
      () => {
        const first = document.querySelector('section[data-playground]')
        return first?.dataset.playground === 'live' && !first.querySelector('iframe[data-snapshot]')
      },
      null,
      { timeout: 10_000 },
    )
    await live.locator('button:has-text("Send")').waitFor({ timeout: 5_000 })
  } finally {
    await context.close()
  }
})
