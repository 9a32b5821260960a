// The 13 behaviours that must answer as Next.js 16 does (issue 3), over real HTTP.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { startLive, encodeReply } from './helpers.mjs'

const ACTIONS = `'use server'
import { cookies } from 'next/headers'
import { revalidatePath, revalidateTag } from 'next/cache'
import { redirect, permanentRedirect, notFound, forbidden, unauthorized } from 'next/navigation'
import db from '@/lib/db'

export async function hit(label: string = 'hit') {
  await db.hits.create({ data: { label } })
  return 'ok'
}
export async function hits() { return db.hits.count() }
export async function echo(...args: unknown[]) { return args.length }
export async function go() { redirect('/done') }
export async function goReplace() { redirect('/elsewhere', 'replace') }
export async function goPermanent() { permanentRedirect('/moved') }
export async function goAbsolute() { redirect('http://decoy.invalid/x') }
export async function missing() { notFound() }
export async function denied() { forbidden() }
export async function anonymous() { unauthorized() }
export async function fail() { throw new Error('secret detail 42') }
export async function revalidate() { revalidatePath('/') }
export async function tag() { revalidateTag('posts', 'max') }
export async function setCookie() { (await cookies()).set('theme', 'dark') }
export async function plain() { return 1 }
`

let live
let dev // a development-mode playground
let prod // the same code in production mode

before(async () => {
  live = await startLive()
  dev = await live.playground(ACTIONS)
  prod = await live.playground(ACTIONS, { mode: 'production' })
})
after(() => live.close())

/** Raw HTTP, so Host and odd headers go out exactly as written. */
function rawPost(path, headers, body = '[]') {
  const url = new URL(live.url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers,
        setHost: !('host' in headers),
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function hitCount(pg) {
  return (await live.call(pg.session, pg.ids.hits)).value
}

const PROD_ERROR_ROW = /^1:E\{"digest":"[^"]+"\}$/m

describe('1. only POST with Next-Action is an action', () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    test(`${method} → 405 with Allow: POST`, async () => {
      const r = await live.fetch(`/api/live/${dev.session}/action`, {
        method,
        headers: { 'next-action': dev.ids.hit },
      })
      assert.equal(r.status, 405)
      assert.equal(r.headers.get('allow'), 'POST')
      assert.equal(r.headers.get('x-live-reason'), 'method-not-allowed')
    })
  }
  test('POST without Next-Action does not run anything', async () => {
    const before = await hitCount(dev)
    const r = await live.fetch(`/api/live/${dev.session}/action`, { method: 'POST', body: '[]' })
    assert.equal(r.status, 400)
    assert.equal(r.headers.get('x-live-reason'), 'not-an-action')
    assert.equal(await hitCount(dev), before)
  })
})

test('2. Flight response with Next’s content type and cache control', async () => {
  const r = await live.call(dev.session, dev.ids.plain)
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('content-type'), 'text/x-component')
  assert.equal(r.headers.get('cache-control'), 'no-cache, no-store, max-age=0, must-revalidate')
  assert.equal(r.value, 1)
  assert.equal(r.payload.b, dev.build)
})

