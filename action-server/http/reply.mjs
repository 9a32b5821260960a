// Small response writers. Every rejection names its reason in x-live-reason so the playground can
// explain it in the reader's language, whatever the mode.
/** @import { ServerResponse, OutgoingHttpHeaders } from 'node:http' */
/** @import { ErrorBody, RefusalReason } from '../../contract/http.js' */

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body one of contract/http.d.ts's bodies
 * @param {{ reason?: RefusalReason, headers?: OutgoingHttpHeaders }} [options]
 */
export function sendJson(res, status, body, { reason, headers = {} } = {}) {
  const data = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(data),
    ...(reason ? { 'x-live-reason': reason } : {}),
    ...headers,
  })
  res.end(data)
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {RefusalReason} reason
 * @param {string} message
 * @param {OutgoingHttpHeaders} [headers]
 */
export function sendError(res, status, reason, message, headers) {
  /** @type {ErrorBody} */
  const body = { error: message, reason }
  sendJson(res, status, body, { reason, headers })
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {OutgoingHttpHeaders} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}
