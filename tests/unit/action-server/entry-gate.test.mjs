// The gate in front of isolate entries (sandbox/entry-gate.mjs): no more entries at once than
// isolated-vm has pool threads, sessions take turns, and an entry that stays pending gives its slot
// back after holdMs, so nothing waits on it for long and nothing deadlocks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createEntryGate } from '../../../action-server/sandbox/entry-gate.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** An entry the test settles by hand; `started` records the order entries began in. */
function entries() {
  /** @type {string[]} */
  const started = []
  /** @type {Map<string, () => void>} */
  const finish = new Map()
  /** @param {string} name */
  const entry = (name) => () =>
    new Promise((resolve) => {
      started.push(name)
      finish.set(name, () => resolve(name))
    })
  return { started, finish, entry }
}

test('never more entries at once than slots; a settled entry lets the next one in', async () => {
  const gate = createEntryGate({ slots: 3, holdMs: 60_000 })
  const { started, finish, entry } = entries()
  const keys = Array.from({ length: 6 }, () => ({}))
  const results = keys.map((k, i) => gate.run(k, entry(`e${i}`)))
  assert.deepEqual(started, ['e0', 'e1', 'e2'])
  assert.equal(gate.running, 3)
  assert.equal(gate.waiting, 3)
  finish.get('e1')?.()
  assert.equal(await results[1], 'e1')
  assert.deepEqual(started, ['e0', 'e1', 'e2', 'e3'])
  for (const name of ['e0', 'e2', 'e3']) finish.get(name)?.()
  await Promise.all([results[0], results[2], results[3]])
  assert.deepEqual(started, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'])
  for (const name of ['e4', 'e5']) finish.get(name)?.()
  assert.deepEqual(await Promise.all(results), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'])
  assert.equal(gate.running, 0)
})

test('sessions take turns: a backlog of one session does not queue another behind it', async () => {
  const gate = createEntryGate({ slots: 1, holdMs: 60_000 })
  const { started, finish, entry } = entries()
  const flood = {}
  const other = {}
  /** @type {Promise<unknown>[]} */
  const all = []
  for (let i = 0; i < 50; i++) all.push(gate.run(flood, entry(`flood${i}`)))
  all.push(gate.run(other, entry('other')))
  // Settle whatever runs, one at a time, until the other session's entry has run.
  while (!started.includes('other')) {
    finish.get(/** @type {string} */ (started.at(-1)))?.()
    await sleep(0)
  }
  assert.deepEqual(started, ['flood0', 'other'], 'the other session comes next, not 50th')
  while (started.length < 51) {
    finish.get(/** @type {string} */ (started.at(-1)))?.()
    await sleep(0)
  }
  finish.get(/** @type {string} */ (started.at(-1)))?.()
  await Promise.all(all)
})

test('a session runs one entry at a time, in order, even with slots free', async () => {
  const gate = createEntryGate({ slots: 3, holdMs: 60_000 })
  const { started, finish, entry } = entries()
  const s = {}
  const a = gate.run(s, entry('a'))
  const b = gate.run(s, entry('b'))
  assert.deepEqual(started, ['a'], 'b waits for a: the isolate would run them one by one anyway')
  finish.get('a')?.()
  await a
  assert.deepEqual(started, ['a', 'b'])
  finish.get('b')?.()
  await b
})

test('an entry still pending after holdMs gives its slot back: neither others nor its own session wait on it', async () => {
  const gate = createEntryGate({ slots: 1, holdMs: 20 })
  const { started, finish, entry } = entries()
  const s = {}
  const pending = gate.run(s, entry('awaits its timer'))
  // The action awaits a timer of its own session: that entry must get in, or the two deadlock.
  const timer = gate.run(s, entry('its timer'))
  const other = gate.run({}, entry('other session'))
  for (let i = 0; i < 200 && started.length < 3; i++) await sleep(10)
  // The other session was waiting first; then the timer gets in, though the action never settled.
  assert.deepEqual(started, ['awaits its timer', 'other session', 'its timer'])
  for (const name of started) finish.get(name)?.()
  await Promise.all([pending, timer, other])
  assert.equal(gate.running, 0, 'slots released late are not released twice')
})

test('an entry that throws or rejects gives its slot back and fails its caller only', async () => {
  const gate = createEntryGate({ slots: 1, holdMs: 60_000 })
  await assert.rejects(
    gate.run({}, () => {
      throw new Error('sync')
    }),
    /sync/,
  )
  await assert.rejects(
    gate.run({}, () => Promise.reject(new Error('async'))),
    /async/,
  )
  assert.equal(await gate.run({}, async () => 'next'), 'next')
  assert.equal(gate.running, 0)
})
