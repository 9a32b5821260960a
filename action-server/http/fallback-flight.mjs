// Used only when the sandbox cannot render a rejection itself (its process is down): the same two
// Flight rows React would write for a rejected action result.
/** @param {string} str */
function hash(str) {
  let h = 5381
  for (let i = str.length - 1; i >= 0; i--) h = (h * 33) ^ str.charCodeAt(i)
  return String(h >>> 0)
}

/** @param {{ mode: import('../../contract/http.js').Mode, buildId: string, message: string }} row */
export function fallbackFlight({ mode, buildId, message }) {
  const digest = hash(message)
  const error =
    mode === 'production'
      ? { digest }
      : { digest, name: 'Error', message, stack: [], env: 'Server', owner: null }
  const text = `0:${JSON.stringify({ a: '$@1', f: '', b: buildId })}\n1:E${JSON.stringify(error)}\n`
  return new TextEncoder().encode(text)
}
