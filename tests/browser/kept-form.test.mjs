// A form sent without JavaScript that the live server could not finish keeps what the reader
// typed, through the real site (scripts/server.mjs → the live server on the preview origin) in a
// real browser with JavaScript off: the answer says why in the reader's language, and one button
// sends it all again.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'
import { KEPT_FORM_APP } from '../support/kept-form-app.mjs'

const PREVIEW_HOST = `preview.localhost:${new URL(BASE_URL).port}`
const de = JSON.parse(readFileSync(new URL('../../locales/de.json', import.meta.url), 'utf8'))

async function request(path, options = {}) {
  const r = await hostRequest(`${BASE_URL}${path}`, { host: PREVIEW_HOST, ...options })
  return { status: r.status, text: r.body.toString('utf8') }
}

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

test('de: a form the server stopped comes back with everything typed, and goes again', async () => {
  const created = await request('/api/live/sessions', { method: 'POST' })
  assert.equal(created.status, 201, created.text)
  const { session } = JSON.parse(created.text)
  const deployed = await request(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: KEPT_FORM_APP }),
  })
  assert.equal(deployed.status, 200, deployed.text)

  const { context, page } = await openPage(browser, { javaScriptEnabled: false, locale: 'de-DE' })
  try {
    await page.goto(`http://${PREVIEW_HOST}/api/live/${session}/html?path=%2F&lang=de`)
    const typed = 'Zeile 1 mit "Anführungszeichen" & <Klammern>\nZeile 2: äöü ß'
    await page.locator('textarea[name="title"]').fill(typed)
    await page.getByRole('button', { name: 'Save' }).click()

    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 30_000 })
    assert.equal(await alert.textContent(), de.playground.reasons['cpu-limit'])
    assert.equal(await page.locator('h1').textContent(), de.playground.runtime.formNotSent)
    assert.equal(await page.locator('html').getAttribute('lang'), 'de')
    assert.equal(await page.locator('input[type="hidden"][name="title"]').inputValue(), typed)

    await page.getByRole('button', { name: de.playground.runtime.formResend }).click()
    await page.locator('#saved').waitFor({ timeout: 30_000 })
    assert.equal(await page.locator('#saved').textContent(), typed)
  } finally {
    await context.close()
    await request(`/api/live/${session}`, { method: 'DELETE' })
  }
})
