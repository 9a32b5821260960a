// Every page in every locale: loads cleanly, stays on this site, and passes axe.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE_URL,
  isLocalUrl,
  launch,
  openPage,
  seriousA11yViolations,
} from '../support/browser.mjs'
import { LOCALES, allPages } from '../../scripts/site-pages.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const targets = [
  ...allPages().map((p) => ({ ...p, status: 200 })),
  ...LOCALES.map((locale) => ({ locale, path: `/${locale}/no-such-page`, status: 404 })),
]

describe('every page in every locale', () => {
  for (const { path, locale, status } of targets) {
    test(`${path} loads without console errors, requests nothing off-site and has no serious a11y violation`, async () => {
      const { context, page, record } = await openPage(browser)
      try {
        const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' })
        assert.equal(response.status(), status)
        assert.equal(
          await page.getAttribute('html', 'lang'),
          status === 200 ? locale : await page.getAttribute('html', 'lang'),
        )
        assert.deepEqual(
          record.requests.filter((url) => !isLocalUrl(url)),
          [],
          'requests left the site',
        )
        // A 404 logs the failed document request itself; anything else is a real error.
        const errors = record.errors.filter((e) => !(status === 404 && /status of 404/.test(e)))
        assert.deepEqual(errors, [], 'console errors')
        assert.deepEqual(await seriousA11yViolations(page), [])
      } finally {
        await context.close()
      }
    })
  }
})
