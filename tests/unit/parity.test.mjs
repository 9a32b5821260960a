// Every UI string and every page exists in all three locales.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { transform } from 'sucrase'
import { LOCALES, ROOT, localeRoutes } from '../../scripts/site-pages.mjs'

const messages = (locale) =>
  JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8'))

function keyPaths(node, prefix = '') {
  return Object.entries(node)
    .flatMap(([key, value]) =>
      value && typeof value === 'object'
        ? keyPaths(value, `${prefix}${key}.`)
        : [`${prefix}${key}`],
    )
    .sort()
}

function placeholders(text) {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort()
}

function lookup(node, path) {
  return path.split('.').reduce((n, k) => n?.[k], node)
}

test('the message files have the same keys', () => {
  const [first, ...rest] = LOCALES
  for (const locale of rest)
    assert.deepEqual(
      keyPaths(messages(locale)),
      keyPaths(messages(first)),
      `${locale}.json vs ${first}.json`,
    )
})

test('no message is empty and every translation keeps the same placeholders', () => {
  const reference = messages(LOCALES[0])
  for (const locale of LOCALES) {
    const m = messages(locale)
    for (const key of keyPaths(m)) {
      const value = lookup(m, key)
      assert.ok(typeof value === 'string' && value.trim(), `${locale}: ${key} is empty`)
      assert.deepEqual(
        placeholders(value),
        placeholders(lookup(reference, key)),
        `${locale}: ${key} placeholders`,
      )
    }
  }
})

test('every page exists in every locale', () => {
  const [first, ...rest] = LOCALES
  assert.ok(localeRoutes(first).length > 0)
  for (const locale of rest)
    assert.deepEqual(localeRoutes(locale), localeRoutes(first), `pages/${locale} vs pages/${first}`)
})

async function loadMeta(file) {
  const { code } = transform(readFileSync(file, 'utf8'), { transforms: ['typescript', 'imports'] })
  const module = { exports: {} }
  new Function('module', 'exports', code)(module, module.exports)
  return module.exports.default
}

function metaFiles(locale) {
  const base = join(ROOT, 'pages', locale)
  const found = []
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      if (e.isDirectory()) walk(join(dir, e.name))
      else if (/^_meta\.(ts|js|tsx|jsx)$/.test(e.name))
        found.push(join(dir, e.name).slice(base.length))
    })
  walk(base)
  return found.sort()
}

test('every _meta file and entry exists in every locale, and names a real page', async () => {
  const [first, ...rest] = LOCALES
  for (const locale of rest) assert.deepEqual(metaFiles(locale), metaFiles(first))
  for (const file of metaFiles(first)) {
    const keys = Object.keys(await loadMeta(join(ROOT, 'pages', first, file))).sort()
    const folder = file.replace(/\/_meta\.\w+$/, '')
    const routes = localeRoutes(first)
      .filter((r) => r.startsWith(folder) && !r.slice(folder.length + 1).includes('/'))
      .map((r) => r.slice(folder.length + 1) || 'index')
    for (const key of keys)
      assert.ok(
        routes.includes(key) || routes.some((r) => r.startsWith(`${key}/`)),
        `${first}${file}: "${key}" has no page`,
      )
    for (const locale of rest) {
      const other = Object.keys(await loadMeta(join(ROOT, 'pages', locale, file))).sort()
      assert.deepEqual(other, keys, `pages/${locale}${file} entries`)
    }
  }
})

/** The headings of an MDX page outside code fences: [{ level, text, id }]. */
function headings(source) {
  const found = []
  let fenced = false
  for (const line of source.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const match = !fenced && /^(#{1,6}) (.*?)(?: \[#([\w-]+)\])?\s*$/.exec(line)
    if (match) found.push({ level: match[1].length, text: match[2], id: match[3] ?? null })
  }
  return found
}

test('every heading has an explicit id, the same in every locale', () => {
  const [first, ...rest] = LOCALES
  const read = (locale, route) =>
    readFileSync(join(ROOT, 'pages', locale, `${route || '/index'}.mdx`), 'utf8')
  for (const route of localeRoutes(first)) {
    const reference = headings(read(first, route))
    for (const h of reference)
      assert.ok(h.id, `/${first}${route}: "${h.text}" has no [#id] (Nextra's custom heading id)`)
    const ids = reference.map((h) => h.id)
    assert.equal(new Set(ids).size, ids.length, `/${first}${route}: duplicate heading ids`)
    for (const locale of rest) {
      const mine = headings(read(locale, route))
      assert.deepEqual(
        mine.map((h) => `${h.level} #${h.id}`),
        reference.map((h) => `${h.level} #${h.id}`),
        `/${locale}${route}: heading levels and ids differ from /${first}${route}`,
      )
    }
  }
})
