// Playground code is hostile until proven otherwise. Each attack ends with a clear error (or finds
// nothing), and an honest call right after still works — in the same session when it survives,
// and always in another session.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLive, eventually } from './helpers.mjs'

const HOSTILE = `'use server'
import db from '@/lib/db'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'

export async function honest(n: number) { return n + 1 }
export async function spin() { while (true) {} }
export async function spinAfterAwait() { await null; while (true) {} }
export async function spinAfterTimer() { await new Promise((r) => setTimeout(r, 5)); while (true) {} }
export async function slices() {
  // many short bursts: each under the per-entry timeout, together over the per-call CPU budget
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 0))
    const end = Date.now() + 50
    while (Date.now() < end) {}
  }
  return 'finished'
}
export async function leaveInterval() {
  setInterval(() => { const end = Date.now() + 30; while (Date.now() < end) {} ; console.log('burn') }, 1)
  return 'left'
}
export async function hang() { return new Promise(() => {}) }
export async function bomb() { const a: any[] = []; for (;;) a.push(new Array(1e5).fill(a.length)) }
export async function bufferBomb() { const a: any[] = []; for (;;) a.push(new Uint8Array(1e6)) }
export async function recurse() { const f = (n: number): number => f(n + 1) + 1; return f(0) }
export async function probe() {
  const g: any = globalThis
  const found: Record<string, string> = {}
  for (const name of ['process', 'require', 'module', 'Buffer', 'global.process', '__hostLog', '__hostTimer', '__hostRandom', 'ivm', '_ivm', 'WebAssembly.Module']) {
    try {
      const v = name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), g)
      found[name] = typeof v
    } catch (e: any) { found[name] = 'throws' }
  }
  let ctorProcess = 'none'
  try { ctorProcess = typeof (Function('return this')() as any).process } catch { ctorProcess = 'throws' }
  let escape = 'none'
  try { escape = typeof ({}.constructor.constructor('return process')()) } catch (e: any) { escape = 'throws' }
  let fetchResult = ''
  try { await fetch('http://127.0.0.1:1/'); fetchResult = 'fetched' } catch (e: any) { fetchResult = e.message }
  return { found, ctorProcess, escape, fetchResult }
}
export async function requireFs() {
  const r = (globalThis as any).require
  if (r) return typeof r('fs')
  return 'no require'
}
export async function pollute() {
  ;(Object.prototype as any).polluted = 'yes'
  ;(Array.prototype as any).push = function () { return 0 }
  ;(JSON as any).stringify = () => 'hijacked'
  return 'done'
}
export async function isPolluted() { return ({} as any).polluted ?? 'clean' }
export async function addSecret(secret: string) {
  await db.secrets.create({ data: { secret } })
  ;(await cookies()).set('secret', secret)
}
export async function readSecrets() {
  const c = (await cookies()).get('secret')
  return { rows: await db.secrets.findMany(), cookie: c ? c.value : null }
}
export async function injectHeaders() {
  const store = await cookies()
  store.set('lone', '\\uD800')
  store.set('bad name', 'x')
  store.set('ok', 'v; Path=/; Domain=evil.example')
  redirect('/a;b\\r\\nset-cookie: evil=1')
}
export async function logFlood() { for (let i = 0; i < 5000; i++) console.log('line', i, 'x'.repeat(100)) ; return 'ok' }
`

let live
let attacker
let bystander

before(async () => {
  live = await startLive({
    cpuMs: 200,
    wallMs: 1500,
    memoryMb: 24,
    logEntries: 100,
    logEntryChars: 500,
  })
  attacker = await live.playground(HOSTILE)
  bystander = await live.playground(HOSTILE)
})
after(() => live.close())

async function honestWorks(pg) {
  const r = await live.call(pg.session, pg.ids.honest, [41])
  assert.equal(r.status, 200, r.text)
  assert.equal(r.value, 42)
}

async function redeploy(pg) {
  const d = await live.deploy(pg.session, { 'app/actions.ts': HOSTILE })
  assert.equal(d.status, 200)
  for (const [k, id] of Object.entries(d.body.actions)) pg.ids[k.split('#')[1]] = id
}

