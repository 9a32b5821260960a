// The isolate's console stops at the host's per-call cap (runtime/shims/console.js): past it the
// host drops every line, so the isolate neither formats nor copies them out. A 12k × 4 KB flood
// crossed 48 MB and ran past a 300 ms CPU limit on a slow box. Loaded here as the isolate loads it:
// the bridge globals first.
import { test } from 'node:test'
import assert from 'node:assert/strict'

/** @type {string[]} */
const crossed = []
Object.assign(globalThis, {
  __hostLog: (/** @type {string} */ _level, /** @type {string} */ text) => crossed.push(text),
  __hostConsoleLimits: { entryChars: 4000, callBytes: 64 * 1024 },
})
const { console: isolateConsole, newCall } =
  await import('../../../action-server/runtime/shims/console.js')

test('a flood crosses only what the host keeps, and a new call starts the count again', () => {
  const line = 'x'.repeat(4096)
  for (let i = 0; i < 12_000; i++) isolateConsole.log(i, line)
  // Counted as the host counts (each entry cut to 4000): it passes 64 KB on the 17th line.
  assert.equal(crossed.length, 17)
  assert.ok(!('__hostConsoleLimits' in globalThis), 'the limits are taken off the global')

  newCall()
  isolateConsole.log('next call')
  assert.equal(crossed.at(-1), 'next call')
  assert.equal(crossed.length, 18)
})

test('short lines all cross until the cap', () => {
  newCall()
  const before = crossed.length
  for (let i = 0; i < 1000; i++) isolateConsole.log('line', i)
  assert.equal(crossed.length - before, 1000, 'about 8 KB: under the cap, nothing is held back')
})
