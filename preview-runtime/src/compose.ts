// The network panel's request composer, preview side: the editor page asks for one request to
// this session's live API, and it leaves from here, the preview's own origin, as the reader's app
// would send it. The browser fixes Origin itself (a forbidden header): the Origin the reader
// typed travels as `x-live-compose-origin`, which the live server honours only on a request that
// really comes from the session's own origin (action-server/README.md, "Request composer").
// The answer is not reported from here: the editor reads the server's own record of it.
import { send } from './protocol'

/** Appended bytes the composer may ask for: enough to pass any body limit, no more. */
const MAX_PAD_BYTES = 8 * 1024 * 1024
const MAX_HEADERS = 30

export interface ComposeMessage {
  nonce?: unknown
  url?: unknown
  headers?: unknown
  body?: unknown
  origin?: unknown
  padBytes?: unknown
}

export async function compose(message: ComposeMessage, session: string | null) {
  const nonce = typeof message.nonce === 'string' ? message.nonce.slice(0, 64) : ''
  const url = typeof message.url === 'string' ? message.url : ''
  // Only this session's own calls: its actions and its no-JS form posts.
  const path = url.split('?')[0]
  if (
    !session ||
    !nonce ||
    (path !== `/api/live/${session}/action` && path !== `/api/live/${session}/html`)
  )
    return send({ type: 'live/composed', nonce, ok: false })
  const headers = new Headers()
  if (typeof message.headers === 'object' && message.headers !== null)
    for (const [name, value] of Object.entries(message.headers).slice(0, MAX_HEADERS))
      try {
        // The browser refuses or drops forbidden names (Origin, Cookie, Host…) as it would for any page.
        if (typeof value === 'string') headers.set(name, value)
      } catch {
        // Not a valid header name or value: left out.
      }
  headers.set('x-live-compose', nonce)
  if (typeof message.origin === 'string') headers.set('x-live-compose-origin', message.origin)
  const pad =
    typeof message.padBytes === 'number' && Number.isFinite(message.padBytes)
      ? Math.max(0, Math.min(MAX_PAD_BYTES, Math.floor(message.padBytes)))
      : 0
  const body = (typeof message.body === 'string' ? message.body : '') + ' '.repeat(pad)
  let status = 0
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    })
    status = response.status
    await response.arrayBuffer().catch(() => null)
  } catch {
    // A refused connection: the server recorded nothing, the editor says so.
  }
  send({ type: 'live/composed', nonce, ok: status !== 0 })
}
