// A session whose calls are short enters its isolate on the sandbox process's main thread
// (sandbox/isolate-session.mjs SYNC_TRUST), skipping ivm's thread hop each way. Such a call holds
// every session of the process while it runs, so one long call there ends it for the session for
// good. Answers, console lines and limits are the same on either path.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

const ACTIONS = `'use server'
export async function echo(n) {
  console.log('echo ' + n)
  return { n, twice: n * 2 }
}
export async function busy(ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {}
  return 'done'
}
export async function later(n) {
  await new Promise((resolve) => setTimeout(resolve, 20))
  return n + 1
}
export async function spin() {
  for (;;) {}
}
`

/** @param {Awaited<ReturnType<typeof startLive>>} live */
const syncEntries = async (live) => (await live.live.host.stats()).syncEntries

/** Calls `echo` until the session is trusted: a few short calls on the pool first. */
/** @param {Awaited<ReturnType<typeof startLive>>} live @param {string} session @param {Record<string, string>} ids */
async function warm(live, session, ids) {
  for (let i = 0; i < 4; i++) assert.equal((await live.call(session, ids.echo, [i])).status, 200)
}

test('after a few short calls a session enters on the main thread, with the same answers and console', async () => {
  const live = await startLive({ sandboxProcesses: 1 })
  try {
    const { session, ids } = await live.playground(ACTIONS)
    const before = await syncEntries(live)
    for (let i = 0; i < 20; i++) {
      const r = await live.call(session, ids.echo, [i])
      assert.equal(r.status, 200)
      assert.deepEqual(r.value, { n: i, twice: i * 2 })
      // ivm hands a main-thread entry's console lines over after the entry: the answer waits for
      // them, so they are on the session's log as soon as the answer is.
      const logs = await live.logs(session)
      assert.ok(
        logs.entries.some((/** @type {{ text: string }} */ e) => e.text === `echo ${i}`),
        `call ${i}: its console line is logged before its answer`,
      )
    }
    assert.ok(
      (await syncEntries(live)) - before >= 12,
      'the later calls entered on the main thread',
    )
    // A call that waits for its own timer is begun on the main thread and awaited from the pool.
    const r = await live.call(session, ids.later, [41])
    assert.equal(r.value, 42)
  } finally {
    await live.close()
  }
})

test('one long call on the main thread ends it for the session, across a redeploy', async () => {
  const live = await startLive({ sandboxProcesses: 1 })
  try {
    const { session, ids } = await live.playground(ACTIONS)
    await warm(live, session, ids)
    const trusted = await syncEntries(live)
    assert.equal((await live.call(session, ids.busy, [40])).value, 'done')
    assert.equal(
      await syncEntries(live),
      trusted + 1,
      'the long call itself ran on the main thread',
    )
    await warm(live, session, ids)
    assert.equal(await syncEntries(live), trusted + 1, 'no call of it enters there again')
    // The same session deployed again: a new isolate, the same verdict.
    const d = await live.deploy(session, { 'app/actions.ts': ACTIONS })
    assert.equal(d.status, 200)
    await warm(live, session, ids)
    assert.equal(await syncEntries(live), trusted + 1, 'nor after a redeploy')

    // Another session of the same process is not affected.
    const other = await live.playground(ACTIONS)
    await warm(live, other.session, other.ids)
    await warm(live, other.session, other.ids)
    assert.ok((await syncEntries(live)) > trusted + 1, 'another session still gets them')
  } finally {
    await live.close()
  }
})

test('a long call on the pool only starts the count again', async () => {
  const live = await startLive({ sandboxProcesses: 1 })
  try {
    const { session, ids } = await live.playground(ACTIONS)
    const before = await syncEntries(live)
    assert.equal((await live.call(session, ids.busy, [40])).value, 'done') // not trusted yet: the pool
    assert.equal(await syncEntries(live), before)
    await warm(live, session, ids)
    await warm(live, session, ids)
    assert.ok((await syncEntries(live)) > before, 'short calls earn main-thread entries again')
  } finally {
    await live.close()
  }
})

test('a CPU-limit breach on the main thread is the same limit error, and the session goes on', async () => {
  const live = await startLive({ sandboxProcesses: 1, cpuMs: 100 })
  try {
    const { session, ids } = await live.playground(ACTIONS)
    await warm(live, session, ids)
    const trusted = await syncEntries(live)
    const r = await live.call(session, ids.spin)
    assert.equal(r.status, 500)
    assert.equal(
      await syncEntries(live),
      trusted + 1,
      'the endless call entered on the main thread',
    )
    const logs = await live.logs(session)
    assert.ok(
      logs.entries.some((/** @type {{ text: string }} */ e) =>
        /exceeded the CPU time limit \(100 ms\)/.test(e.text),
      ),
      'the reader is told the CPU limit stopped it',
    )
    // Rebuilt in a fresh isolate; its calls stay on the pool.
    assert.deepEqual((await live.call(session, ids.echo, [7])).value, { n: 7, twice: 14 })
    await warm(live, session, ids)
    assert.equal(await syncEntries(live), trusted + 1)
  } finally {
    await live.close()
  }
})
