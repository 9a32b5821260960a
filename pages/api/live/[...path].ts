// Thin adapter: mounts the live action server (action-server/, runnable without Next) at
// /api/live/*. It is imported at run time, outside webpack, so it runs as the same plain Node
// modules the tests and the bench use, and it forks its sandbox process from its own files.
// The instance lives on globalThis so hot reloads and route reloads never fork a second sandbox.
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ActionServer } from '../../../action-server/index.mjs'
import de from '../../../locales/de.json'
import en from '../../../locales/en.json'
import fr from '../../../locales/fr.json'
import { liveMessages } from '../../../components/i18n/liveMessages.mjs'

export const config = {
  api: { bodyParser: false, responseLimit: false, externalResolver: true },
}

// The live API answers on the preview origin only (`preview.<host>`, or a session's own
// `<id>.preview.<host>`): opened on the docs origin, a playground's HTML would run with the docs'
// cookies and under the docs' URL.
const PREVIEW_HOST = /^(?:[a-z0-9_-]{1,63}\.)?preview\./i

// The few words the live server writes itself (the /html view's notices), per locale.
const MESSAGES = liveMessages({ en, fr, de })

const KEY = Symbol.for('server-actions-live.action-server')
const store = globalThis as unknown as { [KEY]?: Promise<ActionServer> }

function actionServer(): Promise<ActionServer> {
  store[KEY] ??= import(
    /* webpackIgnore: true */ pathToFileURL(path.join(process.cwd(), 'action-server', 'index.mjs'))
      .href
  ).then((mod: typeof import('../../../action-server/index.mjs')) =>
    mod.createActionServer({ messages: MESSAGES }),
  )
  return store[KEY]
}

// Next merges the catch-all's parameter (`path`) into the query and rewrites req.url with it,
// shadowing the live server's own `?path=`: hand it the URL the browser asked for.
const REQUEST_META = Symbol.for('NextInternalRequestMeta')

function originalUrl(req: IncomingMessage): string | undefined {
  const meta = (req as unknown as Record<symbol, { initURL?: string } | undefined>)[REQUEST_META]
  if (!meta?.initURL) return undefined
  const url = new URL(meta.initURL, 'http://n')
  return url.pathname + url.search
}

export default async function handler(req: IncomingMessage, res: ServerResponse) {
  if (!PREVIEW_HOST.test(req.headers.host ?? '')) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ error: 'Not found.', reason: 'not-found' }))
    return
  }
  req.url = originalUrl(req) ?? req.url
  const server = await actionServer()
  await server.handle(req, res)
}
