// A fetch-like request with an explicit Host header (Node's fetch drops it): tests and benches use it
// to reach the preview origin (`preview.localhost:<port>`) of a site listening on localhost.
import http from 'node:http'

/** → { status, headers: { get(name) }, text(), json() } */
export function hostFetch(
  url,
  { method = 'GET', headers = {}, body, host, timeoutMs = 60_000 } = {},
) {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: { ...headers, ...(host ? { host } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: res.statusCode,
            headers: { get: (name) => res.headers[name.toLowerCase()] ?? null },
            text: async () => text,
            json: async () => JSON.parse(text),
          })
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end(body)
  })
}
