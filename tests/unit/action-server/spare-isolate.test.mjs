// Each sandbox process keeps an isolate started ahead of the next deploy (sandbox/child.mjs) and
// makes V8's code cache again once an isolate has rendered a page (sandbox/isolate-session.mjs).
// A spare is nobody's until a deploy takes it, then wholly that session's: its console, its
// closure key (the closure tests in render.test.mjs fail when the key is not handed over).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startLive, eventually } from './helpers.mjs'

const ACTIONS = `'use server'
export async function origin() {
  console.log('adopted')
  return performance.timeOrigin
}
`
const PAGE = `export default async function Page() {
  return <main><h1>Spare</h1></main>
}
`

test('a deploy takes the spare isolate, the next spare follows, and an action and a render warm the code cache', async () => {
  const live = await startLive({ sandboxProcesses: 1 })
  const stats = () => live.live.host.stats()
  try {
    // The sandbox processes start with the first deploy.
    await live.playground(ACTIONS)
    assert.ok(await eventually(async () => (await stats()).spares === 1, { timeout: 20_000 }))
    const before = await stats()
    const deployedAt = Date.now()
    const { session, ids } = await live.playground(ACTIONS, {}, { 'app/page.tsx': PAGE })

    // The runtime in the session's isolate was loaded before the deploy was asked for.
    const call = await live.call(session, ids.origin)
    assert.equal(call.status, 200)
    assert.ok(call.value < deployedAt, `runtime loaded at ${call.value}, deploy at ${deployedAt}`)
    // …and its console is the session's.
    assert.ok(
      await eventually(async () =>
        (await live.logs(session)).entries.some((e) => e.text.includes('adopted')),
      ),
      'the adopted isolate logs to its session',
    )
    assert.ok(
      await eventually(async () => (await stats()).spares === 1, { timeout: 10_000 }),
      'a new spare is started after one is taken',
    )

    assert.ok(
      await eventually(async () => (await stats()).codeCacheBytes > before.codeCacheBytes),
      'the code cache grows with the action path once an isolate has answered an action',
    )
    const afterAction = (await stats()).codeCacheBytes
    const render = await live.fetch(`/api/live/${session}/render?path=%2F`, {
      headers: { accept: 'text/x-component' },
    })
    assert.equal(render.status, 200)
    await render.arrayBuffer()
    assert.ok(
      await eventually(async () => (await stats()).codeCacheBytes > afterAction),
      'the code cache grows with the render path once an isolate has rendered',
    )
  } finally {
    await live.close()
  }
})
