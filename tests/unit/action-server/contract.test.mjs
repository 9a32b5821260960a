// The public HTTP contract: sessions, deploys, compile errors, logs, unknown sessions, action ids.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

const KEY = Buffer.alloc(32, 7).toString('base64')
let live
before(async () => {
  live = await startLive({ env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY } })
})
after(() => live.close())

describe('sessions', () => {
  test('POST /api/live/sessions → 201 with an unguessable id', async () => {
    const ids = new Set()
    for (let i = 0; i < 5; i++) {
      const r = await live.fetch('/api/live/sessions', { method: 'POST' })
      assert.equal(r.status, 201)
      const { session } = await r.json()
      assert.match(session, /^[A-Za-z0-9_-]{24}$/) // 18 random bytes = 144 bits
      ids.add(session)
    }
    assert.equal(ids.size, 5)
  })
  test('GET /api/live/sessions → 405', async () => {
    const r = await live.fetch('/api/live/sessions')
    assert.equal(r.status, 405)
    assert.equal(r.headers.get('allow'), 'POST')
  })
  for (const [method, sub] of [
    ['PUT', 'files'],
    ['POST', 'action'],
    ['GET', 'logs'],
  ]) {
    test(`${method} /<unknown>/${sub} → 404 JSON with a clear message`, async () => {
      const r = await live.fetch(`/api/live/${'A'.repeat(24)}/${sub}`, {
        method,
        headers: { 'next-action': '7f' + '0'.repeat(40) },
        body: method === 'GET' ? undefined : '{}',
      })
      assert.equal(r.status, 404)
      assert.match(r.headers.get('content-type'), /application\/json/)
      const body = await r.json()
      assert.match(body.error, /Unknown or expired session/)
      assert.equal(r.headers.get('x-live-reason'), 'unknown-session')
    })
  }
  test('unknown paths → 404', async () => {
    assert.equal((await live.fetch('/api/live/nope/at/all')).status, 404)
    assert.equal((await live.fetch('/elsewhere')).status, 404)
  })
  test('DELETE ends a session', async () => {
    const s = await live.session()
    assert.equal((await live.fetch(`/api/live/${s}`, { method: 'DELETE' })).status, 204)
    assert.equal((await live.fetch(`/api/live/${s}/logs`)).status, 404)
  })
})

