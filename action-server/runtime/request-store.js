// The state of the one call in flight. Calls into a session are serialized by the host (Next's
// client router also runs actions one at a time), so a module-level slot is enough here.

/** @import { CookieWrite, Pairs } from '../../contract/sandbox' */

/**
 * @typedef {object} RequestStore
 * @property {'action' | 'render'} phase
 * @property {string} url
 * @property {Pairs} headers as the browser sent them
 * @property {Map<string, string>} cookies name → value, as the browser sent them
 * @property {Map<string, Omit<CookieWrite, 'expires'> & { expires?: number | Date }>} cookieWrites name → write (value '' + maxAge 0 = delete)
 * @property {string[]} revalidatedPaths
 * @property {string[]} revalidatedTags
 * @property {boolean} refreshed
 */

/** @type {RequestStore | null} */
let current = null

/** @param {RequestStore} store */
export function enterRequest(store) {
  current = store
}

/** @param {RequestStore} store */
export function leaveRequest(store) {
  if (current === store) current = null
}

/** @param {string} api @returns {RequestStore} */
export function getRequestStore(api) {
  if (!current) {
    throw new Error(
      `\`${api}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`,
    )
  }
  return current
}

/** The store of the call in flight, or null (no error: for code that also runs outside one). */
export function peekRequestStore() {
  return current
}

/** A fresh store for one action call or render. */
/**
 * @param {{ headers: Pairs, cookies: Pairs, phase: RequestStore['phase'], url?: string }} request
 * @returns {RequestStore}
 */
export function createRequestStore({ headers, cookies, phase, url }) {
  return {
    phase, // 'action' | 'render'
    url: url || '/',
    headers, // [[name, value]]
    cookies: new Map(cookies), // name → value, as the browser sent them
    cookieWrites: new Map(), // name → { name, value, ...options } (value '' + maxAge 0 = delete)
    revalidatedPaths: [],
    revalidatedTags: [],
    refreshed: false,
  }
}
