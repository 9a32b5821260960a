// Differential conformance (issue 11): the same requests go to a real Next.js 16 app (`next start`,
// conformance/) and to the live server running the same files in production mode. Status, Next's
// headers, the root row's shape and the decoded result must match, except where
// conformance/DIFFERENCES.json lists the difference with its reason; a listed difference that no
// longer shows up fails too, so the list stays true.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:net'
import {
  CONFORMANCE_DIR,
  CONFORMANCE_KEY,
  prepareNext16,
  startNext16,
  nextActionIds,
} from '../support/next16.mjs'
import { startLive } from '../unit/action-server/helpers.mjs'
import { flight, rootRow, decode, canon } from './wire.mjs'

const DIFFERENCES = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'DIFFERENCES.json'), 'utf8'))
const ONE_MB = 1024 * 1024
/** Next's headers an action answer is compared on (content-type by its media type). */
const HEADERS = [
  'content-type',
  'cache-control',
  'x-action-revalidated',
  'x-action-redirect',
  'x-nextjs-action-not-found',
  'vary',
]

class Point {
  constructor() {
    this.x = 1
  }
}
const aFunction = function callback() {}

const FILES = [
  'app/layout.jsx',
  'app/page.jsx',
  'app/target/page.jsx',
  'app/actions.js',
  'app/segments/layout.jsx',
  'app/segments/error.jsx',
  'app/segments/not-found.jsx',
  'app/segments/boom/page.jsx',
  'app/segments/missing/page.jsx',
  'app/segments/ok/page.jsx',
  'app/bare/boom/page.jsx',
  'app/bare/missing/page.jsx',
  'app/cookie-in-page/page.jsx',
]
const TAMPERED = Buffer.alloc(40, 1).toString('base64')
const bytesOf = (n) => 'x'.repeat(n)

/**
 * One request per case. `args` go through encodeReply (with a temporary reference set, as Next's
 * client); `raw` is sent as it is; `headers(origin)` adds or replaces request headers.
 */
const CASES = [
  { name: 'honest call', action: 'echo', args: ['hello'] },
  {
    name: '$-escaping',
    action: 'echo',
    args: [['$', '$1', '$$', '$@0', { $a: '$Q', '@': '$K1' }]],
  },
  {
    name: 'primitives',
    action: 'echo',
    args: [[0, -0, 1.5, NaN, Infinity, -Infinity, true, null, undefined, '']],
  },
  { name: 'bigint', action: 'echo', args: [2n ** 70n] },
  { name: 'Date', action: 'echo', args: [new Date('2025-01-01T12:00:00Z')] },
  { name: 'Map and Set', action: 'echo', args: [[new Map([['a', 1]]), new Set(['x', 2])]] },
  {
    name: 'nested objects and arrays',
    action: 'echo',
    args: [{ a: [1, { b: [2, [3]] }], c: { d: 'e' } }],
  },
  {
    name: 'typed arrays and ArrayBuffer',
    action: 'echo',
    args: [[new Uint8Array([1, 2, 3]), new Float64Array([1.5]), new Uint8Array([9]).buffer]],
  },
  { name: 'FormData', action: 'echo', args: [formData()] },
  {
    name: 'File',
    action: 'echo',
    args: [new File(['hello'], 'hello.txt', { type: 'text/plain' })],
  },
  {
    name: 'Blob',
    action: 'echo',
    args: [new Blob(['bytes'], { type: 'application/octet-stream' })],
  },
  { name: 'function argument (temporary reference)', action: 'echo', args: [aFunction] },
  { name: 'class instance argument (temporary reference)', action: 'echo', args: [new Point()] },
  { name: 'touching a temporary reference on the server', action: 'touch', args: [aFunction] },
  {
    name: 'symbol argument (temporary reference)',
    action: 'echo',
    args: [[Symbol('local'), Symbol.for('shared')]],
  },
  { name: 'symbol return value', action: 'symbol', args: [] },
  {
    name: 'cross-origin',
    action: 'echo',
    args: ['x'],
    headers: () => ({ origin: 'https://evil.example' }),
  },
  { name: 'Origin: null', action: 'echo', args: ['x'], headers: () => ({ origin: 'null' }) },
  { name: 'no Origin', action: 'echo', args: ['x'], headers: () => ({ origin: undefined }) },
  {
    name: 'forwarded host matching Origin',
    action: 'echo',
    args: ['x'],
    headers: () => ({ 'x-forwarded-host': 'proxy.example', origin: 'https://proxy.example' }),
  },
  {
    name: 'forwarded host not matching Origin',
    action: 'echo',
    args: ['x'],
    headers: () => ({ 'x-forwarded-host': 'proxy.example' }),
  },
  { name: 'unknown id', id: '7f' + '0'.repeat(40), args: [] },
  { name: 'malformed id', id: 'xyz', args: [] },
  {
    name: 'body of exactly 1 MB',
    action: 'echo',
    raw: `["${bytesOf(ONE_MB - 4)}"]`,
    summary: true,
  },
  { name: 'body of 1 MB + 1 byte', action: 'echo', raw: `["${bytesOf(ONE_MB - 3)}"]` },
  { name: '1000 arguments', action: 'count', args: Array.from({ length: 1000 }, (_, i) => i) },
  { name: '1001 arguments', action: 'count', args: Array.from({ length: 1001 }, (_, i) => i) },
  { name: 'thrown error (production)', action: 'fail', args: [] },
  { name: 'redirect() to a route of the app', action: 'goTarget', args: [] },
  { name: 'redirect() to another site', action: 'goExternal', args: [] },
  { name: 'notFound()', action: 'missing', args: [] },
  { name: 'cookies().set', action: 'setTheme', args: ['dark'] },
  { name: 'revalidatePath', action: 'revalidateHome', args: [] },
  { name: "revalidateTag(tag, 'max')", action: 'revalidateMax', args: [] },
  { name: 'revalidateTag(tag, { expire: 0 })', action: 'revalidateNow', args: [] },
  { name: 'zod: valid input', action: 'addTodo', args: [{ title: 'Write docs' }] },
  { name: 'zod: invalid input', action: 'addTodo', args: [{ title: 'no' }] },
  {
    name: 'encrypted closure tampered',
    action: '$$RSC_SERVER_ACTION_0',
    file: 'app/page.jsx',
    args: [TAMPERED],
  },
  { name: 'navigation payload (GET)', navigate: '/target?tab=1' },
  // Segments (issue 12): a page inside a segment with error.jsx and not-found.jsx.
  { name: 'segment page (GET)', navigate: '/segments/ok' },
  { name: 'segment page that throws, error.jsx (GET)', navigate: '/segments/boom' },
  { name: 'segment page calling notFound(), not-found.jsx (GET)', navigate: '/segments/missing' },
  { name: 'page that throws, no error.jsx (GET)', navigate: '/bare/boom' },
  { name: 'page calling notFound(), no not-found.jsx (GET)', navigate: '/bare/missing' },
  { name: 'unknown URL (GET)', navigate: '/nowhere/at/all' },
  { name: 'cookies().set in a Server Component (GET)', navigate: '/cookie-in-page' },
  // next.config's experimental.serverActions (conformance/server-actions.mjs), read by both.
  {
    name: 'Origin allowed by next.config allowedOrigins (*.allowed.example)',
    action: 'echo',
    args: ['x'],
    headers: () => ({ origin: 'https://app.allowed.example' }),
  },
  {
    name: 'Origin one label too deep for allowedOrigins',
    action: 'echo',
    args: ['x'],
    headers: () => ({ origin: 'https://a.b.allowed.example' }),
  },
]

