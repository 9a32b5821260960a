// A form posted without JavaScript that the server could not finish loses nothing: the answer is a
// page in the reader's language that says why and holds every field, ready to be sent again.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startLive } from './helpers.mjs'
import { liveMessages } from '../../../components/i18n/liveMessages.mjs'
import { KEPT_FORM_APP } from '../../support/kept-form-app.mjs'

const locale = (l) =>
  JSON.parse(readFileSync(new URL(`../../../locales/${l}.json`, import.meta.url), 'utf8'))
const strings = { en: locale('en'), fr: locale('fr'), de: locale('de') }
const live = await startLive({ messages: liveMessages(strings) })
after(() => live.close())

/** Entities as escapeHtml writes them (&#NN;) and as React does. */
const decode = (s) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** name → value of a page's inputs, in order. */
const inputs = (html) =>
  [...html.matchAll(/<input\b([^>]*)>/g)].map((m) => [
    decode(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? ''),
    decode(/\bvalue="([^"]*)"/.exec(m[1])?.[1] ?? ''),
  ])

test('a no-JS form post the server stopped keeps every field, in the reader’s language, and goes again', async () => {
  const session = await live.session()
  const deployed = await live.deploy(session, KEPT_FORM_APP)
  assert.equal(deployed.status, 200, JSON.stringify(deployed.body))
  const page = await (await live.fetch(`/api/live/${session}/html?path=%2F&lang=fr`)).text()
  const fd = new FormData()
  for (const [name, value] of inputs(page)) if (name && name !== 'doc') fd.append(name, value)
  const title = `Ada & "Bob" <3 'x' ${'é'.repeat(3)}`
  fd.set('title', title)
  fd.set('doc', new Blob(['contents']), 'notes.txt')

  const stopped = await live.fetch(`/api/live/${session}/html?path=%2F&lang=fr`, {
    method: 'POST',
    body: fd,
    headers: { origin: live.url },
  })
  assert.equal(stopped.status, 500)
  assert.equal(stopped.headers.get('x-live-reason'), 'cpu-limit')
  const kept = await stopped.text()
  const fr = strings.fr.playground
  assert.match(kept, /<html lang="fr">/)
  assert.ok(kept.includes(fr.runtime.formNotSent.replace(/'/g, '&#39;')), kept)
  assert.ok(kept.includes(fr.reasons['cpu-limit'].replace(/'/g, '&#39;')), kept)
  assert.match(kept, /data-live-notice="files-not-kept"/)
  const form = /<form method="post" action="([^"]*)" enctype="multipart\/form-data"/.exec(kept)
  assert.ok(form, kept)
  assert.equal(decode(form[1]), `/api/live/${session}/html?path=%2F&lang=fr`)
  // Every text field, byte for byte; the file is the one thing not kept (and the page says so).
  const sent = [...fd].filter(([, v]) => typeof v === 'string')
  assert.deepEqual(inputs(kept), sent)

  const again = new FormData()
  for (const [name, value] of inputs(kept)) again.append(name, value)
  const saved = await live.fetch(decode(form[1]), {
    method: 'POST',
    body: again,
    headers: { origin: live.url },
  })
  assert.equal(
    saved.status,
    200,
    `${saved.headers.get('x-live-reason')} ${await saved.clone().text()}`,
  )
  const shown = decode((await saved.text()).replaceAll('<!-- -->', ''))
  assert.ok(shown.includes(`<p id="saved">${title}</p>`), shown)
})

test('without the site’s words the page is in English, and a form with no file says nothing of files', async () => {
  const bare = await startLive()
  try {
    const session = await bare.session()
    assert.equal((await bare.deploy(session, KEPT_FORM_APP)).status, 200)
    const page = await (await bare.fetch(`/api/live/${session}/html?path=%2F`)).text()
    const body = new URLSearchParams(inputs(page).filter(([name]) => name && name !== 'doc'))
    body.set('title', 'plain')
    const r = await bare.fetch(`/api/live/${session}/html?path=%2F`, {
      method: 'POST',
      body,
      headers: { origin: bare.url, 'content-type': 'application/x-www-form-urlencoded' },
    })
    const kept = await r.text()
    assert.match(kept, /<html lang="en">/)
    assert.match(kept, /The form was not sent/)
    assert.match(kept, /<form method="post" action="[^"]*" data-live-kept-form>/)
    assert.doesNotMatch(kept, /files-not-kept/)
    assert.deepEqual(Object.fromEntries(inputs(kept)), Object.fromEntries(body))
  } finally {
    await bare.close()
  }
})
