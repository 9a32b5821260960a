// What the live server received and answered, per session: the playground's network and cookies
// panels read these records (GET …/events), written here by the server, so a preview that
// rewrites its own fetch cannot make its panels lie. Bounded: a body is kept up to BODY_BYTES,
// headers are a short list, and a session keeps EVENT_BYTES of records at most (oldest go first).

import { EventBuffer } from '../sessions/event-buffer.mjs'
/** @import { ServerResponse, OutgoingHttpHeaders } from 'node:http' */
/** @import { EventsResponse } from '../../contract/http.js' */
/** @import { LiveRequest, SessionContext } from '../types.js' */

export { EventBuffer }
export const BODY_BYTES = 4096
/** readBody() hands each chunk it reads to `req[RECORD]` when a record is being written. */
export const RECORD = Symbol.for('server-actions-live.record')
/** A no-JS form post names its action in the body: postForm() leaves the id it found here. */
export const FORM_ACTION = Symbol.for('server-actions-live.form-action')

const REQUEST_HEADERS = new Set([
  'content-type',
  'next-action',
  'x-live-path',
  'origin',
  'cookie',
  // The request composer's marks (see README, "Request composer"): shown as sent.
  'x-live-compose',
  'x-live-compose-origin',
])
const RESPONSE_HEADERS = new Set([
  'content-type',
  'location',
  'set-cookie',
  'x-action-revalidated',
  'x-action-redirect',
  'x-nextjs-action-not-found',
  'x-live-reason',
  'cache-control',
])
const MAX_HEADER_CHARS = 2000

const clip = (/** @type {string} */ value) =>
  value.length > MAX_HEADER_CHARS ? `${value.slice(0, MAX_HEADER_CHARS)}…` : value

/** Request headers as the browser wrote them (rawHeaders keeps their case). */
/** @param {LiveRequest} req */
function requestHeaders(req) {
  /** @type {Record<string, string>} */
  const out = {}
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length && i < 400; i += 2)
    if (REQUEST_HEADERS.has(raw[i].toLowerCase())) out[raw[i]] = clip(String(raw[i + 1]))
  return out
}

/** @param {ServerResponse} res @param {OutgoingHttpHeaders} given */
function responseHeaders(res, given) {
  const all = { ...res.getHeaders(), ...given }
  /** @type {Record<string, string>} */
  const out = {}
  for (const [name, value] of Object.entries(all)) {
    const lower = name.toLowerCase()
    if (!RESPONSE_HEADERS.has(lower) || value === undefined) continue
    out[lower] = clip(Array.isArray(value) ? value.join('\n') : String(value))
  }
  return out
}

/** Headers passed straight to writeHead(status[, reason], headers) are not in getHeaders(). */
/** @param {unknown[]} args @returns {OutgoingHttpHeaders} */
function headersOf(args) {
  const last = args[args.length - 1]
  if (!last || typeof last !== 'object') return {}
  if (!Array.isArray(last)) return /** @type {OutgoingHttpHeaders} */ (last)
  /** @type {OutgoingHttpHeaders} */
  const out = {}
  for (let i = 0; i + 1 < last.length; i += 2) out[last[i]] = last[i + 1]
  return out
}

/** Records one request of a session; the record is written when its answer is finished. */
/** @param {SessionContext} ctx */
export function recordRequest(ctx) {
  const { req, res, session } = ctx
  const started = performance.now()
  /** @type {Buffer[]} */
  const chunks = []
  let kept = 0
  let received = 0
  req[RECORD] = (chunk) => {
    received += chunk.length
    if (kept >= BODY_BYTES) return
    const part = chunk.subarray(0, BODY_BYTES - kept)
    chunks.push(part)
    kept += part.length
  }
  // The answer as sent, up to BODY_BYTES: the panel shows Next's wire format from the server's side.
  /** @type {Buffer[]} */
  const answer = []
  let answered = 0
  /** @param {unknown} chunk @param {unknown} encoding */
  const keep = (chunk, encoding) => {
    if (answered >= BODY_BYTES || chunk == null || typeof chunk === 'function') return
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(
            String(chunk),
            typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8',
          )
    const part = bytes.subarray(0, BODY_BYTES - answered)
    answer.push(part)
    answered += part.length
  }
  // Node's overloads cannot be restated one by one: the wrappers pass every argument through.
  /** @type {(...args: any[]) => any} */
  const write = res.write
  res.write = /** @type {any} */ (
    function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any[]} */ ...rest) {
      keep(chunk, encoding)
      return write.call(this, chunk, encoding, ...rest)
    }
  )
  /** @type {(...args: any[]) => any} */
  const end = res.end
  res.end = /** @type {any} */ (
    function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any[]} */ ...rest) {
      keep(chunk, encoding)
      return end.call(this, chunk, encoding, ...rest)
    }
  )
  /** @type {OutgoingHttpHeaders} */
  let given = {}
  /** @type {(...args: any[]) => any} */
  const writeHead = res.writeHead
  res.writeHead = /** @type {any} */ (
    function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
      given = headersOf(rest)
      return writeHead.call(this, status, ...rest)
    }
  )
  res.once('close', () => {
    const actionId = String(req.headers['next-action'] ?? req[FORM_ACTION] ?? '').slice(0, 100)
    const body = Buffer.concat(chunks, kept).toString('utf8')
    const key = actionId ? session.build?.byId.get(actionId) : null
    const action = typeof key === 'string' ? key : null
    session.events.push({
      time: new Date().toISOString(),
      method: String(req.method),
      url: clip(req.url || '/'),
      actionId,
      action,
      // What the reader called it: `register` for an inline action, the export name otherwise.
      name: action && (session.build?.names?.[action] ?? action.slice(action.lastIndexOf('#') + 1)),
      requestHeaders: requestHeaders(req),
      requestBody: received > kept ? `${body}… (${received} bytes received)` : body,
      status: res.statusCode,
      responseHeaders: responseHeaders(res, given),
      responseBody: Buffer.concat(answer, answered).toString('utf8'),
      durationMs: Math.round(performance.now() - started),
    })
  })
}

/** @param {SessionContext} ctx */
export function readEvents(ctx) {
  const since = Number(new URL(ctx.req.url || '/', 'http://x').searchParams.get('since') || 0)
  /** @type {EventsResponse} */
  const { entries, next, dropped } = ctx.session.events.since(Number.isFinite(since) ? since : 0)
  ctx.res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  ctx.res.end(JSON.stringify({ entries, next, dropped }))
}
