// Issue 9: the pieces that run on the site's own thread, whatever the reader sends, are linear;
// session creation is rate-limited and eviction spares deployed sessions.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  lineIndex,
  capErrors,
  compileFiles,
} from '../../../action-server/compiler/compile-files.mjs'
import { rewriteLinks } from '../../../action-server/http/page-routes.mjs'
import { createRateLimiter, clientKey } from '../../../action-server/sessions/rate-limit.mjs'
import { createSessionStore } from '../../../action-server/sessions/store.mjs'
import { sessionKey } from '../../../action-server/sandbox/closure-crypto.mjs'
import { playgroundCookies, rememberCookieNames } from '../../../action-server/http/cookies.mjs'

/** Operations counted, not time: doubling the input must not quadruple the work. */
function growth(run) {
  const small = run(20_000)
  const large = run(40_000)
  return large / small
}

test('line lookup: one pass, then a binary search per lookup', () => {
  const lineOf = lineIndex('a\nbb\n\nccc')
  assert.deepEqual([0, 1, 2, 4, 5, 6, 8].map(lineOf), [1, 1, 2, 2, 3, 4, 4])
  let steps = 0
  const counted = (n) => {
    steps = 0
    const code = 'x\n'.repeat(n)
    const original = String.prototype.indexOf
    String.prototype.indexOf = function (...args) {
      steps++
      return original.apply(this, args)
    }
    try {
      const at = lineIndex(code)
      for (let i = 0; i < n; i++) at(i * 2)
    } finally {
      String.prototype.indexOf = original
    }
    return steps
  }
  assert.ok(growth(counted) < 2.2)
})

test('compile errors are capped in number and size', () => {
  const out = compileFiles(
    { 'app/lib.js': "require('x')\n".repeat(2000) },
    { sourceBytes: 1024 * 1024 },
  )
  assert.equal(out.errors.length, 51)
  assert.deepEqual(
    out.errors.slice(0, 3).map((e) => e.line),
    [1, 2, 3],
  )
  assert.equal(out.errors[50].message, '…and 1950 more errors.')
  const long = capErrors([{ file: 'a', line: 1, column: 1, message: 'x'.repeat(5000) }])
  assert.ok(long[0].message.length <= 1001)
})

