// Pure pieces, checked without a server.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  matchesPattern,
  checkOriginHeaders,
  requestHost,
} from '../../../action-server/http/origin.mjs'
import { readDirectives, moduleKind } from '../../../action-server/compiler/directives.mjs'
import { serializeSetCookie, parseCookieHeader } from '../../../action-server/http/cookies.mjs'
import { actionId, ACTION_ID_PATTERN } from '../../../action-server/compiler/action-id.mjs'
import { LogBuffer } from '../../../action-server/sessions/logs.mjs'
import { compileFiles } from '../../../action-server/compiler/compile-files.mjs'

test('allowedOrigins patterns, as Next matches them', () => {
  const yes = [
    ['a.example.com', '*.example.com'],
    ['example.com', 'example.com'],
    ['a.b.example.com', '**.example.com'],
    ['a.example.com', '**.example.com'],
    ['a.b.c', 'a.*.c'],
    ['localhost:3000', 'localhost:3000'],
  ]
  const no = [
    ['a.b.example.com', '*.example.com'],
    ['example.com', '*.example.com'],
    ['example.com', '**.example.com'],
    ['anything.com', '*'],
    ['anything.com', '**'],
    ['a.b.example.com', 'a.**.com'], // ** only as the leftmost label
    ['a.example.com', '.example.com'],
    ['a.example.com:8080', '*.example.com'],
    ['evil-example.com', '*example.com'],
  ]
  for (const [host, p] of yes) assert.ok(matchesPattern(host, p), `${host} ~ ${p}`)
  for (const [host, p] of no) assert.ok(!matchesPattern(host, p), `${host} !~ ${p}`)
})

test('origin check reads X-Forwarded-Host first, then Host', () => {
  assert.deepEqual(requestHost({ host: 'a', 'x-forwarded-host': 'b, c' }), {
    type: 'x-forwarded-host',
    value: 'b',
  })
  assert.deepEqual(requestHost({ host: 'A.com' }), { type: 'host', value: 'a.com' })
  assert.ok(checkOriginHeaders({ host: 'a.com' }, []).ok)
  assert.ok(checkOriginHeaders({ host: 'a.com', origin: 'https://A.com' }, []).ok)
  assert.ok(!checkOriginHeaders({ host: 'a.com', origin: 'https://b.com' }, []).ok)
  assert.ok(!checkOriginHeaders({ origin: 'https://b.com' }, []).ok)
  assert.ok(!checkOriginHeaders({ host: 'a.com', origin: 'null' }, []).ok)
  assert.ok(checkOriginHeaders({ host: 'a.com', origin: 'null' }, ['null']).ok)
})

test('directives are read from the prologue only', () => {
  assert.deepEqual(
    readDirectives(`// comment\n/* block */\n'use server';\n"use strict"\nexport {}`),
    ['use server', 'use strict'],
  )
  assert.equal(moduleKind(`"use client"\nimport x from 'y'`), 'client')
  assert.equal(moduleKind(`import x from 'y'\n'use server'`), 'shared')
  assert.equal(moduleKind(`const a = 'use server'`), 'shared')
  assert.equal(moduleKind(`\uFEFF  'use server'`), 'server')
})

test('action ids: 42 hex, deterministic, salted by the key', () => {
  const k1 = Buffer.alloc(32, 1)
  const k2 = Buffer.alloc(32, 2)
  const id = actionId(k1, 'app/actions.ts', 'create')
  assert.match(id, ACTION_ID_PATTERN)
  assert.equal(id, actionId(k1, 'app/actions.ts', 'create'))
  assert.notEqual(id, actionId(k2, 'app/actions.ts', 'create'))
  assert.notEqual(id, actionId(k1, 'app/actions.ts', 'remove'))
  assert.notEqual(id, actionId(k1, 'app/other.ts', 'create'))
})

test('Set-Cookie: path forced to the session, invalid names dropped', () => {
  assert.equal(
    serializeSetCookie(
      { name: 'a', value: 'x y', path: '/', domain: 'evil.com', secure: true },
      '/api/live/s',
    ),
    'a=x%20y; Path=/api/live/s; Secure',
  )
  assert.equal(serializeSetCookie({ name: 'bad name', value: '1' }, '/p'), null)
  assert.equal(serializeSetCookie({ name: 'a\r\nSet-Cookie: x', value: '1' }, '/p'), null)
  assert.deepEqual(parseCookieHeader('a=1; b=%20two; c="q"; =bad; d'), [
    ['a', '1'],
    ['b', ' two'],
    ['c', 'q'],
  ])
})

test('log buffer: bounded, by cursor, counts what it dropped', () => {
  const logs = new LogBuffer(3)
  for (let i = 1; i <= 5; i++) logs.push({ level: 'log', text: `m${i}` })
  const all = logs.since(0)
  assert.deepEqual(
    all.entries.map((e) => e.text),
    ['m3', 'm4', 'm5'],
  )
  assert.equal(all.dropped, 2)
  assert.equal(all.next, 5)
  assert.deepEqual(
    logs.since(4).entries.map((e) => e.text),
    ['m5'],
  )
})

test('compiler keeps line numbers and reports unknown modules', () => {
  const ok = compileFiles(
    { 'app/a.ts': `const x: number = 1\n\nexport function f() { throw new Error('x') }` },
    { sourceBytes: 1e6 },
  )
  assert.equal(ok.modules[0].code.split('\n').length, 4) // wrapper adds no line before the code
  const bad = compileFiles(
    { 'app/a.ts': `import a from './missing'\nexport default a` },
    { sourceBytes: 1e6 },
  )
  assert.equal(bad.errors[0].line, 1)
  assert.match(bad.errors[0].message, /Can't resolve '.\/missing'/)
})

test('the isolate’s TextEncoder / TextDecoder agree with Node’s', async () => {
  const shim = await import('../../../action-server/runtime/shims/text-encoding.js')
  const cases = [
    '',
    'abc',
    'héllo',
    '✓',
    '🎉x',
    '\uD800',
    'a\uDC00b',
    '\uD83D\uDE00\uD83D',
    'x'.repeat(1000) + '€',
  ]
  for (const c of cases) {
    const mine = new shim.TextEncoder().encode(c)
    const node = new TextEncoder().encode(c)
    assert.deepEqual([...mine], [...node], JSON.stringify(c))
    assert.equal(new shim.TextDecoder().decode(node), new TextDecoder().decode(node))
  }
  // Streaming decode across a split multi-byte character.
  const bytes = new TextEncoder().encode('a€b')
  const d = new shim.TextDecoder()
  assert.equal(
    d.decode(bytes.subarray(0, 2), { stream: true }) + d.decode(bytes.subarray(2)),
    'a€b',
  )
})

test('the isolate’s URL agrees with Node’s on relative resolution', async () => {
  const { URL: ShimURL } = await import('../../../action-server/runtime/shims/url.js')
  for (const [input, base] of [
    ['a/../b?x=1#y', 'http://h.test/p/q'],
    ['HTTP://H.test:80/', undefined],
    ['./', 'https://h.test/a/b/'],
  ]) {
    assert.equal(new ShimURL(input, base).href, new URL(input, base).href)
  }
})
