// Each locale has its own search index: a French query finds the French page, not the English one.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, isLocalUrl, launch, openPage } from '../support/browser.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

for (const [locale, query] of [
  ['fr', 'frontière'],
  ['de', 'Endpunkte'],
  ['en', 'boundary'],
]) {
  test(`search in /${locale} finds the ${locale} introduction`, async () => {
    const { context, page, record } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/${locale}`, { waitUntil: 'networkidle' })
      const input = page.locator('input[type="search"]').filter({ visible: true }).first()
      // Nextra loads the locale's index on focus; typing before it arrives finds nothing.
      const index = page.waitForResponse((r) => r.url().includes(`nextra-data-${locale}.json`))
      await input.focus()
      await index
      await input.pressSequentially(query, { delay: 30 })
      const results = page.locator('.nextra-search-results a')
      await results.first().waitFor({ timeout: 15_000 })
      const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      assert.ok(hrefs.length > 0)
      assert.ok(
        hrefs.every((h) => h.startsWith(`/${locale}/`)),
        `results stay in /${locale}: ${hrefs}`,
      )
      assert.ok(
        hrefs.some((h) => h.startsWith(`/${locale}/intro`)),
        `the introduction is found: ${hrefs}`,
      )
      assert.ok(
        record.requests.some((u) => u.includes(`nextra-data-${locale}`)),
        'the locale index was loaded',
      )
      assert.deepEqual(
        record.requests.filter((u) => !isLocalUrl(u)),
        [],
      )
    } finally {
      await context.close()
    }
  })
}