/** A port nothing listens on now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

function formData() {
  const form = new FormData()
  form.set('name', 'Ada')
  form.append('tags', 'a')
  form.append('tags', 'b')
  return form
}

let next
let live
let session
let liveIds
let nextIds
let prepared
const observed = new Set()

before(async () => {
  const started = Date.now()
  prepared = prepareNext16()
  next = await startNext16(Number(process.env.CONFORMANCE_PORT) || (await freePort()))
  nextIds = nextActionIds()
  live = await startLive({ env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: CONFORMANCE_KEY } })
  session = await live.session()
  const files = Object.fromEntries(
    FILES.map((f) => [f, readFileSync(join(CONFORMANCE_DIR, f), 'utf8')]),
  )
  // The app's next.config reads node: modules for its build root; the playground gets the same
  // Server Actions settings in a config of its own.
  const { experimental } = await import(join(CONFORMANCE_DIR, 'server-actions.mjs'))
  files['next.config.mjs'] = `export default ${JSON.stringify({ experimental })}\n`
  const d = await live.deploy(session, files, { mode: 'production' })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  liveIds = d.body.actions
  console.log(
    `conformance: Next 16 ready in ${Date.now() - started} ms (install ${prepared.installMs ?? 0} ms, build ${prepared.buildMs ?? 0} ms)`,
  )
})

after(async () => {
  await next?.stop()
  await live?.close()
})

function idFor(ids, c, side) {
  if (c.id) return c.id
  const key = `${c.file ?? 'app/actions.js'}#${c.action}`
  const id = ids[key]
  assert.ok(id, `${side} has no action ${key}`)
  return id
}

/** Sends one case to one side; returns what is compared. */
async function send(side, c) {
  const base = side === 'next' ? next.url : live.url
  if (c.navigate) {
    const url =
      side === 'next'
        ? `${base}${c.navigate}`
        : `${base}/api/live/${session}/render?path=${encodeURIComponent(c.navigate)}`
    const r = await fetch(url, { headers: { rsc: '1' } })
    return shapeOf(r, new Uint8Array(await r.arrayBuffer()), null, [])
  }
  const temporaryReferences = flight.createTemporaryReferenceSet()
  const body = c.raw ?? (await flight.encodeReply(c.args, { temporaryReferences }))
  const headers = {
    accept: 'text/x-component',
    'next-action': idFor(side === 'next' ? nextIds : liveIds, c, side),
    origin: base,
    ...(side === 'live' ? { 'x-live-path': '/' } : {}),
  }
  for (const [k, v] of Object.entries(c.headers?.(base) ?? {})) {
    if (v === undefined) delete headers[k]
    else headers[k] = v
  }
  const url = side === 'next' ? `${base}/` : `${base}/api/live/${session}/action`
  const r = await fetch(url, { method: 'POST', headers, body, redirect: 'manual' })
  const shape = await shapeOf(
    r,
    new Uint8Array(await r.arrayBuffer()),
    temporaryReferences,
    c.args ?? [],
  )
  // The id's first byte: Next packs the used-arguments mask into it.
  if (!c.id) shape['action id byte'] = headers['next-action'].slice(0, 2)
  return shape
}

