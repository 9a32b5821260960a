// Share links (issue 13 item 10): the hash is hostile input. Caps before and during inflation,
// only this playground's visible files, string contents; anything else is refused whole.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { importTs } from '../support/import-ts.mjs'
import { deflateSync, strToU8 } from 'fflate'

let share
before(async () => {
  share = await importTs('components/playground/share/shareLink.ts')
})

const ORIGINAL = {
  '/app/page.tsx': { code: 'export default function Page() { return null }', active: true },
  '/app/actions.ts': { code: "'use server'" },
  '/check.json': { code: '{}', hidden: true },
}

const b64url = (bytes) => Buffer.from(bytes).toString('base64url')
const hashOf = (id, payload) => `#playground=${id}&files=${payload}`
const packed = (value) =>
  b64url(deflateSync(strToU8(typeof value === 'string' ? value : JSON.stringify(value))))

test('round trip: the visible files, as edited, for this playground only', () => {
  const current = { '/app/page.tsx': { code: 'edited ✓' }, '/package.json': { code: '{}' } }
  const files = share.filesToShare(ORIGINAL, current)
  assert.deepEqual(files, { 'app/page.tsx': 'edited ✓', 'app/actions.ts': "'use server'" })
  const hash = share.encodeShare('2', files)
  assert.match(hash, /^#playground=2&files=[\w-]+$/)
  assert.deepEqual(share.readShare(hash, '2', ORIGINAL), {
    kind: 'ok',
    files: { '/app/page.tsx': 'edited ✓', '/app/actions.ts': "'use server'" },
  })
  assert.deepEqual(share.readShare(hash, '1', ORIGINAL), { kind: 'none' }, 'another playground')
  assert.deepEqual(share.readShare('#forms', '2', ORIGINAL), { kind: 'none' }, 'a heading anchor')
  const applied = share.applyShare(ORIGINAL, { '/app/page.tsx': 'x' })
  assert.deepEqual(applied['/app/page.tsx'], { code: 'x', active: true })
})

test('a decompression bomb is stopped near the inflated cap', () => {
  // 16 MB of one letter deflates to ~16 KB: under the hash cap, 32 times the inflated cap.
  const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024).fill(97), { level: 9 })
  assert.ok(b64url(bomb).length < share.MAX_HASH_CHARS)
  const read = share.readShare(hashOf('1', b64url(bomb)), '1', ORIGINAL)
  assert.deepEqual(read, { kind: 'error', error: 'too-large' })
  const capped = share.inflateCapped(bomb, 1000)
  assert.equal(capped, 'too-large')
})

test('an over-long hash is refused before any decoding', () => {
  const hash = hashOf('1', 'A'.repeat(share.MAX_HASH_CHARS + 10))
  assert.deepEqual(share.readShare(hash, '1', ORIGINAL), { kind: 'error', error: 'too-large' })
})

test('schema: unknown or hidden paths, non-strings, wrong shapes and damage are refused', () => {
  const cases = [
    [packed({ v: 1, files: { 'app/evil.ts': 'x' } }), 'unknown-files'],
    [packed({ v: 1, files: { 'check.json': '{}' } }), 'unknown-files'],
    [packed('{"v":1,"files":{"__proto__":"x"}}'), 'unknown-files'],
    [packed({ v: 1, files: { '../app/page.tsx': 'x' } }), 'unknown-files'],
    [packed({ v: 1, files: { 'app/page.tsx': 42 } }), 'corrupt'],
    [packed({ v: 1, files: ['app/page.tsx'] }), 'corrupt'],
    [packed({ v: 2, files: {} }), 'corrupt'],
    [packed('"just a string"'), 'corrupt'],
    [packed('{"v":1,"files":'), 'corrupt'],
    [b64url(strToU8('not deflate at all')), 'corrupt'],
    ['%%%', 'corrupt'],
    ['', 'corrupt'],
  ]
  for (const [payload, error] of cases)
    assert.deepEqual(
      share.readShare(hashOf('1', payload), '1', ORIGINAL),
      { kind: 'error', error },
      payload.slice(0, 40),
    )
})

test('files too large to share give no link', () => {
  assert.equal(share.encodeShare('1', { 'app/page.tsx': 'x'.repeat(600 * 1024) }), null)
})
