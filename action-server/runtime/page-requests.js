// The isolate's entry points for pages: render a route to Flight or HTML, and run a form posted
// without JavaScript (React's decodeAction / decodeFormState, as Next does for MPA submissions).
import { createRequestStore, enterRequest, leaveRequest } from './request-store.js'
import { renderFlight, renderHtmlPage, parseRedirect } from './render.js'
import { renderHooks, getServerManifest, getMode, toBody } from './actions.js'
import { decodeAction, decodeFormState } from './flight.js'
import { isRedirectError, isHTTPAccessFallbackError } from './modules/next-navigation.js'
import { getSsr } from './ssr-layer.js'

/** @import { FormCall, IsolateApi, PageCall } from '../../contract/sandbox' */
/** @import { RequestStore } from './request-store.js' */

/**
 * @template {PageCall} T
 * @param {T | string} input the request, or its JSON
 * @returns {T}
 */
function parse(input) {
  return typeof input === 'string' ? JSON.parse(input) : input
}

/** @param {RequestStore} store */
function cookieWritesOf(store) {
  return [...store.cookieWrites.values()].map((c) => ({
    ...c,
    expires: c.expires instanceof Date ? c.expires.getTime() : c.expires,
  }))
}

/** @param {RequestStore} store */
function revalidatedOf(store) {
  return (
    store.revalidatedPaths.length > 0 ||
    store.revalidatedTags.length > 0 ||
    store.refreshed ||
    store.cookieWrites.size > 0
  )
}

/**
 * { path, headers, cookies } → { status, reason, redirect, flight }. As Next 16's RSC answer: 404
 * for a URL no page matches; 200 for a page whose render threw or called notFound() (the error
 * rows are in the stream, for the browser's boundaries; `reason` still names what happened).
 * @type {IsolateApi['render']}
 */
export async function render(input) {
  const request = parse(input)
  const r = await renderFlight(request, renderHooks, undefined, true)
  const status = r.match && r.match.route.page ? 200 : r.status
  return { status, reason: r.reason, redirect: r.redirect, flight: r.flight }
}

/** { path, headers, cookies } → { status, reason, redirect, html } */
/** @type {IsolateApi['renderHtml']} */
export async function renderHtml(input) {
  return renderHtmlPage(parse(input), renderHooks)
}

/**
 * { path, body: { form }, headers, cookies } → { status: 303, location, cookieWrites } after a
 * redirect, else { status, html, cookieWrites, revalidated } with the page rendered again.
 */
/** @type {IsolateApi['callFormAction']} */
export async function callFormAction(input) {
  /** @type {FormCall} */
  const request = parse(input)
  const store = createRequestStore({
    headers: request.headers,
    cookies: request.cookies,
    phase: 'action',
    url: request.path,
  })
  const form = /** @type {FormData} */ (toBody(request.body)) // a form post is always multipart
  enterRequest(store)
  /** @type {unknown} */
  let formState = null
  /** @type {unknown} anything the action threw */
  let failure = null
  try {
    const action = await decodeAction(form, getServerManifest())
    if (typeof action === 'function') {
      try {
        const result = await action()
        formState = await decodeFormState(result, form, getServerManifest())
      } catch (err) {
        if (isRedirectError(err)) {
          const { url } = parseRedirect(err)
          return {
            status: 303,
            location: url,
            cookieWrites: cookieWritesOf(store),
            revalidated: revalidatedOf(store),
          }
        }
        failure = err
      }
    }
  } catch (err) {
    failure = err // decodeAction refused the form
    store.cookieWrites.clear()
  } finally {
    leaveRequest(store)
  }
  if (failure && !isHTTPAccessFallbackError(failure)) {
    renderHooks.onError(failure) // logs it and gives it its digest
    return {
      status: 500,
      reason: 'action-error',
      html: getSsr().errorDocument(failure, getMode()),
      cookieWrites: cookieWritesOf(store),
    }
  }
  const page = await renderHtmlPage(request, renderHooks, { actionStore: store, formState })
  // A failure left here is notFound()/forbidden()/unauthorized(): the others returned above.
  const fallback = /** @type {import('./modules/next-navigation.js').DigestError | null} */ (
    failure
  )
  const status = fallback ? Number(fallback.digest.split(';')[1]) : page.status
  return { ...page, status, cookieWrites: cookieWritesOf(store), revalidated: revalidatedOf(store) }
}
