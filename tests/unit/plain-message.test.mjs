// Labels rendered while a page hydrates are filled without ICU (components/i18n/plainMessage.ts,
// issue 14): the text must be exactly what next-intl's ICU formatting gives, in every locale, and
// anything ICU reads differently must be left to it.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { IntlMessageFormat } from 'intl-messageformat'
import { importTs } from '../support/import-ts.mjs'

let fillPlain
before(async () => {
  ;({ fillPlain } = await importTs('components/i18n/plainMessage.ts'))
})

/** @returns {[string, string][]} every message of a locale file, by dotted key */
function messages(node, prefix = '') {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : messages(value, `${prefix}${key}.`),
  )
}

test('every message it fills reads as ICU formats it, in all three locales', () => {
  let filled = 0
  for (const locale of ['en', 'fr', 'de']) {
    const file = JSON.parse(readFileSync(`locales/${locale}.json`, 'utf8'))
    for (const [key, message] of messages(file)) {
      const names = [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      const values = Object.fromEntries(names.map((name) => [name, `«${name} l'été»`]))
      const text = fillPlain(message, values)
      if (text === null) continue
      filled++
      assert.equal(text, new IntlMessageFormat(message, locale).format(values), `${locale} ${key}`)
    }
  }
  assert.ok(filled > 100, `most messages are plain (${filled})`)
})

test("the playground's load-time labels are plain in every locale", () => {
  for (const locale of ['en', 'fr', 'de']) {
    const { playground } = JSON.parse(readFileSync(`locales/${locale}.json`, 'utf8'))
    assert.notEqual(fillPlain(playground.region, { title: 'x' }), null, `${locale} region`)
    assert.notEqual(fillPlain(playground.editorLabel, { file: 'x' }), null, `${locale} editorLabel`)
  }
})

test('what ICU reads differently is left to ICU', () => {
  for (const message of [
    "It''s {name}", // a quoted apostrophe
    "'{name}' stays literal",
    '{count, plural, one {# file} other {# files}}',
    '{when, date, short}',
    'Hello <b>{name}</b>',
    '{name',
    'name}',
  ])
    assert.equal(fillPlain(message, { name: 'x', count: '1', when: '0' }), null, message)
  assert.equal(fillPlain('Code of {file}', {}), null, 'a missing value')
  assert.equal(fillPlain('Code of {file}', { file: '{x}' }), 'Code of {x}', 'values are not read')
})