test('live/closures is refused in playground code; catch-all folders are valid paths', () => {
  const refused = compileFiles(
    { 'app/a.ts': `import { encrypt } from 'live/closures'\nexport const x = encrypt` },
    { sourceBytes: 1e6 },
  )
  assert.match(refused.errors[0].message, /Can't resolve 'live\/closures'/)
  const routes = compileFiles(
    {
      'app/docs/[...slug]/page.tsx': 'export default function P() { return null }',
      'app/shop/[[...slug]]/page.tsx': 'export default function P() { return null }',
    },
    { sourceBytes: 1e6 },
  )
  assert.deepEqual(
    routes.routes.map((r) => r.path),
    ['/docs/[...slug]', '/shop/[[...slug]]'],
  )
  for (const bad of ['app/../x.ts', 'app/./x.ts', '../x.ts', 'app/..'])
    assert.throws(() => compileFiles({ [bad]: '' }, { sourceBytes: 1e6 }), /Invalid file path/)
})

test('link rewriting: same answers as before, in one linear pass', () => {
  const to = (p) => `/api/live/s/html?path=${encodeURIComponent(p)}&embedded=1`
  assert.equal(
    rewriteLinks('<a href="/x?a=1&amp;b=2">x</a><form action="/y" method="post"></form>', to),
    '<a href="/api/live/s/html?path=%2Fx%3Fa%3D1%26b%3D2&amp;embedded=1">x</a><form action="/api/live/s/html?path=%2Fy&amp;embedded=1" method="post"></form>',
  )
  // Off-site, protocol-relative, other tags and other attributes are left alone.
  const kept =
    '<a href="https://e.x/">e</a><a href="//e.x">p</a><link href="/s.css"/><a data-href="/n" title=\'/t\'>t</a><img src="/i.png">'
  assert.equal(rewriteLinks(kept, to), kept)
  assert.equal(
    rewriteLinks('<A HREF="/up">u</A>', to),
    `<A HREF="${to('/up').replace(/&/g, '&amp;')}">u</A>`,
  )
  // Attacker-sized inputs: work grows linearly (the old regex was quadratic on these).
  for (const unit of ['<a ', '<a href=', '<form x="', '<a\t']) {
    let steps = 0
    const run = (n) => {
      steps = 0
      const html = unit.repeat(n)
      const original = String.prototype.charCodeAt
      String.prototype.charCodeAt = function (i) {
        steps++
        return original.call(this, i)
      }
      try {
        rewriteLinks(html, to)
      } finally {
        String.prototype.charCodeAt = original
      }
      return steps
    }
    assert.ok(growth(run) < 2.2, `linear on ${JSON.stringify(unit)}`)
  }
})

test('session creation: a token bucket per client, with the seconds to wait', () => {
  let now = 0
  const limiter = createRateLimiter({ burst: 3, perMinute: 6, now: () => now })
  assert.ok([1, 2, 3].every(() => limiter.take('a').ok))
  const refused = limiter.take('a')
  assert.equal(refused.ok, false)
  assert.equal(refused.retryAfter, 10)
  assert.ok(limiter.take('b').ok, 'another client has its own bucket')
  now += 10_000
  assert.ok(limiter.take('a').ok)
  assert.equal(limiter.take('a').ok, false)
  assert.equal(clientKey('::ffff:10.0.0.1'), '10.0.0.1')
  assert.equal(clientKey('2001:db8:1:2:3:4:5:6'), clientKey('2001:db8:1:2::9'))
})

test('eviction prefers sessions never deployed, then the longest idle', () => {
  const evicted = []
  const store = createSessionStore({
    maxSessions: 3,
    idleMs: 60_000,
    logEntries: 10,
    defaultMode: 'development',
    onEvict: (s) => evicted.push(s.id),
  })
  try {
    const a = store.create()
    a.build = { id: 'x' }
    const b = store.create()
    const c = store.create()
    c.build = { id: 'y' }
    store.create()
    assert.deepEqual(evicted, [b.id], 'the empty session goes first, not the older deployed one')
    store.get(a.id)
    const e = store.create() // d is empty: it goes
    store.create() // e is empty too
    assert.equal(evicted.length, 3)
    assert.ok(!evicted.includes(a.id) && !evicted.includes(c.id))
    e.build = { id: 'z' }
  } finally {
    store.close()
  }
})

test('closure keys: one per session, from the master key', () => {
  const master = Buffer.alloc(32, 7)
  const a = sessionKey(master, 'session-a')
  assert.equal(a.length, 32)
  assert.ok(!a.equals(sessionKey(master, 'session-b')))
  assert.ok(a.equals(sessionKey(master, 'session-a')))
})

test('only cookies the playground set reach its code', () => {
  const session = {}
  assert.deepEqual(playgroundCookies(session, 'docs=1; live_user=user_1'), [
    ['live_user', 'user_1'],
  ])
  rememberCookieNames(session, [{ name: 'theme', value: 'dark' }])
  assert.deepEqual(playgroundCookies(session, 'theme=dark; docs=1; theme=light'), [
    ['theme', 'dark'],
  ])
})

test("hoisting 'use server' and 'use cache' functions: linear in the number of functions", () => {
  // Many small functions inside one component: each one's captured variables used to walk the
  // whole enclosing function again (a 210 KB file held the site's thread for 55 s).
  for (const directive of ['use server', 'use cache']) {
    const counted = (n) => {
      const body = Array.from(
        { length: n / 40 },
        (_, i) => `const f${i} = async () => { '${directive}'; return a${i % 10} + ${n} }`,
      ).join('\n')
      const source = `export default async function Page() {\n const a0=1,a1=2,a2=3,a3=4,a4=5,a5=6,a6=7,a7=8,a8=9,a9=10\n${body}\n return null }`
      let steps = 0
      const original = Object.keys
      Object.keys = function (...args) {
        steps++
        return original.apply(this, args)
      }
      try {
        compileFiles({ 'app/page.tsx': source }, { sourceBytes: 1024 * 1024 })
      } finally {
        Object.keys = original
      }
      return steps
    }
    const g = growth(counted)
    assert.ok(
      g < 2.5,
      `${directive}: doubling the functions multiplied the work by ${g.toFixed(1)}`,
    )
  }
})
