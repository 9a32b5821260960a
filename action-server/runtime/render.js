// Rendering a route: Server Components → Flight (GET …/render, and `f` of action answers), and
// Flight → HTML through the SSR layer (GET/POST …/html, the no-JavaScript path).
import { createElement } from 'react'
import { createRequestStore, enterRequest, leaveRequest } from './request-store.js'
import { matchRoute, pageTree, notFoundMatch, boundariesOf, hasRootLayout } from './pages.js'
import { renderToBytes } from './flight.js'
import { isRedirectError, isHTTPAccessFallbackError } from './modules/next-navigation.js'
import { getSsr } from './ssr-layer.js'
import { pagePayload } from './payload.js'

/** @import { PageCall, PageRedirect } from '../../contract/sandbox' */
/** @import { RequestStore } from './request-store.js' */
/** @import { Fallback, Match } from './pages.js' */
/** @import { DigestError } from './modules/next-navigation.js' */
/**
 * @typedef {object} RenderHooks
 * @property {(err: unknown) => string} onError logs the error, returns its digest
 * @property {import('../../contract/http').Mode} mode
 * @property {string} buildId
 */

/** NEXT_REDIRECT;<type>;<url, may contain ;>;<status>; → { url, type, status } */
/** @param {DigestError} err @returns {PageRedirect} */
export function parseRedirect(err) {
  const parts = err.digest.split(';')
  return {
    type: parts[1],
    url: parts.slice(2, -2).join(';'),
    status: Number(parts[parts.length - 2]) || 307,
  }
}

/** What the render saw: the first redirect, not-found or error decides the status. */
/** @param {RenderHooks} hooks @param {number} initialStatus */
function outcomeTracker(hooks, initialStatus) {
  const outcome = {
    status: initialStatus,
    /** @type {PageRedirect | null} */
    redirect: null,
    /** @type {string | null} */
    reason: initialStatus === 404 ? 'not-found' : null,
    /** @type {{ digest: string, message: string } | null} the first error, as a boundary shows it */
    error: null,
    threw: false, // anything but a redirect was thrown
  }
  /** @param {unknown} err */
  const onError = (err) => {
    if (!isRedirectError(err)) outcome.threw = true
    if (isRedirectError(err)) outcome.redirect = outcome.redirect || parseRedirect(err)
    else if (isHTTPAccessFallbackError(err)) {
      const code = Number(err.digest.split(';')[1])
      if (outcome.status === 200) {
        outcome.status = code
        outcome.reason =
          /** @type {Record<number, string>} */ ({
            404: 'not-found',
            403: 'forbidden',
            401: 'unauthorized',
          })[code] ?? null
      }
    } else if (outcome.status === 200) {
      outcome.status = 500
      outcome.reason = 'render-error'
    }
    const digest = hooks.onError(err)
    if (!outcome.error && !isRedirectError(err) && !isHTTPAccessFallbackError(err)) {
      outcome.error = { digest, message: errorMessage(err) }
    }
    return digest
  }
  return { outcome, onError }
}

/** @param {unknown} err */
function errorMessage(err) {
  return String(err && typeof err === 'object' && 'message' in err ? err.message : err).slice(
    0,
    2000,
  )
}

/**
 * The element tree for a URL; a page that cannot even be built renders as its error. A URL no page
 * matches renders the root segment's not-found (status 404), inside the root layout.
 * @param {string} path @param {Fallback | null} [fallback]
 * @returns {{ match: Match, tree: import('react').ReactElement, status: number }}
 */
export function routeElement(path, fallback = null) {
  const found = matchRoute(path)
  if (!found) {
    const match = notFoundMatch()
    return { match, tree: pageTree(match, fallback), status: 404 }
  }
  const match = found
  try {
    return { match, tree: pageTree(match, fallback), status: 200 }
  } catch (err) {
    /** @returns {never} */
    const Failed = () => {
      throw err
    }
    return { match, tree: createElement(Failed), status: 200 }
  }
}

