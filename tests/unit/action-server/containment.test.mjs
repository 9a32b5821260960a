// Issue 9, the sandbox half: one hostile session must never hurt another session nor the process
// they share. Each break is followed by an honest call in another session, with its data intact.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startLive } from './helpers.mjs'

const HONEST = `'use server'
import { db } from '@/lib/db'
export async function add(text: string) { await db.note.create({ data: { text } }); return db.note.count() }
export async function list() { return (await db.note.findMany()).map((n: any) => n.text) }
`

const HOSTILE = `'use server'
import { db } from '@/lib/db'
export async function slow(ms: number) {
  await new Promise((r) => setTimeout(r, ms))
  await db.tick.create({ data: {} })
  return db.tick.count()
}
export async function wasm() {
  const g: any = globalThis
  if (typeof g.WebAssembly === 'undefined') return 'no WebAssembly'
  const m = new g.WebAssembly.Memory({ initial: 1, maximum: 65536 })
  m.grow(8000)
  return m.buffer.byteLength
}
export async function hot() { let x = 0; for (let i = 0; i < 3e6; i++) x = (x + i * 7) % 1000003; return x }
export async function bigArray() { const a = new Array(2 ** 27 + 10).fill(0); return a.length }
export async function bigMap() { return new Array(2 ** 27 + 10).map(() => 1).length }
export async function bigSort() { const a: any[] = []; a.length = 2 ** 27; return a.sort().length }
export async function buffers() { const a: any[] = []; for (let i = 0; i < 40; i++) a.push(new ArrayBuffer(8 << 20)); return a.length }
export async function flood() {
  const line = 'x'.repeat(4096)
  for (let i = 0; i < 12000; i++) console.log(i, line)
  return 'flooded'
}
`

let live

async function honest() {
  const session = await live.session()
  const d = await live.deploy(session, { 'app/actions.ts': HONEST })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const ids = {}
  for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
  const first = await live.call(session, ids.add, ['before'])
  assert.equal(first.status, 200, first.text)
  return { session, ids }
}

/** The honest session still answers 200 with the row it wrote before the attack. */
async function stillHonest(pg, label) {
  const r = await live.call(pg.session, pg.ids.add, [label])
  assert.equal(r.status, 200, `${label}: ${r.headers.get('x-live-reason')} ${r.text.slice(0, 300)}`)
  const l = await live.call(pg.session, pg.ids.list)
  assert.equal(l.status, 200)
  assert.deepEqual(l.value.slice(0, 1), ['before'])
  assert.ok(l.value.includes(label))
}

async function hostile() {
  return live.playground(HOSTILE)
}

before(async () => {
  live = await startLive({
    cpuMs: 300,
    wallMs: 1500,
    memoryMb: 48,
    logEntryChars: 4000,
    sessionQueue: 8,
    sandboxProcesses: 2,
  })
})
after(() => live.close())

describe('break 1: a late call ends that call, never the process', () => {
  test('queued calls each get their own wall time; the process survives', async () => {
    const bystander = await honest()
    const attacker = await hostile()
    // 7 × 1.2 s in one session: the last leaves the queue ~7 s after it was sent.
    const calls = await Promise.all(
      Array.from({ length: 7 }, () => live.call(attacker.session, attacker.ids.slow, [1200])),
    )
    assert.deepEqual(
      calls.map((r) => `${r.status} ${r.headers.get('x-live-reason') || ''}`),
      Array(7).fill('200 '),
    )
    assert.deepEqual(calls.map((r) => r.value).sort(), [1, 2, 3, 4, 5, 6, 7])
    await stillHonest(bystander, 'after the queue')
  })

  test("a session's queue is capped: 429 queue-full with a reason", async () => {
    const bystander = await honest()
    const attacker = await hostile()
    const calls = await Promise.all(
      Array.from({ length: 14 }, () => live.call(attacker.session, attacker.ids.slow, [50])),
    )
    const full = calls.filter((r) => r.status === 429)
    assert.ok(full.length >= 4, calls.map((r) => r.status).join(' '))
    for (const r of full) assert.equal(r.headers.get('x-live-reason'), 'queue-full')
    assert.ok(calls.some((r) => r.status === 200))
    await stillHonest(bystander, 'after the flood of calls')
  })

  test('a crashed sandbox process is replaced; its sessions are rebuilt with their rows', async () => {
    const bystander = await honest()
    await live.live.host.crashForTests(bystander.session)
    await new Promise((r) => setTimeout(r, 300))
    await stillHonest(bystander, 'after the crash')
  })
})

