// POST /api/live/<session>/action, checked in Next's order:
// is it an action → origin → id → body size → decode → run → respond.
// Each step either lets the request through (returns nothing) or answers it (returns true).
import { checkOriginHeaders } from './origin.mjs'
import { readBody as readLimitedBody } from './body.mjs'
import {
  serializeSetCookie,
  isEmbedded,
  playgroundCookies,
  rememberCookieNames,
} from './cookies.mjs'
import { sendError, sendText } from './reply.mjs'
import { fallbackFlight } from './fallback-flight.mjs'
import { formatBytes } from '../config.mjs'
/** @import { IncomingMessage, OutgoingHttpHeaders } from 'node:http' */
/** @import { RefusalReason, SandboxFailure } from '../../contract/http.js' */
/** @import { ActionAnswer, ActionBody, FormEntry } from '../../contract/sandbox.js' */
/** @import { SessionContext } from '../types.js' */

/**
 * An action request as it goes through the steps: each adds what it found.
 * @typedef {SessionContext & {
 *   cacheControl?: string,
 *   actionId?: string,
 *   bytes?: Buffer,
 *   body?: ActionBody,
 *   result?: Answer,
 * }} ActionContext
 */
/**
 * The sandbox's answer, or the host's own refusal (no redirect, nothing revalidated).
 * @typedef {Omit<ActionAnswer, 'redirect' | 'revalidated'> & Partial<Pick<ActionAnswer, 'redirect' | 'revalidated'>>} Answer
 */
/** @typedef {(ctx: ActionContext) => true | void | Promise<true | void>} ActionStep */

// Next sets this on every action response so nothing caches one.
const NO_STORE = { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' }
/** Next's router request headers an App Router answer varies on. */
export const ROUTER_VARY = {
  vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch',
}
const FLIGHT_HEADERS = { 'content-type': 'text/x-component', ...NO_STORE, ...ROUTER_VARY }
/** What Next sends for a dynamically rendered route (every playground route is one). */
export const PAGE_CACHE_CONTROL = 'private, no-cache, no-store, max-age=0, must-revalidate'

// Request headers the sandbox's headers() does not need to see.
const HIDDEN_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
])

/** @type {ActionStep} */
function isAction(ctx) {
  const { req, res } = ctx
  if (req.method !== 'POST') {
    sendError(
      res,
      405,
      'method-not-allowed',
      `Method ${req.method} is not allowed: a Server Action is a POST with a Next-Action header.`,
      {
        allow: 'POST',
      },
    )
    return true
  }
  if (req.headers['next-action'] === undefined) {
    sendError(
      res,
      400,
      'not-an-action',
      'Not a Server Action request: the Next-Action header is missing.',
    )
    return true
  }
}

/**
 * The server's allowedOrigins (LIVE_ALLOWED_ORIGINS) and the playground's own
 * (next.config's experimental.serverActions.allowedOrigins), which apply to its session only.
 * @param {{ allowedOrigins: string[] }} config @param {{ build?: { config?: { allowedOrigins:
 *   string[] } | null } | null }} session @returns {string[]}
 */
export function allowedOriginsOf(config, session) {
  const own = session.build?.config?.allowedOrigins
  return own && own.length ? [...config.allowedOrigins, ...own] : config.allowedOrigins
}

/**
 * The body limit of this session: next.config's bodySizeLimit (never above LIVE_BODY_BYTES, the
 * deploy clamped it) or the server's, with the label Next prints.
 * @param {{ bodyBytes: number }} config @param {{ build?: { config?: { bodyBytes: number,
 *   bodyLabel: string } | null } | null }} session @returns {{ bytes: number, label: string }}
 */
export function bodyLimitOf(config, session) {
  const own = session.build?.config
  if (own && own.bodyBytes <= config.bodyBytes)
    return { bytes: own.bodyBytes, label: own.bodyLabel }
  return { bytes: config.bodyBytes, label: formatBytes(config.bodyBytes) }
}

/** @param {ActionContext} ctx */
async function checkOrigin(ctx) {
  const verdict = checkOriginHeaders(ctx.req.headers, allowedOriginsOf(ctx.config, ctx.session))
  if (verdict.ok) return
  ctx.log('error', verdict.log)
  // Next refuses before it sets its action Cache-Control: the route's own (dynamic) one stays.
  ctx.cacheControl = PAGE_CACHE_CONTROL
  return reject(ctx, 'csrf', 'Invalid Server Actions request.')
}

