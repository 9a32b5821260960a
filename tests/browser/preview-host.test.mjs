// The preview hosts, served by scripts/server.mjs before Next: the runtime page with its CSP on
// any route, and a request line no URL parser takes answered 400 rather than thrown out of the
// handler (which would stop the whole site).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { BASE_URL } from '../support/browser.mjs'

const { hostname, port } = new URL(BASE_URL)
const PREVIEW = `abc123.preview.localhost:${port}`

/** One raw HTTP/1.1 exchange: the status line and headers of the answer. */
function raw(requestLine, host) {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname)
    let data = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => {
      data += chunk
      if (data.includes('\r\n\r\n')) {
        socket.destroy()
        resolve(data.slice(0, data.indexOf('\r\n\r\n')))
      }
    })
    socket.on('error', reject)
    socket.write(`${requestLine}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
  })
}

test('any route of a preview host is the runtime page, with the preview CSP', async () => {
  const head = await raw('GET /posts/7?tab=x HTTP/1.1', PREVIEW)
  assert.match(head, /^HTTP\/1\.1 200/)
  assert.match(head, /content-security-policy: default-src 'self'.*frame-ancestors localhost/i)
})

test('`GET //` on a preview host is a 400, and the site keeps answering', async () => {
  for (const line of ['GET // HTTP/1.1', 'GET //[ HTTP/1.1']) {
    const head = await raw(line, PREVIEW)
    assert.match(head, /^HTTP\/1\.1 400/, `${line} → ${head.split('\r\n')[0]}`)
  }
  const page = await fetch(`${BASE_URL}/en`)
  assert.equal(page.status, 200)
})
