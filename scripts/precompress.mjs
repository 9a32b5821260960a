// The build's last step: a brotli (`.br`) and a gzip (`.gz`) copy beside every text file the site
// serves as it is, so scripts/static-files.mjs sends bytes from disk instead of Next compressing
// each answer again (issue 14: ~35 ms of the server's CPU per cold docs page, on the cores the
// reader's browser needs then). Brotli at quality 11 costs seconds here once and saves ~15% of
// gzip's bytes on every visit.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { ROOT } from './site-pages.mjs'

/** The folders scripts/static-files.mjs serves, relative to the project. */
export const STATIC_DIRS = ['.next/static', 'public/runtime', 'public/snapshots']
/** Written last: static-files.mjs serves from disk only for the build it names. */
export const MARKER = '.next/precompressed.json'

const TEXT = /\.(?:js|mjs|css|html|json|svg|txt|map)$/
// Under ~1 KB a compressed copy saves less than its headers and a lookup cost.
const MIN_BYTES = 1024
const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/**
 * Every file under `dir`, as paths relative to it with `/`; none when the build made no `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
export function filesUnder(dir) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true })
  } catch {
    return []
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
}

/** @param {string} dir @returns {string[]} absolute paths of the text files worth compressing */
function textFiles(dir) {
  return filesUnder(dir)
    .map((name) => join(dir, name))
    .filter((abs) => TEXT.test(abs) && statSync(abs).size >= MIN_BYTES)
}

/** @param {string} file */
async function compress(file) {
  const data = readFileSync(file)
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: constants.Z_BEST_COMPRESSION }),
  ])
  writeFileSync(`${file}.br`, br)
  writeFileSync(`${file}.gz`, gzipped)
  return { raw: data.length, br: br.length, gz: gzipped.length }
}

export async function precompress(root = ROOT) {
  const files = STATIC_DIRS.flatMap((d) => textFiles(join(root, d)))
  const totals = { files: files.length, raw: 0, br: 0, gz: 0 }
  // Two at a time: zlib runs in libuv's pool, and a 2-core box has two cores.
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const sizes = await compress(/** @type {string} */ (files[next++]))
      totals.raw += sizes.raw
      totals.br += sizes.br
      totals.gz += sizes.gz
    }
  }
  await Promise.all([worker(), worker()])
  const buildId = readFileSync(join(root, '.next/BUILD_ID'), 'utf8').trim()
  // What the marker vouches for: these folders as they are now (a later preview-runtime build
  // changes public/runtime without a new BUILD_ID).
  writeFileSync(join(root, MARKER), JSON.stringify({ buildId, stamp: stamp(root) }))
  return totals
}

/**
 * The served folders' file names, sizes and times, hashed: equal only while none changed since
 * precompress ran.
 * @param {string} root
 */
export function stamp(root) {
  const hash = createHash('sha256')
  for (const dir of STATIC_DIRS) {
    for (const name of filesUnder(join(root, dir)).sort()) {
      const s = statSync(join(root, dir, name))
      hash.update(`${dir}/${name}\0${s.size}\0${s.mtimeMs}\n`)
    }
  }
  return hash.digest('hex')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const t = await precompress()
  const kb = (/** @type {number} */ n) => `${Math.round(n / 1024)} KB`
  console.log(
    `precompress: ${t.files} files, ${kb(t.raw)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)} ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}
