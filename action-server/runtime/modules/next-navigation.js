// next/navigation's server half. The errors carry Next's digests; the action runner turns them into
// x-action-redirect / 404 / 403 / 401 as Next does.
import { getRequestStore } from '../request-store.js'

/** @typedef {Error & { digest: string }} DigestError an error Next recognizes by its digest */

export const RedirectType = { push: 'push', replace: 'replace' }

/** @param {string} url @param {string} type @param {number} status */
function redirectError(url, type, status) {
  const err = /** @type {DigestError} */ (new Error('NEXT_REDIRECT'))
  err.digest = `NEXT_REDIRECT;${type};${url};${status};`
  return err
}

function defaultType() {
  // In an action Next defaults to push, elsewhere to replace.
  try {
    return getRequestStore('redirect').phase === 'action' ? 'push' : 'replace'
  } catch {
    return 'replace'
  }
}

/** @param {unknown} url @param {string} [type] @returns {never} */
export function redirect(url, type) {
  throw redirectError(String(url), type || defaultType(), 307)
}

/** @param {unknown} url @param {string} [type] @returns {never} */
export function permanentRedirect(url, type) {
  throw redirectError(String(url), type || defaultType(), 308)
}

/** @param {number} code @returns {never} */
function httpFallback(code) {
  const err = /** @type {DigestError} */ (new Error(`NEXT_HTTP_ERROR_FALLBACK;${code}`))
  err.digest = `NEXT_HTTP_ERROR_FALLBACK;${code}`
  throw err
}

export const notFound = () => httpFallback(404)
export const forbidden = () => httpFallback(403)
export const unauthorized = () => httpFallback(401)

/** @param {unknown} err @returns {err is DigestError} */
export function isRedirectError(err) {
  const digest = !!err && /** @type {{ digest?: unknown }} */ (err).digest
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT;')
}

/** @param {unknown} err @returns {err is DigestError} */
export function isHTTPAccessFallbackError(err) {
  const digest = !!err && /** @type {{ digest?: unknown }} */ (err).digest
  return typeof digest === 'string' && /^NEXT_HTTP_ERROR_FALLBACK;(401|403|404)$/.test(digest)
}

/** @param {unknown} err */
export function unstable_rethrow(err) {
  if (isRedirectError(err) || isHTTPAccessFallbackError(err)) throw err
}

/** @param {string} name @returns {() => never} */
function clientOnly(name) {
  return () => {
    throw new Error(
      `${name} only works in Client Components. Add the "use client" directive at the top of the file to use it.`,
    )
  }
}
export const useRouter = clientOnly('useRouter')
export const usePathname = clientOnly('usePathname')
export const useSearchParams = clientOnly('useSearchParams')
export const useParams = clientOnly('useParams')