/** @type {ActionStep} */
function findAction(ctx) {
  const { req, res, session } = ctx
  const id = String(req.headers['next-action']).trim()
  // Next tells the two apart by length alone: a 42-character id may be real (409 below).
  if (id.length !== 42) {
    const shown = JSON.stringify(id.length > 50 ? `${id.slice(0, 40)}…` : id)
    ctx.log(
      'error',
      `The Server Reference ID did not match the expected format. Received ${shown}.`,
    )
    // Next 16 answers any id that is not 42 characters long as an unrecognized action.
    sendText(res, 400, 'Invalid Server Action request.', {
      ...NO_STORE,
      ...ROUTER_VARY,
      'x-nextjs-action-not-found': '1',
      'x-live-reason': 'malformed-action-id',
    })
    return true
  }
  if (!session.build || !session.build.byId.has(id)) {
    ctx.log(
      'warn',
      `Failed to find Server Action "${id}". This request might be from an older or newer deployment.\nRead more: https://nextjs.org/docs/messages/failed-to-find-server-action`,
    )
    sendText(res, 409, 'Server Action unavailable.', {
      ...NO_STORE,
      ...ROUTER_VARY,
      'x-nextjs-action-not-found': '1',
      'x-live-reason': 'action-not-found',
    })
    return true
  }
  ctx.actionId = id
}

/** @param {ActionContext} ctx */
async function checkBodySize(ctx) {
  const { bytes: limit, label } = bodyLimitOf(ctx.config, ctx.session)
  const { tooLarge, bytes } = await readLimitedBody(ctx.req, limit)
  if (tooLarge) {
    ctx.log('error', `Body exceeded ${label} limit.`)
    return reject(
      ctx,
      'body-too-large',
      `Body exceeded ${label} limit.\nTo configure the body size limit for Server Actions, see: https://nextjs.org/docs/app/api-reference/next-config-js/serverActions#bodysizelimit`,
    )
  }
  ctx.bytes = bytes
}

/** encodeReply sends a string, or multipart form data when the arguments hold files, maps, streams… */
/** A multipart (or urlencoded) body → [[name, string | { name, type, bytes }]] for the isolate. */
/** @param {string} type @param {Buffer} bytes @returns {Promise<FormEntry[]>} */
export async function readFormEntries(type, bytes) {
  const form = await new Request('http://live.invalid/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: bytes,
  }).formData()
  /** @type {FormEntry[]} */
  const entries = []
  for (const [name, value] of form) {
    if (typeof value === 'string') entries.push([name, value])
    else
      entries.push([
        name,
        { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) },
      ])
  }
  return entries
}

/** @param {ActionContext} ctx */
async function decode(ctx) {
  const type = String(ctx.req.headers['content-type'] || '')
  const bytes = /** @type {Buffer} */ (ctx.bytes) // checkBodySize read it
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    ctx.body = { text: bytes.toString('utf8') }
    return
  }
  try {
    ctx.body = { form: await readFormEntries(type, bytes) }
  } catch (err) {
    ctx.log('error', `⨯ Invalid Server Action payload: ${/** @type {Error} */ (err).message}`)
    return reject(
      ctx,
      'invalid-payload',
      'Invalid Server Action payload: the multipart body could not be read.',
    )
  }
}

/** The headers the sandbox's headers() sees. */
/** @param {IncomingMessage} req @returns {import('../../contract/sandbox.js').Pairs} */
export function visibleHeaders(req) {
  return Object.entries(req.headers)
    .filter(([k]) => !HIDDEN_HEADERS.has(k))
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])
}

/**
 * The page an action was called from, rendered again into `f` when the action revalidates:
 * `?path=` on the action URL or an `x-live-path` header; '/' when neither is given.
 */
/** @param {IncomingMessage} req */
export function pagePathOf(req) {
  const url = req.url || '/'
  const query = url.includes('?') ? new URL(url, 'http://x').searchParams.get('path') : null
  const raw = query ?? req.headers['x-live-path'] ?? '/'
  const path = String(raw).slice(0, 2048)
  return path.startsWith('/') && !path.startsWith('//') ? path : '/'
}