describe('CPU', () => {
  for (const name of ['spin', 'spinAfterAwait', 'spinAfterTimer', 'slices']) {
    test(`${name} → 500 cpu-limit, then honest calls work`, async () => {
      const t = Date.now()
      const r = await live.call(attacker.session, attacker.ids[name])
      assert.equal(r.status, 500)
      assert.equal(r.headers.get('x-live-reason'), 'cpu-limit')
      assert.match(r.error.message, /CPU time limit \(200 ms\)/)
      assert.ok(Date.now() - t < 1400, 'stopped by the CPU limit, before the wall limit')
      await honestWorks(attacker)
      await honestWorks(bystander)
    })
  }
  test('the breach is in the server console', async () => {
    const logs = await live.logs(attacker.session)
    assert.ok(logs.entries.some((e) => e.level === 'error' && /CPU time limit/.test(e.text)))
  })
})

test('a module that loops while loading → 422 cpu-limit, the previous build keeps running', async () => {
  const d = await live.deploy(attacker.session, {
    'app/actions.ts': `'use server'\nwhile (true) {}\nexport async function a() {}`,
  })
  assert.equal(d.status, 422)
  assert.equal(d.headers.get('x-live-reason'), 'cpu-limit')
  assert.match(d.body.errors[0].message, /CPU time limit/)
  await honestWorks(attacker)
})

test('timers left running after a call share one CPU budget, then are stopped', async () => {
  const r = await live.call(attacker.session, attacker.ids.leaveInterval)
  assert.equal(r.value, 'left')
  const stopped = await eventually(
    async () =>
      (await live.logs(attacker.session)).entries.some((e) => /Timers left running/.test(e.text)),
    { timeout: 3000 },
  )
  assert.ok(stopped)
  await new Promise((r) => setTimeout(r, 100)) // a burst already running when the budget ran out
  const burns = async () =>
    (await live.logs(attacker.session)).entries.filter((e) => e.text === 'burn').length
  const n = await burns()
  assert.ok(n >= 3 && n <= 30, `${n} bursts of 30 ms under a 200 ms CPU budget`)
  await new Promise((r) => setTimeout(r, 300))
  assert.equal(await burns(), n)
  await honestWorks(attacker)
})

test('a promise that never settles → 500 wall-limit, then honest calls work', async () => {
  const t = Date.now()
  const r = await live.call(attacker.session, attacker.ids.hang)
  assert.equal(r.status, 500)
  assert.equal(r.headers.get('x-live-reason'), 'wall-limit')
  assert.match(r.error.message, /did not finish within 1500 ms/)
  assert.ok(Date.now() - t >= 1400)
  await honestWorks(attacker)
})

test('deep recursion → RangeError as an ordinary action error', async () => {
  const r = await live.call(attacker.session, attacker.ids.recurse)
  assert.equal(r.status, 500)
  assert.equal(r.headers.get('x-live-reason'), 'action-error')
  assert.match(r.error.message, /Maximum call stack size exceeded/)
  await honestWorks(attacker)
})

test('no process, require, host globals, network; Function constructors stay inside', async () => {
  const r = await live.call(attacker.session, attacker.ids.probe)
  assert.equal(r.status, 200, r.text)
  const { found, ctorProcess, escape, fetchResult } = r.value
  for (const name of [
    'process',
    'require',
    'module',
    'Buffer',
    'global.process',
    '__hostLog',
    '__hostTimer',
    '__hostRandom',
    'ivm',
    '_ivm',
  ]) {
    assert.equal(found[name], 'undefined', name)
  }
  assert.equal(ctorProcess, 'undefined')
  assert.equal(escape, 'throws') // "process is not defined"
  assert.match(fetchResult, /no network access/)
  const req = await live.call(attacker.session, attacker.ids.requireFs)
  assert.equal(req.value, 'no require')
})

test('prototype pollution stays in its own session, and never reaches the host', async () => {
  // Breaking Array.prototype.push and JSON.stringify breaks the polluter's own runtime too; it still
  // gets an answer, at the latest when the wall limit ends the call.
  const t = Date.now()
  const r = await live.call(attacker.session, attacker.ids.pollute, [], { decode: false })
  assert.equal(r.status, 500)
  assert.ok(['action-error', 'wall-limit'].includes(r.headers.get('x-live-reason')))
  assert.ok(Date.now() - t < 2500)
  assert.equal({}.polluted, undefined) // the host process is untouched
  const other = await live.call(bystander.session, bystander.ids.isPolluted)
  assert.equal(other.value, 'clean')
  await honestWorks(bystander)
  // A redeploy gives the polluter a clean isolate.
  await redeploy(attacker)
  assert.equal((await live.call(attacker.session, attacker.ids.isPolluted)).value, 'clean')
})