describe('3. CSRF origin check', () => {
  test('cross-origin → 500, action does not run; dev names the error', async () => {
    const before = await hitCount(dev)
    const r = await live.call(dev.session, dev.ids.hit, [], {
      headers: { origin: 'https://evil.example' },
    })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'csrf')
    assert.equal(r.headers.get('content-type'), 'text/x-component')
    assert.equal(r.error.message, 'Invalid Server Actions request.')
    assert.equal(await hitCount(dev), before)
  })
  test('cross-origin in production → digest-only row', async () => {
    const r = await live.call(prod.session, prod.ids.hit, [], {
      headers: { origin: 'https://evil.example' },
      decode: false,
    })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'csrf')
    assert.match(r.text, PROD_ERROR_ROW)
    assert.doesNotMatch(r.text, /Invalid Server Actions request/)
  })
  test('no Origin → allowed', async () => {
    const r = await rawPost(
      `/api/live/${dev.session}/action`,
      { 'next-action': dev.ids.plain },
      await encodeReply([]),
    )
    assert.equal(r.status, 200)
  })
  test('X-Forwarded-Host (first value) wins over Host', async () => {
    const ok = await rawPost(`/api/live/${dev.session}/action`, {
      'next-action': dev.ids.plain,
      host: 'internal:3000',
      'x-forwarded-host': 'docs.example.com, proxy.local',
      origin: 'https://docs.example.com',
    })
    assert.equal(ok.status, 200)
    const bad = await rawPost(`/api/live/${dev.session}/action`, {
      'next-action': dev.ids.plain,
      host: 'docs.example.com',
      'x-forwarded-host': 'other.example.com',
      origin: 'https://docs.example.com',
    })
    assert.equal(bad.status, 500)
    assert.equal(bad.headers['x-live-reason'], 'csrf')
  })
  test('Origin matching Host → allowed', async () => {
    const r = await rawPost(`/api/live/${dev.session}/action`, {
      'next-action': dev.ids.plain,
      host: 'site.test',
      origin: 'http://site.test',
    })
    assert.equal(r.status, 200)
  })
  test('Origin: null → rejected', async () => {
    const before = await hitCount(dev)
    const r = await rawPost(`/api/live/${dev.session}/action`, {
      'next-action': dev.ids.hit,
      origin: 'null',
    })
    assert.equal(r.status, 500)
    assert.equal(r.headers['x-live-reason'], 'csrf')
    assert.equal(await hitCount(dev), before)
  })
  test('malformed Origin → rejected', async () => {
    for (const origin of ['not a url', 'http://', '://x']) {
      const r = await rawPost(`/api/live/${dev.session}/action`, {
        'next-action': dev.ids.plain,
        origin,
      })
      assert.equal(r.status, 500, origin)
      assert.equal(r.headers['x-live-reason'], 'csrf', origin)
    }
  })
  test('the rejection is written to the server console', async () => {
    const logs = await live.logs(dev.session)
    assert.ok(
      logs.entries.some((e) => e.level === 'error' && /does not match `origin`/.test(e.text)),
    )
  })
})

describe('4. allowedOrigins (LIVE_ALLOWED_ORIGINS)', () => {
  let other
  let pg
  before(async () => {
    other = await startLive({
      env: { LIVE_ALLOWED_ORIGINS: '*.example.com, **.deep.test, *, null, Docs.Example.ORG' },
    })
    pg = await other.playground(ACTIONS)
  })
  after(() => other.close())
  const cases = [
    ['https://a.example.com', 200],
    ['https://A.EXAMPLE.com', 200], // case-insensitive
    ['https://a.b.example.com', 500], // * is one label
    ['https://example.com', 500],
    ['https://x.deep.test', 200],
    ['https://x.y.z.deep.test', 200], // ** is one or more
    ['https://deep.test', 500],
    ['https://anything.else', 500], // lone * matches nothing
    ['https://docs.example.org', 200],
    ['null', 200], // allowlisted
  ]
  for (const [origin, status] of cases) {
    test(`${origin} → ${status}`, async () => {
      const r = await other.call(pg.session, pg.ids.plain, [], {
        headers: { origin },
        decode: false,
      })
      assert.equal(r.status, status)
    })
  }
})

describe('5. CSRF is checked before the id lookup', () => {
  test('cross-origin + unknown id → 500 csrf, not 409', async () => {
    const r = await live.call(dev.session, 'ab'.repeat(21), [], {
      headers: { origin: 'https://evil.example' },
      decode: false,
    })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'csrf')
    assert.equal(r.headers.get('x-nextjs-action-not-found'), null)
  })
  test('cross-origin + malformed id → 500 csrf, not 400', async () => {
    const r = await live.call(dev.session, 'nope', [], {
      headers: { origin: 'https://evil.example' },
      decode: false,
    })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'csrf')
  })
})