/** @param {ActionContext} ctx */
async function run(ctx) {
  const { req, session } = ctx
  const headers = visibleHeaders(req)
  let result
  try {
    result = await ctx.host.action(session.id, {
      actionId: /** @type {string} */ (ctx.actionId), // findAction found it
      path: pagePathOf(req),
      body: /** @type {ActionBody} */ (ctx.body), // decode made it
      headers,
      cookies: playgroundCookies(session, req.headers.cookie),
    })
  } catch (caught) {
    const err = /** @type {{ message: string, reason?: SandboxFailure, status?: number }} */ (
      caught
    )
    ctx.log('error', `⨯ ${err.message}`)
    return reject(
      ctx,
      err.reason || 'sandbox-error',
      err.reason ? err.message : 'The playground server failed to run this action.',
      err.status, // 429 for queue-full
    )
  }
  if ('unavailable' in result) {
    const message =
      result.message ||
      'This playground is not running on the server any more (the sandbox was restarted). Deploy again to restart it.'
    ctx.log('error', `⨯ ${message}`)
    return reject(
      ctx,
      result.unavailable === 'no-sandbox' ? 'sandbox-restarted' : result.unavailable,
      message,
    )
  }
  if ('limit' in result) return reject(ctx, result.limit, result.message)
  ctx.result = result
}

const STATUSES = new Set([200, 401, 403, 404, 429, 500])

/** The sandbox's answer is untrusted data: only known statuses, valid cookies and safe headers pass. */
/** @type {ActionStep} */
function respond(ctx) {
  const { res, session } = ctx
  const result = /** @type {Answer} */ (ctx.result) // run or reject set it
  /** @type {OutgoingHttpHeaders} */
  const headers = { ...FLIGHT_HEADERS }
  if (ctx.cacheControl) headers['cache-control'] = ctx.cacheControl
  if (typeof result.redirect === 'string') {
    const empty = !(result.flight instanceof Uint8Array) || result.flight.byteLength === 0
    // Next streams the target route's own answer (its headers), or nothing at all.
    if (empty) delete headers['content-type']
    else headers['cache-control'] = PAGE_CACHE_CONTROL
  }
  if (result.reason && /^[a-z-]{1,40}$/.test(result.reason))
    headers['x-live-reason'] = result.reason
  // Next's ActionRevalidationKind: 1 static and dynamic data, 2 dynamic only (refresh()).
  if (result.revalidated) headers['x-action-revalidated'] = result.revalidated === 2 ? '2' : '1'
  if (typeof result.redirect === 'string') {
    try {
      const value = result.redirect.replace(/[^\x20-\x7e]+/g, encodeURIComponent)
      if (value.length <= 2048) headers['x-action-redirect'] = value
    } catch {} // not encodable (lone surrogate): no redirect header
  }
  const cookiePath = `${ctx.config.basePath}/${session.id}`
  const writes = (Array.isArray(result.cookieWrites) ? result.cookieWrites : []).slice(0, 50)
  rememberCookieNames(session, writes)
  const setCookies = writes
    .map((c) => serializeSetCookie(c, cookiePath, { embedded: isEmbedded(ctx.req) }))
    .filter((c) => c !== null)
  if (setCookies.length) headers['set-cookie'] = setCookies
  const body =
    result.flight instanceof Uint8Array
      ? Buffer.from(result.flight.buffer, result.flight.byteOffset, result.flight.byteLength)
      : Buffer.alloc(0)
  headers['content-length'] = body.length
  res.writeHead(STATUSES.has(result.status) ? result.status : 500, headers)
  res.end(body)
  return true
}

/** Next answers a refused action with a 500 Flight body whose action result is the error. */
/**
 * @param {ActionContext} ctx @param {RefusalReason} reason @param {string} message
 * @param {number} [status]
 */
async function reject(ctx, reason, message, status = 500) {
  const { session } = ctx
  let flight
  try {
    const r = await ctx.host.reject({
      mode: session.mode,
      buildId: session.build?.id ?? 'development',
      message,
      reason,
    })
    flight = r.flight
  } catch {
    flight = fallbackFlight({
      mode: session.mode,
      buildId: session.build?.id ?? 'development',
      message,
    })
  }
  ctx.result = { status, reason, flight, cookieWrites: [] }
  return respond(ctx)
}

export const ACTION_STEPS = [isAction, checkOrigin, findAction, checkBodySize, decode, run, respond]

/** @param {SessionContext} ctx */
export async function handleAction(ctx) {
  for (const step of ACTION_STEPS) {
    if (await step(ctx)) return
  }
}