test('one session cannot read another’s db rows or cookies', async () => {
  const a = await live.call(attacker.session, attacker.ids.addSecret, ['attacker-only'])
  assert.equal(a.status, 200)
  const setCookie = a.headers.get('set-cookie')
  assert.match(setCookie, new RegExp(`^secret=attacker-only; Path=/api/live/${attacker.session}$`))
  // Even if the bystander's browser sent the attacker's cookie path-less, the db stays separate,
  // and a browser only sends that cookie to the attacker's own path.
  const b = await live.call(bystander.session, bystander.ids.readSecrets)
  assert.deepEqual(b.value, { rows: [], cookie: null })
  const self = await live.call(attacker.session, attacker.ids.readSecrets, [], {
    headers: { cookie: 'secret=attacker-only' },
  })
  assert.equal(self.value.rows.length, 1)
  assert.equal(self.value.cookie, 'attacker-only')
})

test('cookie and redirect values cannot inject headers', async () => {
  const r = await live.call(attacker.session, attacker.ids.injectHeaders)
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('x-action-redirect'), '/a;b%0D%0Aset-cookie: evil=1;push')
  assert.equal(
    r.headers.get('set-cookie'),
    `ok=v%3B%20Path%3D%2F%3B%20Domain%3Devil.example; Path=/api/live/${attacker.session}`,
  )
  await honestWorks(attacker)
})

test('console flood is bounded per call, per session and per entry', async () => {
  const r = await live.call(attacker.session, attacker.ids.logFlood)
  assert.equal(r.value, 'ok')
  const logs = await eventually(async () => {
    const l = await live.logs(attacker.session)
    return l.entries.some((e) => /rest was dropped/.test(e.text)) && l
  })
  assert.ok(logs, 'the reader is told the rest of the output was dropped')
  assert.ok(logs.entries.length <= 100)
  assert.ok(!logs.entries.some((e) => e.text.startsWith('line 4999')))
  const bystanderLogs = await live.logs(bystander.session)
  assert.ok(!bystanderLogs.entries.some((e) => e.text.startsWith('line ')))
})

test('ArrayBuffer bomb → allocation fails inside the session, which survives', async () => {
  const r = await live.call(bystander.session, bystander.ids.bufferBomb)
  assert.equal(r.status, 500)
  assert.ok(['action-error', 'memory-limit'].includes(r.headers.get('x-live-reason')))
  const other = await live.playground(HOSTILE)
  await honestWorks(other)
  if (r.headers.get('x-live-reason') === 'memory-limit') await redeploy(bystander)
  await honestWorks(bystander)
})

test('memory bomb → 500 memory-limit; the session restarts on the next deploy', async () => {
  const r = await live.call(attacker.session, attacker.ids.bomb)
  assert.equal(r.status, 500)
  assert.equal(r.headers.get('x-live-reason'), 'memory-limit')
  assert.match(r.error.message, /ran out of memory/)
  // Its isolate is gone until the next deploy, with a clear reason…
  const dead = await live.call(attacker.session, attacker.ids.honest, [1])
  assert.equal(dead.status, 500)
  assert.equal(dead.headers.get('x-live-reason'), 'memory-limit')
  // …other sessions never noticed…
  await honestWorks(bystander)
  // …and a deploy brings it back.
  await redeploy(attacker)
  await honestWorks(attacker)
})

test('a crash of the sandbox process fails in-flight calls; its sessions are rebuilt', async () => {
  const pending = live.call(attacker.session, attacker.ids.hang)
  await new Promise((r) => setTimeout(r, 100))
  await live.live.host.crashForTests(attacker.session)
  const r = await pending
  assert.equal(r.status, 500)
  assert.equal(r.headers.get('x-live-reason'), 'sandbox-crashed')
  // The HTTP server still answers, and sessions come back from what the site holds, no deploy.
  await honestWorks(attacker)
  await honestWorks(bystander)
  const fresh = await live.playground(HOSTILE)
  await honestWorks(fresh)
})