/** A render-phase store: cookies as the browser sent them plus what an action just wrote. */
/** @param {PageCall} request @param {RequestStore} [actionStore] */
export function renderStore({ headers, cookies, path }, actionStore) {
  const store = createRequestStore({ headers, cookies, phase: 'render', url: path })
  if (actionStore) {
    for (const [name, w] of actionStore.cookieWrites) {
      if (w.value === '' && w.maxAge === 0) store.cookies.delete(name)
      else store.cookies.set(name, /** @type {string} set() always writes one */ (w.value))
    }
  }
  return store
}

/**
 * path → { status, reason, redirect, flight } rendered inside its own request scope. The Flight
 * root is Next 16's navigation payload `{q, i, S, r, b, t}` when `asPayload` (GET …/render), the
 * bare element tree for the HTML layer.
 * @param {PageCall} request @param {RenderHooks} hooks @param {RequestStore | undefined} actionStore
 * @param {boolean} [asPayload] @param {Fallback | null} [fallback]
 */
export async function renderFlight(
  request,
  hooks,
  actionStore,
  asPayload = false,
  fallback = null,
) {
  const store = renderStore(request, actionStore)
  enterRequest(store)
  try {
    const { tree, status, match } = routeElement(request.path, fallback)
    const { outcome, onError } = outcomeTracker(fallback ? quiet(hooks) : hooks, status)
    const root = asPayload
      ? pagePayload({ path: request.path, tree, buildId: hooks.buildId, mode: hooks.mode })
      : tree
    const flight = await renderToBytes(root, { onError })
    return { ...outcome, flight, match }
  } finally {
    leaveRequest(store)
  }
}

/** The same hooks without logging: a render again for a boundary already logged its error. */
/** @param {RenderHooks} hooks @returns {RenderHooks} */
function quiet(hooks) {
  return {
    ...hooks,
    onError: (err) => {
      const digest = err && /** @type {{ digest?: unknown }} */ (err).digest
      return typeof digest === 'string' ? digest : ''
    },
  }
}

/**
 * React's server renderer has no error boundaries (a browser's React catches the error and shows
 * error.tsx or not-found.tsx): for the HTML answer the page is rendered again with the nearest
 * boundary shown as caught, innermost first, until one render holds no error (an error thrown
 * above a boundary — in its own layout — reaches the next one out, as in the browser). The status
 * stays the first render's (500, 404…), as Next's.
 * @param {PageCall} request @param {RenderHooks} hooks @param {RequestStore | undefined} actionStore
 * @param {Awaited<ReturnType<typeof renderFlight>>} rendered
 */
async function renderCaught(request, hooks, actionStore, rendered) {
  if (!rendered.match) return rendered
  const kind =
    rendered.status === 500 && rendered.error
      ? 'error'
      : rendered.status === 404
        ? 'notFound'
        : null
  if (!kind) return rendered
  for (const segment of boundariesOf(rendered.match.route, kind)) {
    /** @type {Fallback} */
    const fallback =
      kind === 'error' ? { segment, kind, error: rendered.error } : { segment, kind, status: 404 }
    const again = await renderFlight(request, hooks, actionStore, false, fallback)
    if (!again.threw) {
      return { ...again, status: rendered.status, reason: rendered.reason, match: rendered.match }
    }
  }
  return rendered
}

/** path → HTML: the Flight render decoded by the SSR layer's Flight client and rendered by Fizz. */
/**
 * @param {PageCall} request @param {RenderHooks} hooks
 * @param {{ actionStore?: RequestStore, formState?: unknown }} [options]
 */
export async function renderHtmlPage(request, hooks, { actionStore, formState } = {}) {
  const rendered = await renderCaught(
    request,
    hooks,
    actionStore,
    await renderFlight(request, hooks, actionStore),
  )
  const ssr = getSsr()
  const store = renderStore(request, actionStore)
  enterRequest(store)
  try {
    const html = await ssr.renderHtml(rendered.flight, {
      formState: formState || null,
      wrapDocument: !hasRootLayout(rendered.match),
      location: request.path,
      params: rendered.match ? rendered.match.params : {},
      mode: hooks.mode,
    })
    return { status: rendered.status, reason: rendered.reason, redirect: rendered.redirect, html }
  } finally {
    leaveRequest(store)
  }
}