describe('deploy', () => {
  test('200 with build and action ids keyed by file#export', async () => {
    const s = await live.session()
    const d = await live.deploy(s, {
      'app/actions.ts': `'use server'\nexport async function createUser() {}\nexport const deleteUser = async () => {}\nexport default async function () {}`,
      'app/page.tsx': `export default function Page() { return <p>hi</p> }`,
      'app/ui.tsx': `'use client'\nexport function Form() { return null }`,
      'app/styles.css': `p { color: red }`,
    })
    assert.equal(d.status, 200)
    assert.match(d.body.build, /^[A-Za-z0-9_-]{8,}$/)
    assert.deepEqual(Object.keys(d.body.actions).sort(), [
      'app/actions.ts#createUser',
      'app/actions.ts#default',
      'app/actions.ts#deleteUser',
    ])
    for (const id of Object.values(d.body.actions)) assert.match(id, /^[0-9a-f]{42}$/)
    assert.equal(d.body.mode, 'development')
  })
  test('ids are deterministic for the same key, file and export, across deploys and sessions', async () => {
    const src = {
      'app/actions.ts': `'use server'\nexport async function a() {}\nexport async function b() {}`,
    }
    const s1 = await live.session()
    const s2 = await live.session()
    const d1 = await live.deploy(s1, src)
    const d2 = await live.deploy(s1, { 'app/actions.ts': src['app/actions.ts'] + '\n// edited' })
    const d3 = await live.deploy(s2, src)
    assert.deepEqual(d1.body.actions, d2.body.actions)
    assert.deepEqual(d1.body.actions, d3.body.actions)
    assert.notEqual(d1.body.actions['app/actions.ts#a'], d1.body.actions['app/actions.ts#b'])
    assert.notEqual(d1.body.build, d2.body.build)
  })
  test('another encryption key gives other ids', async () => {
    const other = await startLive({
      env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') },
    })
    try {
      const src = { 'app/actions.ts': `'use server'\nexport async function a() {}` }
      const mine = await live.deploy(await live.session(), src)
      const theirs = await other.deploy(await other.session(), src)
      assert.notEqual(
        mine.body.actions['app/actions.ts#a'],
        theirs.body.actions['app/actions.ts#a'],
      )
    } finally {
      await other.close()
    }
  })
  test('inline "use server" in a non-directive file is not exported as an action yet', async () => {
    const d = await live.deploy(await live.session(), {
      'app/lib.ts': `export async function helper() { return 1 }`,
    })
    assert.equal(d.status, 200)
    assert.deepEqual(d.body.actions, {})
  })
  test('a "use client" file imported on the server becomes a client reference named by its path', async () => {
    const s = await live.session()
    const d = await live.deploy(s, {
      'app/actions.tsx': `'use server'\nimport { Badge } from './badge'\nexport async function award(label: string) { return <Badge label={label} /> }`,
      'app/badge.tsx': `'use client'\nexport function Badge({ label }: { label: string }) { return <b>{label}</b> }`,
    })
    assert.equal(d.status, 200)
    const r = await live.call(s, d.body.actions['app/actions.tsx#award'], ['gold'], {
      decode: false,
    })
    assert.equal(r.status, 200)
    assert.match(r.text, /:I\["app\/badge\.tsx",\[\],"Badge"/)
    assert.match(r.text, /"label":"gold"/)
  })
  test('a syntax error → 422 with file, line and column', async () => {
    const s = await live.session()
    const d = await live.deploy(s, {
      'app/actions.ts': `'use server'\nexport async function ok() {}\nexport async function broken( {\n`,
      'app/fine.ts': `export const x = 1`,
    })
    assert.equal(d.status, 422)
    assert.equal(d.headers.get('x-live-reason'), 'compile-error')
    assert.equal(d.body.errors.length, 1)
    const [e] = d.body.errors
    assert.equal(e.file, 'app/actions.ts')
    assert.equal(e.line, 4)
    assert.equal(typeof e.column, 'number')
    assert.match(e.message, /^Unexpected token/)
  })
  test('a type annotation error in TSX still compiles (types are erased)', async () => {
    const d = await live.deploy(await live.session(), {
      'app/a.tsx': `const x: number = 'no'\nexport const el = <div>{x}</div>`,
    })
    assert.equal(d.status, 200)
  })
  test('an unknown import → 422 Module not found with its line', async () => {
    const d = await live.deploy(await live.session(), {
      'app/actions.ts': `'use server'\nimport fs from 'fs'\nexport async function read() { return fs.readFileSync('/etc/passwd', 'utf8') }`,
    })
    assert.equal(d.status, 422)
    assert.equal(d.body.errors[0].file, 'app/actions.ts')
    assert.equal(d.body.errors[0].line, 2)
    assert.match(d.body.errors[0].message, /Module not found: Can't resolve 'fs'/)
  })
  test('a "use server" file exporting a non-function → 422 with Next’s message', async () => {
    const d = await live.deploy(await live.session(), {
      'app/actions.ts': `'use server'\nexport const answer = 42`,
    })
    assert.equal(d.status, 422)
    assert.match(
      d.body.errors[0].message,
      /A "use server" file can only export async functions, found number\./,
    )
  })
  test('a syntax error only V8 sees → 422 with its line, no internal paths', async () => {
    const d = await live.deploy(await live.session(), {
      'app/actions.ts': `'use server'\n\nconst s = 'unterminated\nexport async function a() {}`,
    })
    assert.equal(d.status, 422)
    assert.equal(d.body.errors[0].file, 'app/actions.ts')
    assert.equal(typeof d.body.errors[0].line, 'number')
    assert.doesNotMatch(d.body.errors[0].message, /file:\/\//)
  })
  test('a module that throws while loading → 422 pointing at the line', async () => {
    const d = await live.deploy(await live.session(), {
      'app/actions.ts': `'use server'\n\nthrow new Error('top-level boom')\nexport async function a() {}`,
    })
    assert.equal(d.status, 422)
    assert.equal(d.body.errors[0].file, 'app/actions.ts')
    assert.equal(d.body.errors[0].line, 3)
    assert.match(d.body.errors[0].message, /top-level boom/)
  })
  test('a failed deploy keeps the previous build running', async () => {
    const pg = await live.playground(
      `'use server'\nexport async function still() { return 'here' }`,
    )
    const d = await live.deploy(pg.session, {
      'app/actions.ts': `'use server'\nexport const x = 1`,
    })
    assert.equal(d.status, 422)
    const r = await live.call(pg.session, pg.ids.still)
    assert.equal(r.value, 'here')
  })
  test('relative and @/ imports between playground files', async () => {
    const pg = await live.playground(
      `'use server'\nimport { double } from './math'\nimport { triple } from '@/lib/more'\nimport data from '../data/seed.json'\nexport async function calc(n: number) { return double(n) + triple(n) + data.bonus }`,
      {},
      {
        'app/math.ts': `export const double = (n: number) => n * 2`,
        'lib/more.ts': `export function triple(n: number) { return n * 3 }`,
        'data/seed.json': `{"bonus": 100}`,
      },
    )
    const r = await live.call(pg.session, pg.ids.calc, [1])
    assert.equal(r.value, 105)
  })
  test('bad bodies → 400', async () => {
    const s = await live.session()
    for (const body of [
      'not json',
      '{"files": []}',
      '{"files": {"../x.ts": ""}}',
      '{"files": {}, "mode": "staging"}',
    ]) {
      const r = await live.fetch(`/api/live/${s}/files`, { method: 'PUT', body })
      assert.equal(r.status, 400, body)
    }
  })
})

describe('logs', () => {
  test('console output is captured per session, timestamped, level kept, read by cursor', async () => {
    const pg = await live.playground(
      `'use server'\nexport async function talk() { console.log('hello', { a: 1 }); console.warn('careful'); console.error(new Error('bad')); console.info('%s is %d', 'x', 5); return 1 }`,
    )
    await live.call(pg.session, pg.ids.talk)
    const all = await live.logs(pg.session)
    const texts = all.entries.map((e) => [e.level, e.text.split('\n')[0]])
    assert.deepEqual(texts, [
      ['log', 'hello { a: 1 }'],
      ['warn', 'careful'],
      ['error', 'Error: bad'],
      ['info', 'x is 5'],
    ])
    for (const e of all.entries) assert.ok(!Number.isNaN(Date.parse(e.time)))
    assert.match(all.entries[2].text, /app\/actions\.ts:2/) // stack points at the reader's file
    assert.doesNotMatch(all.entries[2].text, /live-runtime/)
    const later = await live.logs(pg.session, all.next)
    assert.deepEqual(later.entries, [])
    await live.call(pg.session, pg.ids.talk)
    const more = await live.logs(pg.session, all.next)
    assert.equal(more.entries.length, 4)
    assert.equal(more.entries[0].seq, all.next + 1)
  })
  test('console output from a timer after the response still arrives', async () => {
    const pg = await live.playground(
      `'use server'\nexport async function later() { setTimeout(() => console.log('tick'), 30); return 1 }`,
    )
    await live.call(pg.session, pg.ids.later)
    await new Promise((r) => setTimeout(r, 150))
    const logs = await live.logs(pg.session)
    assert.ok(logs.entries.some((e) => e.text === 'tick'))
  })
})
