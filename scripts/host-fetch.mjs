// Requests with an explicit Host header (Node's fetch drops it): tests and benches use them to reach
// a preview origin (`<id>.preview.localhost:<port>`) of a site listening on loopback.
import http from 'node:http'

/**
 * @typedef {object} HostRequestOptions
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {string | Uint8Array} [body]
 * @property {string} [host]
 * @property {string} [localAddress]
 * @property {number} [timeoutMs]
 *
 * @typedef {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer }} HostResponse
 */

/**
 * One request → { status, headers (node's lower-cased object), body: Buffer }.
 * `host`: the Host header; `localAddress`: the source address (a client of its own).
 * @param {string | URL} url
 * @param {HostRequestOptions} [options]
 * @returns {Promise<HostResponse>}
 */
export function hostRequest(
  url,
  { method = 'GET', headers = {}, body, host, localAddress, timeoutMs = 60_000 } = {},
) {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname, // as `next start -H 127.0.0.1` listens
        port: u.port,
        path: u.pathname + u.search,
        method,
        localAddress,
        agent: false,
        headers: { ...(host ? { host } : {}), ...headers },
        timeout: timeoutMs,
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', reject)
        // A client's response always has a status code (Node types it for servers' requests too).
        const status = /** @type {number} */ (res.statusCode)
        res.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * The same, shaped like fetch's Response: { status, headers: { get(name) }, text(), json() }.
 * @param {string | URL} url
 * @param {HostRequestOptions} [options]
 */
export async function hostFetch(url, options) {
  const r = await hostRequest(url, options)
  const text = r.body.toString('utf8')
  return {
    status: r.status,
    headers: { get: (/** @type {string} */ name) => r.headers[name.toLowerCase()] ?? null },
    text: async () => text,
    json: async () => JSON.parse(text),
  }
}
