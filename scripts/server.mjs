// The site's server: Next's own request handler (Next's documented custom-server pattern), with
// the preview hosts in front of it. On a preview host, `/api/live/*` goes straight to the live
// action server (Next's middleware and API-route layers would only forward it there, and on a
// 2-core box they cost more than the action itself: issue 14 measured 0.63× real Next 16 through
// them), and every other path is the preview runtime, with its CSP (scripts/preview-host.mjs).
// The docs stay with Next; middleware.ts only redirects unprefixed paths to a locale.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import createNextServer from 'next'
import { createActionServer } from '../action-server/index.mjs'
import { PREVIEW_HOST, previewCsp, previewTarget } from './preview-host.mjs'
import { ROOT } from './site-pages.mjs'
import { serveUnder, staticFiles } from './static-files.mjs'
import { liveMessages } from '../components/i18n/liveMessages.mjs'

const LIVE_PATH = /^\/api\/live(?:[/?]|$)/
// A docs page under a locale remembers it for `/` (as Nextra's locale middleware did).
const LOCALE_PAGE = /^\/(en|fr|de)(?:[/?#]|$)/
const LOCALE_COOKIE = /(?:^|;\s*)NEXT_LOCALE=([^;]*)/
// The build-time snapshots (scripts/preview-snapshots.mjs): plain HTML, framed without scripts;
// opened on their own they stay inert too. They keep the site's origin (allow-same-origin): an
// opaque one put each snapshot frame in a renderer process of its own, started while the page
// loads (issue 14). With no script, no form and no navigation allowed, the origin grants nothing.
const SNAPSHOT = /^\/snapshots\//
// Nextra's sidebar files (`_meta`) are built as pages; next.config.mjs drops Nextra's rewrite that
// hid them, so they are not found here (their pages and their data).
const META_PAGE = /\/_meta(?:\.json)?(?:\/|$)/
// Next's hashed build files (served from disk when the build has compressed copies).
const NEXT_STATIC = '/_next/static'
const SNAPSHOT_CSP =
  "sandbox allow-same-origin; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
// The adapter finds this instance there, so both doors lead to one live server (one sandbox).
const KEY = Symbol.for('server-actions-live.action-server')

/** The few words the live server writes itself, per locale (as the adapter gives them). */
function siteLiveMessages() {
  return liveMessages(
    Object.fromEntries(
      ['en', 'fr', 'de'].map((locale) => [
        locale,
        JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8')),
      ]),
    ),
  )
}

/**
 * Starts the site on `port`/`hostname`; resolves `{ server, close() }` once it listens.
 * @param {{ port: number, hostname?: string, dev?: boolean }} options
 */
export async function startSite({ port, hostname, dev = false }) {
  const live = createActionServer({ messages: siteLiveMessages() })
  const shared = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))
  shared[KEY] = Promise.resolve(live)

  // `next`'s default export is its createServer; under NodeNext the CommonJS module is the value.
  const next = /** @type {typeof import('next').default} */ (
    /** @type {unknown} */ (createNextServer)
  )
  const app = next({ dev, dir: ROOT, port, hostname: hostname ?? 'localhost' })
  await app.prepare()
  const handleNext = app.getRequestHandler()
  // `next dev` rebuilds these folders as it goes; a production build has its compressed copies.
  const files = dev ? null : staticFiles(ROOT)
  if (!dev && !files)
    console.warn(
      '[site] no compressed copies of this build: Next compresses static files per request',
    )

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  const toNext = (req, res) =>
    handleNext(req, res).catch((/** @type {unknown} */ err) => {
      console.error('[site]', err)
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })

  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const host = req.headers.host ?? ''
    const passOn = () => toNext(req, res)
    if (PREVIEW_HOST.test(host)) {
      if (LIVE_PATH.test(url)) {
        void live.handle(req, res)
        return
      }
      // A request line no URL parser takes (`GET //`) must not throw out of this handler.
      let pathname
      try {
        pathname = new URL(url, 'http://preview').pathname
      } catch {
        res.writeHead(400).end()
        return
      }
      // The runtime's file, from its compressed copies or (without them) Next's public/; the header
      // set here stays on either answer.
      req.url = previewTarget(pathname)
      res.setHeader('content-security-policy', previewCsp(host))
      if (files) return serveUnder(files.runtime, '/runtime', req, res, passOn)
    } else if (META_PAGE.test(url.split('?', 1)[0])) {
      app.render404(req, res).catch(() => res.writeHead(404).end())
      return
    } else if (SNAPSHOT.test(url)) {
      res.setHeader('content-security-policy', SNAPSHOT_CSP)
      if (files) return serveUnder(files.snapshots, '/snapshots', req, res, passOn)
    } else if (files && url.startsWith(`${NEXT_STATIC}/`)) {
      return serveUnder(files.nextStatic, NEXT_STATIC, req, res, passOn)
    } else {
      const locale = LOCALE_PAGE.exec(url)?.[1]
      if (locale && LOCALE_COOKIE.exec(req.headers.cookie ?? '')?.[1] !== locale)
        res.setHeader('set-cookie', `NEXT_LOCALE=${locale}; Path=/`)
    }
    passOn()
  })
  // As `next start` sets them: idle keep-alive sockets outlive a balancer's.
  server.keepAliveTimeout = 65_000
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => resolve(undefined))
  })

  return {
    server,
    async close() {
      await new Promise((resolve) => server.close(() => resolve(undefined)))
      await live.close()
      await app.close()
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `-p`/`-H` as `next start` takes them; PORT as the README says.
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      hostname: { type: 'string', short: 'H' },
      dev: { type: 'boolean' },
    },
  })
  const port = Number(values.port || process.env.PORT || 3000)
  const hostname = values.hostname
  const site = await startSite({ port, hostname, dev: values.dev })
  console.log(`▲ Server Actions, live — http://${hostname ?? 'localhost'}:${port}`)
  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (closing) process.exit(1)
      closing = true
      site.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    })
  }
}
