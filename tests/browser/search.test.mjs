// The docs' search box (components/site/SiteSearch.tsx): each locale has its own index, the list is
// driven from the keyboard, and a slow or failing index is said in the reader's language.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE_URL, isLocalUrl, launch, openPage } from '../support/browser.mjs'

const messages = (locale) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), 'utf8'))
const OPTIONS = '[role="listbox"] [role="option"]'
const searchBox = (page) => page.locator('input[type="search"]').filter({ visible: true }).first()

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
      const input = searchBox(page)
      // The locale's index loads on focus.
      const index = page.waitForResponse((r) => r.url().includes(`nextra-data-${locale}.json`))
      await input.focus()
      await index
      await input.pressSequentially(query, { delay: 30 })
      const results = page.locator(OPTIONS)
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

test('"/" focuses the search, arrows pick a result and Enter opens it', async () => {
  const { context, page } = await openPage(browser)
  try {
    await page.goto(`${BASE_URL}/en`, { waitUntil: 'networkidle' })
    const input = searchBox(page)
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('/')
    assert.ok(await input.evaluate((el) => el === document.activeElement), '"/" focused the box')
    await page.keyboard.type('revalidatePath', { delay: 20 })
    const options = page.locator(OPTIONS)
    await options.first().waitFor({ timeout: 15_000 })
    assert.equal(await input.getAttribute('aria-expanded'), 'true')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const second = options.nth(1)
    const secondId = await second.getAttribute('id')
    assert.equal(await input.getAttribute('aria-activedescendant'), secondId)
    assert.equal(await second.getAttribute('aria-selected'), 'true')
    const href = await second.getAttribute('href')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname + url.hash === href, { timeout: 15_000 })
    assert.equal(await input.inputValue(), '', 'the box is emptied once a result is opened')
    assert.equal(
      await page.locator(OPTIONS).filter({ visible: true }).count(),
      0,
      'the list closed',
    )
  } finally {
    await context.close()
  }
})

test('what is typed while the index loads is searched once it has arrived', async () => {
  const { context, page } = await openPage(browser)
  try {
    let release
    const held = new Promise((resolve) => (release = resolve))
    await page.route('**/nextra-data-de.json', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${BASE_URL}/de`, { waitUntil: 'networkidle' })
    const input = searchBox(page)
    await input.click()
    await input.pressSequentially('Endpunkte', { delay: 20 })
    const loading = page.getByRole('status').filter({ hasText: messages('de').theme.searchLoading })
    await loading.waitFor({ timeout: 5_000 })
    release()
    await page.locator(OPTIONS).first().waitFor({ timeout: 15_000 })
    assert.equal(await loading.count(), 0, 'the loading message is gone')
  } finally {
    await context.close()
  }
})

test("an index that fails to load is said in the page's language, and focusing again retries", async () => {
  const { context, page } = await openPage(browser)
  try {
    let fail = true
    await page.route('**/nextra-data-fr.json', (route) =>
      fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    )
    await page.goto(`${BASE_URL}/fr`, { waitUntil: 'networkidle' })
    const input = searchBox(page)
    await input.click()
    await input.fill('frontière')
    const alert = page.getByRole('alert').filter({ hasText: messages('fr').theme.searchError })
    await alert.waitFor({ timeout: 15_000 })
    assert.equal(await input.inputValue(), 'frontière', 'the query is kept')
    fail = false
    await input.blur()
    await input.focus()
    await page.locator(OPTIONS).first().waitFor({ timeout: 15_000 })
  } finally {
    await context.close()
  }
})
