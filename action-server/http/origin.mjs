// Next's CSRF rule for Server Actions: the Origin's host must equal X-Forwarded-Host (its first
// value) or else Host, unless it matches an allowedOrigins pattern.
/** @import { IncomingHttpHeaders } from 'node:http' */

/** Next's `allowedOrigins` matching: `*` is one label, `**` one or more (leftmost only). */
/** @param {string} host @param {string} pattern */
export function matchesPattern(host, pattern) {
  if (!pattern) return false
  if (pattern === host) return true
  const labels = host.split('.')
  const parts = pattern.split('.')
  // A lone wildcard would allow every site: it matches nothing.
  if (parts.length === 1 && (parts[0] === '*' || parts[0] === '**')) return false
  if (labels.length < parts.length) return false
  while (parts.length) {
    const part = parts.pop()
    const label = labels.pop()
    if (part === '') return false
    if (part === '**') {
      if (parts.length > 0) return false // only valid as the leftmost label
      return label !== undefined && label !== ''
    }
    if (part === '*') {
      if (!label) return false
      continue
    }
    if (part !== label) return false
  }
  return labels.length === 0
}

/** @param {string} host @param {string[]} allowedOrigins */
export function isOriginAllowed(host, allowedOrigins) {
  return allowedOrigins.some((p) => matchesPattern(host, p))
}

/** The host the request was addressed to, as Next reads it. */
/**
 * @param {IncomingHttpHeaders} headers
 * @returns {{ type: 'x-forwarded-host' | 'host', value: string } | null}
 */
export function requestHost(headers) {
  const forwarded = headers['x-forwarded-host']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  if (first) return { type: 'x-forwarded-host', value: first.toLowerCase() }
  if (headers.host) return { type: 'host', value: String(headers.host).toLowerCase() }
  return null
}

/**
 * @param {IncomingHttpHeaders} headers
 * @param {string[]} allowedOrigins
 * @returns {{ ok: true } | { ok: false, log: string }}
 */
export function checkOriginHeaders(headers, allowedOrigins) {
  const origin = headers.origin
  if (origin === undefined) return { ok: true } // old browsers send none; Next lets them through
  let originHost
  if (origin === 'null') originHost = 'null'
  else {
    try {
      originHost = new URL(origin).host.toLowerCase()
    } catch {
      return {
        ok: false,
        log: `Malformed \`origin\` header from a Server Actions request. Aborting the action.`,
      }
    }
    if (!originHost)
      return {
        ok: false,
        log: `Malformed \`origin\` header from a Server Actions request. Aborting the action.`,
      }
  }
  const host = requestHost(headers)
  if (host && originHost === host.value) return { ok: true }
  if (isOriginAllowed(originHost, allowedOrigins)) return { ok: true }
  const shown = (/** @type {string} */ v) => (v.length > 100 ? `${v.slice(0, 100)}...` : v)
  return {
    ok: false,
    log: host
      ? `\`${host.type}\` header with value \`${shown(host.value)}\` does not match \`origin\` header with value \`${shown(originHost)}\` from a forwarded Server Actions request. Aborting the action.`
      : '`x-forwarded-host` or `host` headers are not provided. One of these is needed to compare the `origin` header from a forwarded Server Actions request. Aborting the action.',
  }
}

const PREVIEW_HOST = /^(?:[a-z0-9-]+\.)?preview\./

/**
 * The origin a session belongs to: the preview host its creating request was addressed to. Each
 * preview runs on its own origin (`<id>.preview.<host>`, the hosts scripts/server.mjs serves the
 * runtime on), so its session answers that preview only. A session opened on any other host (the
 * standalone server, its tests) is bound to none and follows Next's CSRF rule alone.
 */
/** @param {IncomingHttpHeaders} headers */
export function sessionHost(headers) {
  const host = requestHost(headers)?.value
  return host && PREVIEW_HOST.test(host) ? host : null
}

/**
 * A session's calls must be addressed to the host it was created on (→ 'host': answered as an
 * unknown session, so another origin cannot even learn it exists) and, when they name an Origin,
 * come from it or from an allowedOrigins pattern, as Next's CSRF rule says (→ 'origin'); the
 * `readers` hosts pass too (→ `reader`: the Origin to answer with CORS), for read-only routes.
 * @param {IncomingHttpHeaders} headers
 * @param {string | null} boundHost
 * @param {string[]} allowedOrigins
 * @param {string[]} [readers]
 * @returns {{ ok: true, reader?: string, why?: undefined } | { ok: false, why: 'host' | 'origin', reader?: undefined }}
 */
export function checkSessionOrigin(headers, boundHost, allowedOrigins, readers = []) {
  if (!boundHost) return { ok: true }
  const host = requestHost(headers)
  if (!host || host.value !== boundHost) return { ok: false, why: 'host' }
  const origin = headers.origin
  if (origin === undefined) return { ok: true }
  let originHost = 'null'
  try {
    if (origin !== 'null') originHost = new URL(origin).host.toLowerCase()
  } catch {
    return { ok: false, why: 'origin' }
  }
  if (originHost === boundHost || isOriginAllowed(originHost, allowedOrigins)) return { ok: true }
  if (readers.includes(originHost)) return { ok: true, reader: origin }
  return { ok: false, why: 'origin' }
}

/**
 * The docs site that embeds a preview host (`<id>.preview.docs.example` → `docs.example`): it may
 * read that session's records and server console (CORS), never call it.
 */
/** @param {string | null | undefined} boundHost @returns {string[]} */
export function docsHostOf(boundHost) {
  const docs = boundHost?.replace(PREVIEW_HOST, '')
  return docs && docs !== boundHost ? [docs] : []
}

/** The request composer's header: the Origin it declares in place of its own (see README). */
export const COMPOSE_ORIGIN = 'x-live-compose-origin'

/**
 * May this request's declared Origin (`x-live-compose-origin`) stand in for its real one? Only
 * when the real one is the session's own origin (its preview host; for a session bound to none,
 * the host the request was addressed to): such a page can already call every action of the
 * session, so declaring another Origin lets it do nothing more — only see the answer a forger
 * would get. A real cross-site page sends its own Origin (and cannot even send this header
 * without a CORS preflight the server never grants), so it never qualifies.
 * → the declared value ('' = no Origin at all) | null
 * @param {import('node:http').IncomingHttpHeaders} headers @param {string | null} boundHost
 * @returns {string | null}
 */
export function declaredOrigin(headers, boundHost) {
  const declared = headers[COMPOSE_ORIGIN]
  if (typeof declared !== 'string' || declared.length > 300) return null
  const host = requestHost(headers)?.value
  const own = boundHost ?? host
  if (!own || host !== own || typeof headers.origin !== 'string') return null
  try {
    if (new URL(headers.origin).host.toLowerCase() !== own) return null
  } catch {
    return null
  }
  return declared.trim()
}

/**
 * Puts the declared Origin in place of the real one, in the headers and in what gets recorded.
 * @param {import('node:http').IncomingMessage} req @param {string} declared
 */
export function applyDeclaredOrigin(req, declared) {
  if (declared) req.headers.origin = declared
  else delete req.headers.origin
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (raw[i].toLowerCase() === 'origin') {
      if (declared) raw[i + 1] = declared
      else raw.splice(i, 2)
      break
    }
}
