// Every limit, with its default and its env var; small values keep these fast.
import { test, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { loadConfig, parseBytes, formatBytes } from '../../../action-server/config.mjs'
import { startLive, encodeReply } from './helpers.mjs'

const servers = []
after(() => Promise.all(servers.map((s) => s.close())))
async function start(overrides) {
  const s = await startLive(overrides)
  servers.push(s)
  return s
}

describe('config', () => {
  test('defaults are the issue’s', () => {
    const c = loadConfig({})
    assert.equal(c.cpuMs, 500)
    assert.equal(c.wallMs, 15_000)
    assert.equal(c.memoryMb, 64)
    assert.equal(c.maxSessions, 500)
    assert.equal(c.idleMs, 30 * 60_000)
    assert.equal(c.sourceBytes, 512 * 1024)
    assert.equal(c.bodyBytes, 1024 * 1024)
    assert.deepEqual(c.allowedOrigins, [])
    assert.equal(c.encryptionKey.length, 32) // random per start
    assert.notDeepEqual(loadConfig({}).encryptionKey, c.encryptionKey)
  })
  test('every limit reads its env var', () => {
    const c = loadConfig({
      LIVE_CPU_MS: '100',
      LIVE_WALL_MS: '2000',
      LIVE_MEMORY_MB: '32',
      LIVE_MAX_SESSIONS: '7',
      LIVE_IDLE_MS: '1000',
      LIVE_SOURCE_BYTES: '64kb',
      LIVE_BODY_BYTES: '2 MB',
      LIVE_ALLOWED_ORIGINS: 'a.com, *.B.com',
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(24, 1).toString('base64'),
    })
    assert.deepEqual(
      [c.cpuMs, c.wallMs, c.memoryMb, c.maxSessions, c.idleMs, c.sourceBytes, c.bodyBytes],
      [100, 2000, 32, 7, 1000, 64 * 1024, 2 * 1024 * 1024],
    )
    assert.deepEqual(c.allowedOrigins, ['a.com', '*.b.com'])
    assert.equal(c.encryptionKey.length, 24)
  })
  test('bad values are refused', () => {
    assert.throws(() => loadConfig({ LIVE_CPU_MS: 'fast' }), /LIVE_CPU_MS/)
    assert.throws(
      () => loadConfig({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(10).toString('base64') }),
      /16, 24 or 32/,
    )
  })
  test('byte sizes', () => {
    assert.equal(parseBytes('1 MB'), 1048576)
    assert.equal(parseBytes('500kb'), 512000)
    assert.equal(formatBytes(1048576), '1 MB')
    assert.equal(formatBytes(2048), '2 KB')
  })
})

describe('sessions', () => {
  test('at most maxSessions live sessions; the least recently used is evicted', async () => {
    const live = await start({ maxSessions: 3 })
    const a = await live.session()
    const b = await live.session()
    const c = await live.session()
    assert.equal((await live.deploy(a, {})).status, 200) // touch a: b is now the oldest
    const d = await live.session()
    assert.equal((await live.deploy(b, {})).status, 404)
    for (const s of [a, c, d]) assert.equal((await live.deploy(s, {})).status, 200)
    assert.equal(live.live.sessions.size, 3)
  })
  test('idle sessions expire', async () => {
    const live = await start({ idleMs: 400 })
    await live.playground(`'use server'\nexport async function warm() {}`) // the first deploy forks the sandbox
    const pg = await live.playground(`'use server'\nexport async function a() { return 1 }`)
    assert.equal((await live.call(pg.session, pg.ids.a)).value, 1)
    await new Promise((r) => setTimeout(r, 600))
    const r = await live.call(pg.session, pg.ids.a, [], { decode: false })
    assert.equal(r.status, 404)
    assert.equal(r.headers.get('x-live-reason'), 'unknown-session')
  })
})

describe('source per deploy', () => {
  test('over the limit → 413 source-too-large; at the limit → deployed', async () => {
    const live = await start({ sourceBytes: 2048 })
    const s = await live.session()
    const head = `'use server'\nexport async function a() { return 1 }\n//`
    const exact = head + 'x'.repeat(2048 - Buffer.byteLength(head))
    assert.equal((await live.deploy(s, { 'app/actions.ts': exact })).status, 200)
    const over = await live.deploy(s, { 'app/actions.ts': exact + 'x' })
    assert.equal(over.status, 413)
    assert.equal(over.headers.get('x-live-reason'), 'source-too-large')
    assert.match(over.body.error, /limit is 2048 bytes/)
  })
})

describe('body size (bodySizeLimit)', () => {
  test('LIVE_BODY_BYTES sets the limit and the message names it', async () => {
    const live = await start({ env: { LIVE_BODY_BYTES: '2kb' }, bodyBytes: undefined })
    const pg = await live.playground(
      `'use server'\nexport async function a(s: string) { return s.length }`,
    )
    const fits = await encodeReply(['x'.repeat(2048 - 4)])
    assert.equal((await live.call(pg.session, pg.ids.a, [], { rawBody: fits })).value, 2044)
    const r = await live.call(pg.session, pg.ids.a, [], { rawBody: fits + ' ' })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'body-too-large')
    assert.match(r.error.message, /^Body exceeded 2 KB limit\./)
  })
  test('a multipart body is counted the same way', async () => {
    const live = await start({ bodyBytes: 4096 })
    const pg = await live.playground(
      `'use server'\nexport async function a(f: File) { return f.size }`,
    )
    const small = await live.call(pg.session, pg.ids.a, [new File(['x'.repeat(1000)], 'a.txt')])
    assert.equal(small.value, 1000)
    const big = await live.call(pg.session, pg.ids.a, [new File(['x'.repeat(5000)], 'a.txt')])
    assert.equal(big.status, 500)
    assert.equal(big.headers.get('x-live-reason'), 'body-too-large')
  })
})

describe('time', () => {
  test('timers and awaits within the wall limit are fine (pending-state demos)', async () => {
    const live = await start({ cpuMs: 100, wallMs: 1500 })
    const pg = await live.playground(
      `'use server'\nexport async function slow() { await new Promise((r) => setTimeout(r, 400)); return 'done' }`,
    )
    const t = Date.now()
    const r = await live.call(pg.session, pg.ids.slow)
    assert.equal(r.value, 'done')
    assert.ok(Date.now() - t >= 390)
  })
  test('calls of one session run one at a time; other sessions are not blocked', async () => {
    const live = await start({ wallMs: 3000 })
    const src = `'use server'\nlet running = 0\nexport async function slow() { running++; const seen = running; await new Promise((r) => setTimeout(r, 150)); running--; return seen }\nexport async function quick() { return 'q' }`
    const a = await live.playground(src)
    const b = await live.playground(src)
    const t = Date.now()
    const [x, y, z] = await Promise.all([
      live.call(a.session, a.ids.slow),
      live.call(a.session, a.ids.slow),
      live.call(b.session, b.ids.quick),
    ])
    assert.deepEqual([x.value, y.value, z.value], [1, 1, 'q'])
    assert.ok(Date.now() - t >= 290)
  })
})
