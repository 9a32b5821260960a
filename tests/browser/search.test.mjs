// Each locale has its own search index: a French query finds the French page, not the English one.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, isLocalUrl, launch, openPage } from '../support/browser.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

for (const [locale, query] of [['fr', 'sérialisables'], ['de', 'serialisierbar'], ['en', 'serializable']]) {
  test(`search in /${locale} finds the ${locale} introduction`, async () => {
    const { context, page, record } = await openPage(browser)
    try {
      await page.goto(`${BASE_URL}/${locale}`, { waitUntil: 'networkidle' })
      const input = page.locator('input[type="search"]').filter({ visible: true }).first()
      await input.fill(query)
      const hit = page.locator(`a[href^="/${locale}/intro"]`).filter({ visible: true }).first()
      await hit.waitFor({ timeout: 15_000 })
      const hrefs = await page.locator('.nextra-search-results a').evaluateAll(as => as.map(a => a.getAttribute('href')))
      assert.ok(hrefs.length > 0)
      assert.ok(hrefs.every(h => h.startsWith(`/${locale}/`)), `results stay in /${locale}: ${hrefs}`)
      assert.ok(record.requests.some(u => u.includes(`nextra-data-${locale}`)), 'the locale index was loaded')
      assert.deepEqual(record.requests.filter(u => !isLocalUrl(u)), [])
    } finally {
      await context.close()
    }
  })
}
