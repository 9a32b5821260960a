// The build's files, served from disk before Next: its chunks and CSS, the preview runtime and the
// playground snapshots, each in the encoding the browser takes, from the copies
// scripts/precompress.mjs made at build time. Next would gzip every answer again (issue 14: ~35 ms
// of CPU per cold docs page on a 2-core box, while the reader's browser needs those cores).
// `send` (Express's static server) does conditional GETs, ranges and errors; `negotiator` reads
// Accept-Encoding with its q-values. Only this choice of file is ours.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Negotiator from 'negotiator'
import send from 'send'
import { MARKER, filesUnder, stamp } from './precompress.mjs'

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse,
 *   fallback: () => void) => void} Handler
 */

// As Next labels them (send would label `x.js.br` by its last extension).
/** @type {Record<string, string>} */
const TYPES = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}
/** Encodings in the order this server prefers when the browser takes several alike. */
const ENCODINGS = /** @type {const} */ (['br', 'gzip', 'identity'])
/** @type {Record<string, string>} */
const SUFFIX = { br: '.br', gzip: '.gz', identity: '' }

/**
 * The browser's choice among `available`; on equal q-values (browsers list gzip first) this
 * server's order. negotiator 1 takes `preferred`; its published types predate the option.
 * @param {Negotiator} negotiator
 * @param {string[]} available
 * @returns {string | undefined}
 */
function preferredEncoding(negotiator, available) {
  const encoding =
    /** @type {(a: string[], o: { preferred: readonly string[] }) => string | undefined} */ (
      negotiator.encoding
    )
  return encoding.call(negotiator, available, { preferred: ENCODINGS })
}

/**
 * A folder's files by URL path, each with the encodings it has on disk. Read once: the folder is a
 * build's output, and a path that is not in it goes on to Next without touching the disk.
 * @param {string} dir
 * @param {{ immutable: boolean }} options
 * @returns {Handler}
 */
function folder(dir, { immutable }) {
  /** @type {Map<string, string[]>} URL path → encodings available, in ENCODINGS' order */
  const files = new Map()
  const names = filesUnder(dir)
  const present = new Set(names)
  for (const name of names) {
    if (name.endsWith('.br') || name.endsWith('.gz')) continue
    files.set(
      `/${name}`,
      ENCODINGS.filter((enc) => enc === 'identity' || present.has(name + SUFFIX[enc])),
    )
  }
  return (req, res, fallback) => {
    let pathname
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      return fallback()
    }
    const encodings = files.get(pathname)
    if (!encodings) return fallback()
    const encoding = preferredEncoding(new Negotiator(req), encodings)
    // None acceptable (`identity;q=0` on a file with no copy): Next's answer, as before.
    if (encoding === undefined) return fallback()
    const type = TYPES[pathname.slice(pathname.lastIndexOf('.'))]
    if (type) res.setHeader('content-type', type)
    if (encodings.length > 1) res.setHeader('vary', 'Accept-Encoding')
    if (encoding !== 'identity') res.setHeader('content-encoding', encoding)
    send(req, encodeURI(pathname + SUFFIX[encoding]), {
      root: dir,
      index: false,
      etag: true,
      lastModified: true,
      // Hashed names never change (Next's own header for them); the rest revalidates by ETag.
      maxAge: immutable ? '1y' : 0,
      immutable,
    })
      .on('error', (/** @type {{ status?: number }} */ err) => {
        if (res.headersSent) return res.destroy()
        // Gone since the start (a rebuild in place): Next answers for it, as it did before.
        if (err.status === 404) {
          for (const h of ['content-type', 'content-encoding', 'vary']) res.removeHeader(h)
          return fallback()
        }
        res.writeHead(err.status ?? 500).end()
      })
      .pipe(res)
  }
}

/**
 * The handlers, or null when the build's compressed copies are missing or older than its files
 * (a build without `npm run build`'s last step, a preview runtime rebuilt alone): then Next serves
 * everything, compressing as it goes, rather than stale or uncompressed bytes.
 * @param {string} root
 */
export function staticFiles(root) {
  /** @type {{ buildId?: unknown, stamp?: unknown }} */
  let made
  try {
    made = JSON.parse(readFileSync(join(root, MARKER), 'utf8'))
  } catch {
    return null // none, or cut short by a build that was stopped
  }
  const currentBuild = readFileSync(join(root, '.next/BUILD_ID'), 'utf8').trim()
  if (made.buildId !== currentBuild || made.stamp !== stamp(root)) return null
  return {
    /** `/_next/static/…` on the docs host. */
    nextStatic: folder(join(root, '.next/static'), { immutable: true }),
    /** `/snapshots/…` on the docs host. */
    snapshots: folder(join(root, 'public/snapshots'), { immutable: false }),
    /** The preview runtime's files, at the paths scripts/preview-host.mjs maps to `/runtime/…`. */
    runtime: folder(join(root, 'public/runtime'), { immutable: false }),
  }
}

/**
 * Serves `req` from `handler` with `prefix` taken off its path; `fallback` when the file is not
 * there or the method is not GET/HEAD.
 * @param {Handler} handler
 * @param {string} prefix
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => void} fallback
 */
export function serveUnder(handler, prefix, req, res, fallback) {
  const url = req.url ?? '/'
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith(`${prefix}/`))
    return fallback()
  req.url = url.slice(prefix.length)
  handler(req, res, () => {
    req.url = url
    fallback()
  })
}
