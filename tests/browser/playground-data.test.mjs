// Issue 13 item 3, through the production site: like `next dev`, a playground's data survives a
// code edit (two notes added, one string of the page changed: both notes are still there and ids
// go on), and "Reset data" restores the example's starting data without touching the code.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
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

/** The conventions page's first playground: notes in @/lib/db, added by an inline action. */
async function notesPlayground(locale) {
  const { context, page, record } = await openPage(browser)
  await page.goto(`${BASE_URL}/${locale}/conventions`, { waitUntil: 'load' })
  const section = page.locator(PLAYGROUND).first()
  await section.scrollIntoViewIfNeeded()
  const frame = section.frameLocator('iframe.sp-preview-iframe')
  await until(
    async () => (await frame.locator('html').getAttribute('data-preview')) === 'ready',
    'the preview',
    45_000,
  )
  return { context, page, record, section, frame }
}

const items = (frame) => frame.locator('li').allInnerTexts()

async function addNote(frame, label, button, text) {
  await frame.getByLabel(label, { exact: true }).fill(text)
  await frame.getByRole('button', { name: button, exact: true }).click()
  await until(async () => (await items(frame)).some((t) => t.endsWith(text)), `"${text}" listed`)
}

for (const [locale, note, add] of [
  ['en', 'Note', 'Add note'],
  ['fr', 'Note', 'Ajouter la note'],
]) {
  test(`${locale}: notes survive a code edit; "reset data" restores the starting data`, async () => {
    const { context, section, frame } = await notesPlayground(locale)
    try {
      await addNote(frame, note, add, 'first')
      await addNote(frame, note, add, 'second')
      assert.deepEqual(await items(frame), ['#1 first', '#2 second'])

      // Change one string of the page, as a reader would in the editor.
      const content = section.locator('.cm-content')
      const source = await content.innerText()
      const edited = source.replace(`>${add}<`, `>${add}!<`)
      assert.notEqual(edited, source, 'the button text is in the page source')
      await pasteIntoEditor(section, edited)
      await until(
        async () =>
          (await frame.getByRole('button', { name: `${add}!`, exact: true }).count()) === 1,
        'the edited page in the preview',
      )
      assert.deepEqual(await items(frame), ['#1 first', '#2 second'], 'rows kept across the edit')
      await addNote(frame, note, `${add}!`, 'third')
      assert.deepEqual(await items(frame), ['#1 first', '#2 second', '#3 third'], 'ids go on')

      // The reset-data control, labelled in the reader's language, empties the database.
      const t = labels(locale)
      const reset = section.getByRole('button', { name: t.resetData, exact: true })
      assert.equal(await reset.getAttribute('title'), t.resetDataTitle)
      await reset.click()
      await until(async () => (await items(frame)).length === 0, 'the starting data (no notes)')
      await until(
        async () => (await section.getByRole('status').allInnerTexts()).includes(t.resetDataDone),
        'the reset announcement',
      )
      // The code stays edited, and ids start again from 1.
      await addNote(frame, note, `${add}!`, 'fresh')
      assert.deepEqual(await items(frame), ['#1 fresh'])
    } finally {
      await context.close()
    }
  })
}