describe('6. action ids', () => {
  test('unknown 42-hex id → 409 Server Action unavailable.', async () => {
    const r = await live.call(dev.session, '7f' + '0'.repeat(40), [], { decode: false })
    assert.equal(r.status, 409)
    assert.equal(r.text, 'Server Action unavailable.')
    assert.equal(r.headers.get('x-nextjs-action-not-found'), '1')
    assert.equal(r.headers.get('x-live-reason'), 'action-not-found')
  })
  test('an id from another session’s code is unknown here', async () => {
    const other = await live.playground(
      `'use server'\nexport async function onlyThere() { return 1 }`,
    )
    const r = await live.call(dev.session, other.ids.onlyThere, [], { decode: false })
    assert.equal(r.status, 409)
  })
  for (const id of ['xyz', '7f' + '0'.repeat(39), '7f' + '0'.repeat(41), '']) {
    test(`malformed id ${JSON.stringify(id.slice(0, 8))}… (${id.length}) → 400 + x-nextjs-action-not-found`, async () => {
      const r = await live.call(dev.session, id, [], { decode: false })
      assert.equal(r.status, 400)
      assert.equal(r.text, 'Invalid Server Action request.')
      assert.equal(r.headers.get('x-nextjs-action-not-found'), '1')
      assert.equal(r.headers.get('x-live-reason'), 'malformed-action-id')
    })
  }
  test('a 42-character id that is not hex is unknown, not malformed (Next checks the length)', async () => {
    const r = await live.call(dev.session, 'g'.repeat(42), [], { decode: false })
    assert.equal(r.status, 409)
    assert.equal(r.headers.get('x-nextjs-action-not-found'), '1')
  })
})

describe('7. body size limit (1 MB)', () => {
  test('exactly 1 MB is accepted', async () => {
    const body = await encodeReply(['x'.repeat(1024 * 1024 - 4)])
    assert.equal(Buffer.byteLength(body), 1024 * 1024)
    const r = await live.call(dev.session, dev.ids.echo, [], { rawBody: body })
    assert.equal(r.status, 200)
    assert.equal(r.value, 1)
  })
  test('1 MB + 1 byte → 500 "Body exceeded 1 MB limit." in development', async () => {
    const before = await hitCount(dev)
    const body = await encodeReply(['x'.repeat(1024 * 1024 - 3)])
    const r = await live.call(dev.session, dev.ids.hit, [], { rawBody: body })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'body-too-large')
    assert.match(r.error.message, /^Body exceeded 1 MB limit\./)
    assert.equal(await hitCount(dev), before)
  })
  test('1 MB + 1 byte in production → digest only', async () => {
    const body = await encodeReply(['x'.repeat(1024 * 1024 - 3)])
    const r = await live.call(prod.session, prod.ids.echo, [], { rawBody: body, decode: false })
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'body-too-large')
    assert.match(r.text, PROD_ERROR_ROW)
  })
})

describe('8. at most 1000 arguments', () => {
  test('1000 arguments run', async () => {
    const r = await live.call(dev.session, dev.ids.echo, Array(1000).fill(0))
    assert.equal(r.status, 200)
    assert.equal(r.value, 1000)
  })
  test('1001 arguments → 500 with Next’s message', async () => {
    const r = await live.call(dev.session, dev.ids.echo, Array(1001).fill(0))
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'too-many-args')
    assert.equal(
      r.error.message,
      'Server Action arguments list is too long (1001). Maximum allowed is 1000.',
    )
  })
  test('1001 arguments in production → digest only', async () => {
    const r = await live.call(prod.session, prod.ids.echo, Array(1001).fill(0), { decode: false })
    assert.equal(r.status, 500)
    assert.match(r.text, PROD_ERROR_ROW)
  })
})

describe('9. redirect()', () => {
  test('→ 200 with x-action-redirect: /done;push', async () => {
    const r = await live.call(dev.session, dev.ids.go)
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('x-action-redirect'), '/done;push')
    const p = await live.call(prod.session, prod.ids.go)
    assert.equal(p.status, 200)
    assert.equal(p.headers.get('x-action-redirect'), '/done;push')
  })
  test('permanentRedirect() → the same header (its 308 lives in the digest)', async () => {
    const r = await live.call(dev.session, dev.ids.goPermanent)
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('x-action-redirect'), '/moved;push')
  })
  test('type replace is kept', async () => {
    const r = await live.call(dev.session, dev.ids.goReplace)
    assert.equal(r.headers.get('x-action-redirect'), '/elsewhere;replace')
  })
  test('never fetches the host named by Host / X-Forwarded-Host', async () => {
    let hits = 0
    const decoy = http.createServer((req, res) => {
      hits++
      res.end('{}')
    })
    await new Promise((r) => decoy.listen(0, '127.0.0.1', r))
    const decoyHost = `127.0.0.1:${decoy.address().port}`
    try {
      for (const headers of [
        { host: decoyHost, origin: `http://${decoyHost}` },
        { 'x-forwarded-host': decoyHost, origin: `http://${decoyHost}` },
      ]) {
        for (const id of [dev.ids.go, dev.ids.goAbsolute]) {
          const r = await rawPost(`/api/live/${dev.session}/action`, {
            'next-action': id,
            ...headers,
          })
          assert.equal(r.status, 200)
          assert.ok(r.headers['x-action-redirect'])
        }
      }
      await new Promise((r) => setTimeout(r, 100))
      assert.equal(hits, 0)
    } finally {
      decoy.close()
    }
  })
})

