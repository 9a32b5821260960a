// A form sent without JavaScript that the live server could not finish keeps what the reader
// typed, through the real site (scripts/server.mjs → the live server on the preview origin) in a
// real browser with JavaScript off: the answer says why in the reader's language, and one button
// sends it all again.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'

const PREVIEW_HOST = `preview.localhost:${new URL(BASE_URL).port}`
const de = JSON.parse(readFileSync(new URL('../../locales/de.json', import.meta.url), 'utf8'))

// The first call loops until the CPU limit stops it; the next one saves. A limit leaves the
// session in a fresh isolate with the same database, so the attempt is counted there.
const FILES = {
  'app/actions.ts': `'use server'
import { db } from '@/lib/db'
export async function save(formData: FormData) {
  if ((await db.attempt.count()) === 0) {
    await db.attempt.create({ data: {} })
    for (;;) {}
  }
  await db.entry.create({ data: { title: String(formData.get('title')) } })
}`,
  'app/page.tsx': `import { save } from './actions'
import { db } from '@/lib/db'
export default async function Page() {
  const saved = (await db.entry.findMany()).map((e) => String(e.title))
  return (
    <main>
      <p id="saved">{saved.join(' | ')}</p>
      <form action={save}>
        <textarea name="title" />
        <button>Speichern</button>
      </form>
    </main>
  )
}`,
}

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
    body: JSON.stringify({ files: FILES }),
  })
  assert.equal(deployed.status, 200, deployed.text)

  const { context, page } = await openPage(browser, { javaScriptEnabled: false, locale: 'de-DE' })
  try {
    await page.goto(`http://${PREVIEW_HOST}/api/live/${session}/html?path=%2F&lang=de`)
    const typed = 'Zeile 1 mit "Anführungszeichen" & <Klammern>\nZeile 2: äöü ß'
    await page.locator('textarea[name="title"]').fill(typed)
    await page.getByRole('button', { name: 'Speichern' }).click()

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