function cookieShape(r) {
  return r.headers
    .getSetCookie()
    .map((c) =>
      c
        .split(';')
        .map((p) => p.trim())
        .filter((p) => !/^path=/i.test(p))
        .join('; '),
    )
    .join(' | ')
}

/** The Path of each Set-Cookie, the session id written as <session>. */
function cookiePaths(r) {
  return r.headers
    .getSetCookie()
    .map((c) => /;\s*path=([^;]*)/i.exec(c)?.[1] ?? '')
    .map((p) => p.replace(session, '<session>'))
    .join(' | ')
}

/** What a Flight value is made of: a React element, Next's segment tree, null… */
function kindOf(v) {
  if (v === null || v === undefined) return String(v)
  if (Array.isArray(v)) return v[0] === '$' ? 'React element' : 'array'
  if (typeof v === 'object') return 's' in v && 'd' in v ? "Next's segment tree" : 'object'
  return typeof v
}

async function shapeOf(r, bytes, temporaryReferences, sent) {
  const shape = { status: r.status }
  for (const name of HEADERS) {
    const v = r.headers.get(name)
    shape[name] = name === 'content-type' && v ? v.split(';')[0].trim() : v
  }
  // Compression is compared on its own: Next adds Accept-Encoding to Vary when it compresses.
  shape.compressed = /accept-encoding/i.test(shape.vary ?? '')
  if (shape.vary) shape.vary = shape.vary.replace(/,\s*accept-encoding/i, '')
  shape['set-cookie'] = cookieShape(r)
  shape['set-cookie path'] = cookiePaths(r)
  const text = new TextDecoder().decode(bytes)
  const isFlight = shape['content-type'] === 'text/x-component'
  shape.empty = bytes.length === 0
  if (!isFlight) {
    shape.text = text.slice(0, 200)
    return shape
  }
  const root = rootRow(text)
  shape.root = root ? Object.keys(root).join(',') : null
  if (root) {
    shape.q = root.q
    shape.i = root.i
    if ('S' in root) shape.S = root.S
    shape.t = root.t && typeof root.t === 'object' ? Object.keys(root.t).join(',') : null
    shape['t.h'] =
      root.t && root.t.h && typeof root.t.h === 'object' ? Object.keys(root.t.h).join(',') : null
    if (root.t && typeof root.t === 'object') {
      shape['t.t'] = kindOf(root.t.t)
      shape['t.h.r'] = kindOf(root.t.h?.r)
    }
  }
  if (root && 'a' in root && root.a !== '$undefined')
    shape.result = await resultOf(bytes, temporaryReferences, sent)
  return shape
}

/** The action's result (`a`), decoded; a stream this React cannot read within 5 s says so. */
async function resultOf(bytes, temporaryReferences, sent) {
  let timer
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('<not decodable in 5 s>'), 5000)
  })
  const read = (async () => {
    const payload = await decode(bytes, temporaryReferences ?? undefined)
    try {
      return await canon(await payload.a, sent)
    } catch (err) {
      return `rejected ${await canon(err)}`
    }
  })()
  try {
    return await Promise.race([read, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The difference listed for this case and field, if any. */
function listed(caseName, field) {
  return DIFFERENCES.differences.find(
    (d) => d.field === field && (d.cases === '*' || d.cases.includes(caseName)),
  )
}

for (const c of CASES) {
  test(c.name, async () => {
    const [a, b] = await Promise.all([send('next', c), send('live', c)])
    if (process.env.CONFORMANCE_DUMP) console.log(c.name, JSON.stringify({ next: a, live: b }))
    const unexplained = []
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[field]) === JSON.stringify(b[field])) continue
      const d = listed(c.name, field)
      if (d) observed.add(d)
      else
        unexplained.push(
          `${field}: Next 16 ${JSON.stringify(a[field])} ≠ live ${JSON.stringify(b[field])}`,
        )
    }
    assert.deepEqual(unexplained, [], `${c.name}: differences not in DIFFERENCES.json`)
  })
}

test('every listed difference still shows up (the list stays true)', () => {
  const stale = DIFFERENCES.differences.filter((d) => !observed.has(d))
  assert.deepEqual(
    stale.map((d) => `${d.field} (${d.cases === '*' ? 'all cases' : d.cases.join(', ')})`),
    [],
  )
})
