// Cookies cross the sandbox boundary as plain data. Every cookie a playground sets is scoped to its
// session's path, so the browser sends it back to that session and to no other.
/** @import { IncomingMessage } from 'node:http' */
/** @import { CookieWrite, Pairs } from '../../contract/sandbox.js' */
/** @import { Session } from '../../contract/session.js' */

/** @param {string | undefined} header @returns {Pairs} */
export function parseCookieHeader(header) {
  /** @type {Pairs} */
  const out = []
  if (!header) return out
  for (const part of String(header).split(';')) {
    const i = part.indexOf('=')
    if (i <= 0) continue
    const name = part.slice(0, i).trim()
    let value = part.slice(i + 1).trim()
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      value = decodeURIComponent(value)
    } catch {}
    if (name) out.push([name, value])
  }
  return out
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** @type {Record<string, string | undefined>} */
const SAME_SITE = { strict: 'Strict', lax: 'Lax', none: 'None' }
/** @type {Record<string, string | undefined>} */
const PRIORITY = { low: 'Low', medium: 'Medium', high: 'High' }

/**
 * The preview iframe is cross-site to the docs page, and Chromium drops Lax cookies there: a
 * request that says `x-live-embedded: 1` (or has `embedded=1` in its query) gets every cookie as
 * SameSite=None; Secure; Partitioned.
 * Requests without it get exactly the cookies Next would send.
 */
/** @param {IncomingMessage} req */
export function isEmbedded(req) {
  if (String(req.headers['x-live-embedded'] || '').trim() === '1') return true
  // A page loaded straight into the iframe (the no-JS HTML flow) cannot send headers: `?embedded=1`.
  return /[?&]embedded=1(?:&|$)/.test(req.url || '')
}

/** One of the sandbox's cookie writes → a Set-Cookie value, or null if it is not a valid cookie. */
/**
 * @param {CookieWrite | null | undefined} c untrusted: it comes from the sandbox
 * @param {string} path
 * @param {{ embedded?: boolean }} [options]
 * @returns {string | null}
 */
export function serializeSetCookie(c, path, { embedded = false } = {}) {
  if (embedded && c) c = { ...c, sameSite: 'none', secure: true, partitioned: true }
  if (!c || typeof c.name !== 'string' || !TOKEN.test(c.name) || c.name.length > 256) return null
  const value = typeof c.value === 'string' ? c.value : ''
  if (value.length > 4096) return null
  let encoded
  try {
    encoded = encodeURIComponent(value)
  } catch {
    return null // a lone surrogate cannot be a cookie value
  }
  const parts = [`${c.name}=${encoded}`, `Path=${path}`]
  if (typeof c.maxAge === 'number' && Number.isFinite(c.maxAge))
    parts.push(`Max-Age=${Math.trunc(c.maxAge)}`)
  const expires = typeof c.expires === 'number' ? new Date(c.expires) : null
  if (expires && !isNaN(expires.getTime())) parts.push(`Expires=${expires.toUTCString()}`)
  if (c.httpOnly) parts.push('HttpOnly')
  if (c.secure) parts.push('Secure')
  const sameSite = c.sameSite === true ? 'Strict' : SAME_SITE[String(c.sameSite).toLowerCase()]
  if (sameSite) parts.push(`SameSite=${sameSite}`)
  if (c.partitioned) parts.push('Partitioned')
  const priority = PRIORITY[String(c.priority).toLowerCase()]
  if (priority) parts.push(`Priority=${priority}`)
  return parts.join('; ')
}

// The sign-in cookie the playground's toolbar sets (POST …/auth), read by @/lib/auth.
export const AUTH_COOKIE = 'live_user'
const MAX_NAMES = 200

/** Remembers the names of the cookies a session set, so that only those reach its code. */
/** @param {Session} session @param {(CookieWrite | null | undefined)[]} writes */
export function rememberCookieNames(session, writes) {
  const names = (session.cookieNames ??= new Set())
  for (const c of writes) {
    if (!c || typeof c.name !== 'string' || names.has(c.name)) continue
    if (names.size >= MAX_NAMES) break
    names.add(c.name)
  }
}

/**
 * The request's cookies playground code may see: only those the playground itself set (and the
 * sign-in cookie), never the docs origin's or another site's that happen to reach this path. The
 * browser sends the most specific path first: the session's own value wins a name clash.
 */
/** @param {Session} session @param {string | undefined} header */
export function playgroundCookies(session, header) {
  const names = session.cookieNames
  const seen = new Set()
  return parseCookieHeader(header).filter(([name]) => {
    if (seen.has(name) || !(name === AUTH_COOKIE || (names && names.has(name)))) return false
    seen.add(name)
    return true
  })
}
