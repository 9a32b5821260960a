// Builds the isolate runtime (action-server/runtime + React's Flight server + zod) with esbuild,
// one bundle per mode, cached under .cache/ by a hash of everything that goes into it.
import { build, stop } from 'esbuild'
import { createHash } from 'node:crypto'
import {
  readFileSync,
  readdirSync,
  mkdirSync,
  writeFileSync,
  existsSync,
  statSync,
  rmSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const runtimeDir = join(here, '..', 'runtime')
const root = join(here, '..', '..')
const cacheDir = join(root, '.cache', 'action-server')

/** @param {string} dir @returns {string[]} */
function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? listFiles(p) : [p]
  })
}

// The action/Flight runtime uses React's server build; the HTML layer (ssr/) its client build.
const KINDS = {
  runtime: { entry: 'entry.js', conditions: ['react-server', 'browser', 'import', 'default'] },
  ssr: { entry: join('ssr', 'entry.js'), conditions: ['browser', 'import', 'default'] },
}

/** @typedef {import('../../contract/http.js').Mode} Mode */
/** @typedef {keyof typeof KINDS} Kind */

/** @param {Mode} mode @param {Kind} kind */
function inputsHash(mode, kind) {
  const h = createHash('sha256').update(mode).update(kind)
  h.update(readFileSync(fileURLToPath(import.meta.url))) // how it is bundled counts too
  for (const file of listFiles(runtimeDir).sort()) h.update(file).update(readFileSync(file))
  for (const pkg of [
    'react',
    'react-dom',
    'react-server-dom-webpack',
    'zod',
    'web-streams-polyfill',
    'whatwg-url',
    'event-target-shim',
    '@exodus/bytes',
    'esbuild',
  ]) {
    // Read from disk: not every package exports its package.json.
    h.update(pkg).update(readFileSync(join(root, 'node_modules', pkg, 'package.json')))
  }
  return h.digest('hex').slice(0, 16)
}

// The isolate is a bare V8, not a browser: @exodus/bytes' browser build hands UTF-16 to a native
// TextDecoder, which the isolate does not have, so take its portable build.
/** @type {import('esbuild').Plugin} */
const portableBytes = {
  name: 'portable-bytes',
  setup(b) {
    b.onResolve({ filter: /^@exodus\/bytes\/utf16\.js$/ }, () => ({
      path: join(root, 'node_modules', '@exodus', 'bytes', 'utf16.js'),
    }))
  },
}

/** @param {Mode} mode @param {Kind} kind */
async function bundle(mode, kind) {
  const result = await build({
    entryPoints: [join(runtimeDir, KINDS[kind].entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    conditions: KINDS[kind].conditions,
    mainFields: ['module', 'main'],
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    minify: mode === 'production',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [portableBytes],
  })
  return result.outputFiles[0].text
}

/** @type {Map<string, { code: string, hash: string }>} */
const memo = new Map()
let building = 0

/** → { code, hash } for 'development' or 'production'; kind 'runtime' (default) or 'ssr'. */
/** @param {Mode} mode @param {Kind} [kind] @returns {Promise<{ code: string, hash: string }>} */
export async function getRuntimeBundle(mode, kind = 'runtime') {
  const memoKey = `${kind}.${mode}`
  const known = memo.get(memoKey)
  if (known) return known
  const hash = inputsHash(mode, kind)
  const file = join(cacheDir, `${kind}.${mode}.${hash}.js`)
  let code
  if (existsSync(file)) code = readFileSync(file, 'utf8')
  else {
    building++
    try {
      code = await bundle(mode, kind)
    } finally {
      // esbuild's service process (~90 MB) would otherwise stay beside every sandbox process.
      if (--building === 0) void stop()
    }
    mkdirSync(cacheDir, { recursive: true })
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(`${kind}.${mode}.`)) rmSync(join(cacheDir, old), { force: true })
    }
    writeFileSync(file, code)
  }
  const out = { code, hash }
  memo.set(memoKey, out)
  return out
}
