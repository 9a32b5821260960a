// Locale negotiation, the switcher, hreflang alternates, the sitemap and the localized 404.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, openPage, pickWhileHydrating } from '../support/browser.mjs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, ROOT, allPages } from '../../scripts/site-pages.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

describe('locales', () => {
  for (const [accept, expected] of [
    ['fr-FR,fr;q=0.9,en;q=0.5', 'fr'],
    ['de-CH,de;q=0.8', 'de'],
    ['ja,es;q=0.9', 'en'],
  ]) {
    test(`/ sends Accept-Language "${accept}" to /${expected}`, async () => {
      const res = await fetch(`${BASE_URL}/`, {
        redirect: 'manual',
        headers: { 'accept-language': accept },
      })
      assert.equal(res.status, 307)
      assert.equal(new URL(res.headers.get('location'), BASE_URL).pathname, `/${expected}`)
    })
  }

  test('the switcher keeps the path, is remembered, and round-trips', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' })
    try {
      await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'networkidle' })
      await switchTo(page, 'Français')
      await page.waitForURL(`${BASE_URL}/fr/intro`)
      assert.equal(await page.getAttribute('html', 'lang'), 'fr')
      const cookie = (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')
      assert.equal(cookie?.value, 'fr')
      // The remembered choice beats the browser's English Accept-Language.
      await page.goto(`${BASE_URL}/`, { waitUntil: 'networkidle' })
      assert.equal(new URL(page.url()).pathname, '/fr')
      await page.goto(`${BASE_URL}/fr/intro`, { waitUntil: 'networkidle' })
      await switchTo(page, 'Deutsch')
      await page.waitForURL(`${BASE_URL}/de/intro`)
      await switchTo(page, 'English')
      await page.waitForURL(`${BASE_URL}/en/intro`)
    } finally {
      await context.close()
    }
  })

  test('a language picked before the page has hydrated is still acted on', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' })
    try {
      // Hold back Next's main script: the page is HTML only until it arrives.
      let release = () => {}
      const held = new Promise((resolve) => (release = () => resolve(undefined)))
      await page.route('**/_next/static/chunks/main-*.js', async (route) => {
        await held
        await route.continue()
      })
      await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'commit' })
      await switchTo(page, 'Deutsch')
      release()
      await page.waitForURL(`${BASE_URL}/de/intro`)
      assert.equal(await page.getAttribute('html', 'lang'), 'de')
    } finally {
      await context.close()
    }
  })

  test('a language picked while React hydrates navigates once', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' })
    try {
      await pickWhileHydrating(page, 'Change language', 'fr')
      const documents = []
      page.on('request', (r) => {
        if (r.resourceType() === 'document') documents.push(new URL(r.url()).pathname)
      })
      await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'commit' })
      await page.waitForURL(`${BASE_URL}/fr/intro`)
      await page.waitForLoadState('networkidle')
      assert.deepEqual(documents, ['/en/intro', '/fr/intro'])
    } finally {
      await context.close()
    }
  })

  test('switching locale keeps the section: /en/forms#request-submit lands on the same heading', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' })
    try {
      await page.goto(`${BASE_URL}/en/forms#request-submit`, { waitUntil: 'networkidle' })
      for (const [name, locale] of [
        ['Français', 'fr'],
        ['Deutsch', 'de'],
      ]) {
        await switchTo(page, name)
        await page.waitForURL(`${BASE_URL}/${locale}/forms#request-submit`)
        const heading = page.locator('h2#request-submit')
        await heading.waitFor({ timeout: 10_000 })
        assert.equal(await page.getAttribute('html', 'lang'), locale)
        assert.match(await heading.innerText(), /requestSubmit\(\)/)
        // The browser scrolled to it: the heading is in the viewport, near its top.
        await page.waitForFunction(() => {
          const top = document.getElementById('request-submit')?.getBoundingClientRect().top
          return top !== undefined && top >= 0 && top < window.innerHeight / 2
        })
      }
    } finally {
      await context.close()
    }
  })

  test('every page has hreflang alternates for all locales plus x-default', async () => {
    for (const { path, route } of allPages()) {
      const html = await (await fetch(`${BASE_URL}${path}`)).text()
      for (const locale of LOCALES) {
        assert.match(
          html,
          new RegExp(`<link rel="alternate" hrefLang="${locale}" href="[^"]*/${locale}${route}"`),
          `${path} → ${locale}`,
        )
      }
      assert.match(
        html,
        new RegExp(`<link rel="alternate" hrefLang="x-default" href="[^"]*${route || '/'}"`),
        `${path} x-default`,
      )
    }
  })

  test('sitemap.xml lists every page in every locale', async () => {
    const res = await fetch(`${BASE_URL}/sitemap.xml`)
    assert.equal(res.status, 200)
    const locs = [...(await res.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1]).pathname,
    )
    assert.deepEqual(
      locs.sort(),
      allPages()
        .map((p) => p.path)
        .sort(),
    )
  })

  for (const [locale, title] of [
    ['en', 'Page not found'],
    ['fr', 'Page introuvable'],
    ['de', 'Seite nicht gefunden'],
  ]) {
    test(`a missing page under /${locale} answers 404 in that language`, async () => {
      const { context, page } = await openPage(browser)
      try {
        const response = await page.goto(`${BASE_URL}/${locale}/missing-page`, {
          waitUntil: 'networkidle',
        })
        assert.equal(response.status(), 404)
        await page.getByRole('heading', { name: title }).waitFor()
      } finally {
        await context.close()
      }
    })
  }
})

async function switchTo(page, name) {
  // Our switch (components/site/SiteSwitches.tsx), a native select in the sidebar and the footer;
  // on wide screens the sidebar's is the visible one. Its label is in the page's language.
  const labels = LOCALES.map(
    (locale) =>
      JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8')).chrome
        .changeLanguage,
  )
  const select = page
    .locator(labels.map((label) => `select[aria-label="${label}"]`).join(','))
    .filter({ visible: true })
    .first()
  await select.selectOption({ label: name })
}
