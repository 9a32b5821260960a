// The plain-data answer (action-server/runtime/plain-flight.js) writes the bytes React's production
// Flight server writes for the same answer, and leaves to React every value it cannot write so.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { plainActionAnswer } from '../../../action-server/runtime/plain-flight.js'
import { CASES, REFUSED } from './plain-flight.cases.mjs'

const root = { a: Promise.resolve(), q: '', i: false, b: 'build' }

test('plain results: the same bytes as React’s production Flight server', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=react-server',
      fileURLToPath(new URL('./plain-flight.compare.mjs', import.meta.url)),
    ],
    { env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8', timeout: 60_000 },
  )
  assert.equal(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  const cases = CASES()
  assert.deepEqual(out.reactFailed, [])
  assert.deepEqual(
    out.mismatches
      .slice(0, 3)
      .map((/** @type {{ i: number }} */ m) => ({ ...m, value: cases[m.i].value })),
    [],
  )
  // Nearly every generated case is plain data (a 1023-character string is still a model row).
  assert.ok(out.compared > cases.length * 0.95, `${out.compared} of ${cases.length} compared`)
})

test('anything else is left to React', () => {
  for (const [i, value] of REFUSED().entries())
    assert.equal(plainActionAnswer(root, value, undefined), null, `took REFUSED()[${i}]`)
  // An object the client sent as a temporary reference goes back as one ("$T"), by React.
  const sent = { from: 'client' }
  const temporaryReferences = new WeakMap([[sent, '0']])
  assert.equal(plainActionAnswer(root, { echo: sent }, temporaryReferences), null)
  assert.notEqual(plainActionAnswer(root, { echo: { ...sent } }, temporaryReferences), null)
  // A getter is the reader's code: it is not run here, so React runs it once.
  let reads = 0
  const counted = {
    get n() {
      return ++reads
    },
  }
  const accessorIndex = Object.defineProperty([0], 0, { get: () => ++reads })
  assert.equal(plainActionAnswer(root, { counted }, undefined), null)
  assert.equal(plainActionAnswer(root, accessorIndex, undefined), null)
  assert.equal(reads, 0)
  // The root itself must be plain too.
  assert.equal(plainActionAnswer({ ...root, q: 1n }, 1, undefined), null)
})
