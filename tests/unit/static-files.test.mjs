// The build's static files served from their compressed copies (scripts/precompress.mjs,
// scripts/static-files.mjs), on a small build of their own: the encoding the browser prefers,
// revalidation, Next's headers, and Next still answering whatever this layer does not hold or
// can no longer vouch for.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { precompress } from '../../scripts/precompress.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'
import { serveUnder, staticFiles } from '../../scripts/static-files.mjs'

const CHUNK = `/* chunk */ ${'export const answer = 42;\n'.repeat(200)}`
const RUNTIME = `<!doctype html>${'<p>preview</p>'.repeat(200)}`
const TINY = 'x'

let root = ''
let base = ''
/** @type {import('node:http').Server} */
let server

/** @param {string} file @param {string} text */
function put(file, text) {
  mkdirSync(join(root, file, '..'), { recursive: true })
  writeFileSync(join(root, file), text)
}

/** A site in miniature: this layer first, then "Next" (a 299 that names the path). */
function listen() {
  const files = staticFiles(root)
  server = createServer((req, res) => {
    const next = () => res.writeHead(299, { 'x-next': req.url ?? '' }).end()
    if (!files) return next()
    if (req.url?.startsWith('/runtime/'))
      return serveUnder(files.runtime, '/runtime', req, res, next)
    return serveUnder(files.nextStatic, '/_next/static', req, res, next)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (server.address())
      base = `http://127.0.0.1:${address.port}`
      resolve(undefined)
    }),
  )
}

/**
 * One request, its bytes as sent (fetch would ask for and decode encodings itself).
 * @param {string} path @param {Record<string, string>} [headers] @param {string} [method]
 */
async function get(path, headers = {}, method = 'GET') {
  const r = await hostRequest(`${base}${path}`, { method, headers })
  /** @param {string} name */
  const header = (name) => {
    const v = r.headers[name]
    return v === undefined ? null : String(v)
  }
  return { status: r.status, header, body: r.body }
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-files-'))
  put('.next/BUILD_ID', 'build-1')
  put('.next/static/chunks/app-1a2b.js', CHUNK)
  put('.next/static/chunks/tiny.js', TINY)
  put('.next/static/chunks/pages/[...slug]-9f.js', CHUNK)
  put('public/runtime/index.html', RUNTIME)
  await precompress(root)
  await listen()
})
after(() => {
  server?.close()
  rmSync(root, { recursive: true, force: true })
})

test('a browser that takes brotli gets the brotli copy, with Next’s headers', async () => {
  const r = await get('/_next/static/chunks/app-1a2b.js', {
    'accept-encoding': 'gzip, deflate, br, zstd',
  })
  assert.equal(r.status, 200)
  assert.equal(r.header('content-encoding'), 'br')
  assert.equal(r.header('vary'), 'Accept-Encoding')
  assert.equal(r.header('content-type'), 'application/javascript; charset=utf-8')
  assert.equal(r.header('cache-control'), 'public, max-age=31536000, immutable')
  assert.equal(Number(r.header('content-length')), r.body.length)
  assert.ok(r.body.length < CHUNK.length / 5, `${r.body.length} bytes`)
  assert.equal(brotliDecompressSync(r.body).toString(), CHUNK)
})

test('gzip when brotli is refused or not offered, the file itself for identity', async () => {
  for (const accept of ['gzip', 'br;q=0, gzip;q=0.5', 'gzip;q=1, br;q=0.2']) {
    const r = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': accept })
    assert.equal(r.header('content-encoding'), 'gzip', accept)
    assert.equal(gunzipSync(r.body).toString(), CHUNK)
  }
  const plain = await get('/_next/static/chunks/app-1a2b.js')
  assert.equal(plain.header('content-encoding'), null)
  assert.equal(plain.body.toString(), CHUNK)
})

test('each encoding has its own ETag, and a matching one is answered 304', async () => {
  const path = '/_next/static/chunks/app-1a2b.js'
  const br = await get(path, { 'accept-encoding': 'br' })
  const gz = await get(path, { 'accept-encoding': 'gzip' })
  assert.notEqual(br.header('etag'), gz.header('etag'))
  const again = await get(path, {
    'accept-encoding': 'br',
    'if-none-match': /** @type {string} */ (br.header('etag')),
  })
  assert.equal(again.status, 304)
  assert.equal(again.body.length, 0)
})

test('a file too small to compress, and a name with brackets, are served', async () => {
  const refused = await get('/_next/static/chunks/tiny.js', { 'accept-encoding': 'identity;q=0' })
  assert.equal(refused.status, 299, 'no encoding it takes: Next answers')
  const tiny = await get('/_next/static/chunks/tiny.js', { 'accept-encoding': 'br, gzip' })
  assert.equal(tiny.header('content-encoding'), null)
  assert.equal(tiny.header('vary'), null)
  assert.equal(tiny.body.toString(), TINY)
  const slug = await get('/_next/static/chunks/pages/[...slug]-9f.js', { 'accept-encoding': 'br' })
  assert.equal(brotliDecompressSync(slug.body).toString(), CHUNK)
  const head = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'br' }, 'HEAD')
  assert.equal(head.status, 200)
  assert.equal(head.header('content-encoding'), 'br')
})

test('folders that revalidate say so; what this layer does not hold goes to Next', async () => {
  const page = await get('/runtime/index.html', { 'accept-encoding': 'br' })
  assert.equal(page.header('cache-control'), 'public, max-age=0')
  assert.equal(page.header('content-type'), 'text/html; charset=utf-8')
  assert.equal(brotliDecompressSync(page.body).toString(), RUNTIME)
  for (const [path, method] of [
    ['/_next/static/chunks/missing.js', 'GET'],
    ['/_next/static/chunks/app-1a2b.js.br', 'GET'], // the copies are not files of their own
    ['/_next/static/chunks/../../BUILD_ID', 'GET'],
    ['/_next/static/chunks/..%2f..%2fBUILD_ID', 'GET'],
    ['/_next/static/%E0%A4%A', 'GET'],
    ['/_next/static/chunks/app-1a2b.js', 'POST'],
  ]) {
    const r = await get(path, {}, method)
    assert.equal(r.status, 299, `${method} ${path} → ${r.status}`)
  }
})

test('a file gone since the start is Next’s to answer, and the server keeps serving', async () => {
  put('.next/static/chunks/later.js', CHUNK)
  await precompress(root)
  server.close()
  await listen()
  rmSync(join(root, '.next/static/chunks/later.js.br'))
  const r = await get('/_next/static/chunks/later.js', { 'accept-encoding': 'br' })
  assert.equal(r.status, 299)
  assert.equal(r.header('content-encoding'), null)
  const still = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'br' })
  assert.equal(still.status, 200)
})

test('copies older than their files, or of another build, are not served', async () => {
  await precompress(root)
  assert.ok(staticFiles(root), 'the fresh build is served')
  const file = join(root, 'public/runtime/index.html')
  writeFileSync(file, `${RUNTIME}<!-- rebuilt -->`)
  utimesSync(file, new Date(), new Date(Date.now() + 5_000))
  assert.equal(staticFiles(root), null, 'a runtime rebuilt after the copies')
  await precompress(root)
  assert.ok(staticFiles(root))
  put('.next/BUILD_ID', 'build-2')
  assert.equal(staticFiles(root), null, 'another build')
  put('.next/BUILD_ID', 'build-1')
  put('.next/precompressed.json', '{"buildId":"bui')
  assert.equal(staticFiles(root), null, 'a marker cut short')
  rmSync(join(root, '.next/precompressed.json'))
  assert.equal(staticFiles(root), null, 'no copies at all')
})
