// Every example exists in all locales with the same code (strings and comments aside),
// and declares the interaction CI exercises.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LOCALES } from '../../scripts/site-pages.mjs'
import { codeShape, sitePlaygrounds } from '../support/playgrounds.mjs'

const STEP_KINDS = [
  'fill',
  'click',
  'press',
  'see',
  'gone',
  'value',
  'network',
  'signIn',
  // The preview's address bar, production switch and request composer (issue 12).
  'mode',
  'path',
  'go',
  'compose',
]
const NETWORK_MODES = ['normal', 'slow', 'failing']

test('each page has the same playgrounds, file for file, in every locale', () => {
  const all = sitePlaygrounds()
  const [first, ...rest] = LOCALES
  const key = (p) => `${p.route}#${p.index}`
  const reference = new Map(all.filter((p) => p.locale === first).map((p) => [key(p), p]))
  for (const locale of rest) {
    const mine = all.filter((p) => p.locale === locale)
    assert.deepEqual(
      mine.map(key).sort(),
      [...reference.keys()].sort(),
      `${locale} has the same playgrounds as ${first}`,
    )
    for (const playground of mine) {
      const ref = reference.get(key(playground))
      assert.deepEqual(
        Object.keys(playground.files).sort(),
        Object.keys(ref.files).sort(),
        `${playground.path} #${playground.index} files`,
      )
      for (const [path, { code, flags }] of Object.entries(playground.files)) {
        assert.deepEqual(
          flags,
          ref.files[path].flags,
          `${playground.path} #${playground.index} ${path} flags`,
        )
        assert.equal(
          codeShape(code),
          codeShape(ref.files[path].code),
          `${playground.path} #${playground.index} ${path} differs from /${first}`,
        )
      }
      assert.deepEqual(
        playground.check?.steps.map((s) => Object.keys(s)[0]),
        ref.check?.steps.map((s) => Object.keys(s)[0]),
        `${playground.path} #${playground.index} check steps`,
      )
    }
  }
})

test('every playground declares a check that ends by seeing the server answer', () => {
  for (const { path, index, check } of sitePlaygrounds()) {
    const where = `${path} playground #${index}`
    assert.ok(check, `${where} has no check.json: a new example cannot ship untested`)
    assert.ok(
      Array.isArray(check.steps) && check.steps.length > 0,
      `${where}: check.json needs steps`,
    )
    for (const step of check.steps) {
      assert.ok(
        STEP_KINDS.includes(Object.keys(step)[0]),
        `${where}: unknown step ${JSON.stringify(step)}`,
      )
      if ('network' in step)
        assert.ok(NETWORK_MODES.includes(step.network), `${where}: network mode ${step.network}`)
    }
    assert.ok(
      check.steps.some((s) => 'see' in s),
      `${where}: no "see" step checks the server's answer`,
    )
  }
})

test('codeShape ignores strings, comments and JSX text but not code', () => {
  const en = `// Save it\nconst label = 'Send'\nreturn <button title="Go">Send {name}</button>`
  const fr = `// Enregistrer\nconst label = 'Envoyer'\nreturn <button title="Aller">Envoyer {name}</button>`
  assert.equal(codeShape(en), codeShape(fr))
  assert.notEqual(codeShape(en), codeShape(fr.replace('{name}', '{user}')))
})
