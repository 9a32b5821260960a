// Small response writers. Every rejection names its reason in x-live-reason so the playground can
// explain it in the reader's language, whatever the mode.

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

export function sendError(res, status, reason, message, headers) {
  sendJson(res, status, { error: message, reason }, { reason, headers })
}

export function sendText(res, status, text, headers = {}) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}