describe('10. notFound(), forbidden(), unauthorized()', () => {
  for (const [name, status, reason] of [
    ['missing', 404, 'not-found'],
    ['denied', 403, 'forbidden'],
    ['anonymous', 401, 'unauthorized'],
  ]) {
    test(`${name} → ${status} with digest NEXT_HTTP_ERROR_FALLBACK;${status}`, async () => {
      for (const pg of [dev, prod]) {
        const r = await live.call(pg.session, pg.ids[name])
        assert.equal(r.status, status)
        assert.equal(r.headers.get('x-live-reason'), reason)
        assert.ok(r.text.includes(`"digest":"NEXT_HTTP_ERROR_FALLBACK;${status}"`), r.text)
      }
      const r = await live.call(dev.session, dev.ids[name])
      assert.equal(r.error.digest, `NEXT_HTTP_ERROR_FALLBACK;${status}`)
    })
  }
})

describe('11. a thrown error → 500', () => {
  test('development: message and stack', async () => {
    const r = await live.call(dev.session, dev.ids.fail)
    assert.equal(r.status, 500)
    assert.equal(r.headers.get('x-live-reason'), 'action-error')
    assert.equal(r.error.message, 'secret detail 42')
    assert.match(r.text, /app\/actions\.ts/)
  })
  test('production: a digest only', async () => {
    const r = await live.call(prod.session, prod.ids.fail, [], { decode: false })
    assert.equal(r.status, 500)
    assert.match(r.text, PROD_ERROR_ROW)
    assert.doesNotMatch(r.text, /secret detail/)
  })
  test('the server console has the full error in both modes, with the digest in production', async () => {
    const logs = await live.logs(prod.session)
    const entry = logs.entries.find((e) => /secret detail 42/.test(e.text))
    assert.ok(entry)
    assert.equal(entry.level, 'error')
    const digest = /digest: '(\d+)'/.exec(entry.text)[1]
    const r = await live.call(prod.session, prod.ids.fail, [], { decode: false })
    assert.ok(r.text.includes(`"digest":"${digest}"`))
  })
})

describe('12. x-action-revalidated', () => {
  for (const name of ['revalidate', 'setCookie']) {
    test(`${name} → x-action-revalidated: 1`, async () => {
      const r = await live.call(dev.session, dev.ids[name])
      assert.equal(r.status, 200)
      assert.equal(r.headers.get('x-action-revalidated'), '1')
    })
  }
  test("revalidateTag(tag, 'max') is stale-while-revalidate in Next 16: no header, no page", async () => {
    const r = await live.call(dev.session, dev.ids.tag)
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('x-action-revalidated'), null)
    assert.equal('t' in r.payload, false)
  })
  test('a plain call → no header', async () => {
    const r = await live.call(dev.session, dev.ids.plain)
    assert.equal(r.headers.get('x-action-revalidated'), null)
  })
})

describe('13. hostile payloads', () => {
  for (const payload of [
    '["$1:constructor:constructor"]',
    '["$1:__proto__:constructor"]',
    '{"then":"$1:then"}',
    '[',
  ]) {
    test(`${payload} → rejected, nothing runs`, async () => {
      const before = await hitCount(dev)
      const r = await live.call(dev.session, dev.ids.hit, [], { rawBody: payload, decode: false })
      assert.equal(r.status, 500)
      assert.equal(r.headers.get('x-live-reason'), 'invalid-payload')
      assert.equal(await hitCount(dev), before)
      const honest = await live.call(dev.session, dev.ids.plain)
      assert.equal(honest.value, 1)
    })
  }
  test('production: digest-only row', async () => {
    const r = await live.call(prod.session, prod.ids.hit, [], {
      rawBody: '["$1:constructor:constructor"]',
      decode: false,
    })
    assert.equal(r.status, 500)
    assert.match(r.text, PROD_ERROR_ROW)
  })
})
