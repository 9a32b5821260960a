// Rendering a route: Server Components → Flight (GET …/render, and `f` of action answers), and
// Flight → HTML through the SSR layer (GET/POST …/html, the no-JavaScript path).
import { createElement } from 'react'
import { createRequestStore, enterRequest, leaveRequest } from './request-store.js'
import { matchRoute, pageTree, notFoundTree, hasRootLayout } from './pages.js'
import { renderToBytes } from './flight.js'
import { isRedirectError, isHTTPAccessFallbackError } from './modules/next-navigation.js'
import { getSsr } from './ssr-layer.js'
import { pagePayload } from './payload.js'

/** NEXT_REDIRECT;<type>;<url, may contain ;>;<status>; → { url, type, status } */
export function parseRedirect(err) {
  const parts = err.digest.split(';')
  return {
    type: parts[1],
    url: parts.slice(2, -2).join(';'),
    status: Number(parts[parts.length - 2]) || 307,
  }
}

/** What the render saw: the first redirect, not-found or error decides the status. */
function outcomeTracker(hooks, initialStatus) {
  const outcome = {
    status: initialStatus,
    redirect: null,
    reason: initialStatus === 404 ? 'not-found' : null,
  }
  const onError = (err) => {
    if (isRedirectError(err)) outcome.redirect = outcome.redirect || parseRedirect(err)
    else if (isHTTPAccessFallbackError(err)) {
      const code = Number(err.digest.split(';')[1])
      if (outcome.status === 200) {
        outcome.status = code
        outcome.reason = { 404: 'not-found', 403: 'forbidden', 401: 'unauthorized' }[code]
      }
    } else if (outcome.status === 200) {
      outcome.status = 500
      outcome.reason = 'render-error'
    }
    return hooks.onError(err)
  }
  return { outcome, onError }
}

/** The element tree for a URL; a page that cannot even be built renders as its error. */
export function routeElement(path) {
  const match = matchRoute(path)
  if (!match) return { match, tree: notFoundTree(), status: 404 }
  try {
    return { match, tree: pageTree(match), status: 200 }
  } catch (err) {
    const Failed = () => {
      throw err
    }
    return { match, tree: createElement(Failed), status: 200 }
  }
}

/** A render-phase store: cookies as the browser sent them plus what an action just wrote. */
export function renderStore({ headers, cookies, path }, actionStore) {
  const store = createRequestStore({ headers, cookies, phase: 'render', url: path })
  if (actionStore) {
    for (const [name, w] of actionStore.cookieWrites) {
      if (w.value === '' && w.maxAge === 0) store.cookies.delete(name)
      else store.cookies.set(name, w.value)
    }
  }
  return store
}

/**
 * path → { status, reason, redirect, flight } rendered inside its own request scope. The Flight
 * root is Next 16's navigation payload `{q, i, S, r, b, t}` when `asPayload` (GET …/render), the
 * bare element tree for the HTML layer.
 */
export async function renderFlight(request, hooks, actionStore, asPayload = false) {
  const store = renderStore(request, actionStore)
  enterRequest(store)
  try {
    const { tree, status, match } = routeElement(request.path)
    const { outcome, onError } = outcomeTracker(hooks, status)
    const root = asPayload
      ? pagePayload({ path: request.path, tree, buildId: hooks.buildId, mode: hooks.mode })
      : tree
    const flight = await renderToBytes(root, { onError })
    return { ...outcome, flight, match }
  } finally {
    leaveRequest(store)
  }
}

/** path → HTML: the Flight render decoded by the SSR layer's Flight client and rendered by Fizz. */
export async function renderHtmlPage(request, hooks, { actionStore, formState } = {}) {
  const rendered = await renderFlight(request, hooks, actionStore)
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