describe('break 5: memory outside the heap is the session’s', () => {
  test('WebAssembly is not available in an isolate', async () => {
    const bystander = await honest()
    const attacker = await hostile()
    const r = await live.call(attacker.session, attacker.ids.wasm)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.value, 'no WebAssembly')
    await stillHonest(bystander, 'after WebAssembly')
  })

  test('no machine code is made at run time: the sandbox processes have no writable-executable memory', async () => {
    const attacker = await hostile()
    // A hot loop is what a JIT would compile; without one, no page is both writable and executable.
    const r = await live.call(attacker.session, attacker.ids.hot)
    assert.equal(r.status, 200, r.text)
    const pids = live.live.host
      .processes()
      .map((p) => p.pid)
      .filter(Boolean)
    assert.ok(pids.length >= 1)
    for (const pid of pids) {
      const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')
      assert.deepEqual(
        maps.filter((line) => / rwx. /.test(line)),
        [],
        `sandbox process ${pid}`,
      )
    }
  })

  test('new Array(2 ** 27 + 10).fill(0) (and .map, .sort) → 500 at once, no process lost', async () => {
    const bystander = await honest()
    const attacker = await hostile()
    const restarts = () => live.live.host.processes().reduce((n, p) => n + p.restarts, 0)
    const before = restarts()
    for (const name of ['bigArray', 'bigMap', 'bigSort']) {
      const t = Date.now()
      const r = await live.call(attacker.session, attacker.ids[name])
      assert.equal(r.status, 500, r.text)
      assert.equal(r.headers.get('x-live-reason'), 'action-error')
      assert.match(r.error.message, /limited to 16777216 elements/)
      assert.ok(Date.now() - t < 1500, `${name} stopped before the wall limit`)
    }
    await stillHonest(bystander, 'after the big array')
    assert.equal(restarts(), before, 'no sandbox process crashed')
    await new Promise((res) => setTimeout(res, 1200)) // one RSS sample
    for (const p of live.live.host.processes())
      assert.ok(p.rss < 600 * 2 ** 20, `sandbox ${p.index} holds ${p.rss} bytes`)
  })

  test('array buffers count against the session', async () => {
    const bystander = await honest()
    const attacker = await hostile()
    const r = await live.call(attacker.session, attacker.ids.buffers)
    assert.equal(r.status, 500, r.text)
    assert.ok(['memory-limit', 'action-error'].includes(r.headers.get('x-live-reason')))
    await stillHonest(bystander, 'after the buffers')
  })
})

describe('break 4: attacker-sized error messages', () => {
  test(
    'a module throwing 220k spaces at load → 422 at once, message cut',
    { timeout: 8000 },
    async () => {
      const bystander = await honest()
      const session = await live.session()
      const d = await live.deploy(session, {
        'app/actions.ts': `'use server'\nthrow new Error(' '.repeat(220000) + 'x')\nexport async function a() {}`,
      })
      assert.equal(d.status, 422, JSON.stringify(d.body).slice(0, 300))
      assert.ok(d.body.errors[0].message.length <= 2100)
      await stillHonest(bystander, 'after the long error')
    },
  )
})

describe('break 11: console floods', () => {
  test('12k × 4 KB lines are capped per call and per session', async () => {
    const bystander = await honest()
    const attacker = await hostile()
    const flood = live.call(attacker.session, attacker.ids.flood)
    await stillHonest(bystander, 'during the flood')
    const r = await flood
    assert.equal(r.status, 200, r.text)
    assert.equal(r.value, 'flooded')
    const logs = await live.logs(attacker.session)
    const bytes = logs.entries.reduce((n, e) => n + e.text.length, 0)
    assert.ok(bytes <= 256 * 1024, `${bytes} bytes of console kept`)
    assert.ok(
      logs.entries.some((e) => /rest was dropped/.test(e.text)),
      'the reader is told the output was cut',
    )
  })
})

test('sandbox processes exit when the server is SIGKILLed', { timeout: 30_000 }, async () => {
  const { spawn } = await import('node:child_process')
  const script = `
    import { startServer } from './action-server/serve.mjs'
    const srv = await startServer({ env: {}, sandboxProcesses: 2 })
    const s = await (await fetch(srv.url + '/api/live/sessions', { method: 'POST' })).json()
    await fetch(srv.url + '/api/live/' + s.session + '/files', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: { 'app/actions.ts': "'use server'\\nexport async function a() { return 1 }" } }) })
    console.log(JSON.stringify(srv.live.host.processes().map((p) => p.pid).filter(Boolean)))
  `
  const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../../../', import.meta.url),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const pids = await new Promise((resolve, reject) => {
    let out = ''
    parent.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve(JSON.parse(out))
    })
    parent.on('exit', () => reject(new Error(`exited early: ${out}`)))
  })
  assert.ok(pids.length >= 1)
  parent.kill('SIGKILL')
  const { readFileSync } = await import('node:fs')
  // A zombie (exited, not yet reaped by whoever adopted it) counts as gone.
  const alive = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
    } catch {
      return false
    }
  }
  const until = Date.now() + 5000
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
  assert.deepEqual(pids.filter(alive), [], 'orphaned sandbox processes')
})

test(
  'a sandbox process over its RSS budget is replaced; its sessions come back with their rows',
  { timeout: 60_000 },
  async () => {
    const small = await startLive({
      memoryMb: 64,
      sandboxProcesses: 1,
      sandboxRssBytes: 220 * 2 ** 20,
    })
    try {
      const session = await small.session()
      const d = await small.deploy(session, { 'app/actions.ts': HONEST })
      assert.equal(d.status, 200)
      const ids = {}
      for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
      assert.equal((await small.call(session, ids.add, ['before'])).status, 200)
      // Each hoarder keeps 40 MB of touched buffers between calls: within its own limit, but three of
      // them push the one process past its budget.
      const HOARD = `'use server'\nconst keep: any[] = []\nexport async function hold() { keep.push(new Uint8Array(40 << 20).fill(1)); return keep.length }`
      for (let i = 0; i < 4; i++) {
        const h = await small.playground(HOARD)
        await small.call(h.session, h.ids.hold)
      }
      const until = Date.now() + 5000
      while (small.live.host.processes()[0].restarts === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100))
      assert.ok(small.live.host.processes()[0].restarts >= 1, 'the process was replaced')
      const r = await small.call(session, ids.add, ['after'])
      assert.equal(r.status, 200, r.text)
      const l = await small.call(session, ids.list)
      assert.deepEqual(l.value, ['before', 'after'])
    } finally {
      await small.close()
    }
  },
)
