// The memory net after calls (isolate-session.mjs afterCall): a session called back to back is
// checked at most once per interval, and a check put off is still made, so a breach is found late,
// never missed. The isolate is a stand-in that counts the checks and reports what the test sets.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { IsolateSession } from '../../../action-server/sandbox/isolate-session.mjs'

const MB = 1024 * 1024
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function session() {
  /** @type {string[]} */
  const deaths = []
  const s = new IsolateSession({
    id: 'm',
    mode: 'production',
    limits: /** @type {any} */ ({ memoryMb: 8, cpuMs: 100, wallMs: 1000 }),
    onLog: () => {},
    onDeath: (_, reason) => deaths.push(reason),
    closureCrypto: null,
  })
  const fake = {
    isDisposed: false,
    checks: 0,
    used: 1 * MB,
    getHeapStatistics() {
      return Promise.resolve(fake.getHeapStatisticsSync())
    },
    getHeapStatisticsSync() {
      fake.checks++
      return { used_heap_size: fake.used, externally_allocated_size: 0 }
    },
    dispose() {
      fake.isDisposed = true
    },
  }
  s.isolate = /** @type {any} */ (fake)
  return { s, fake, deaths }
}

test('calls back to back: one check at once, the rest put off to one at the end of the interval', async () => {
  const { s, fake } = session()
  for (let i = 0; i < 20; i++) s.afterCall()
  assert.equal(fake.checks, 1, 'the first call is checked at once')
  await sleep(150)
  assert.equal(fake.checks, 2, 'the calls after it share one check, made when the interval ends')
  await sleep(150)
  assert.equal(fake.checks, 2, 'no call, no check')
  s.afterCall()
  assert.equal(fake.checks, 3, 'a call after a quiet interval is checked at once')
  s.dispose()
})

test('a breach made by a call inside the interval is still found, without another call', async () => {
  const { s, fake, deaths } = session()
  s.afterCall()
  await sleep(0)
  fake.used = 20 * MB // past twice the 8 MB limit
  s.afterCall() // put off
  assert.deepEqual(deaths, [])
  await sleep(200)
  assert.deepEqual(deaths, ['memory-limit'])
  assert.equal(fake.isDisposed, true)
})

test('a disposed session is not checked again', async () => {
  const { s, fake } = session()
  s.afterCall()
  s.afterCall()
  s.dispose()
  await sleep(200)
  assert.equal(fake.checks, 1)
})
