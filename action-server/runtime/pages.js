// The playground's App Router pages on the server: match a URL to app/**/page.tsx, then build the
// element tree (page inside its layouts) that React's Flight server renders.
import { createElement, Suspense } from 'react'
import { createClientModuleProxy } from 'react-server-dom-webpack/server.browser'
import { load } from './module-system.js'

/**
 * @typedef {{ layout?: string, template?: string, error?: string, loading?: string,
 *   notFound?: string, globalError?: string }} Segment
 * @typedef {{ path: string, page: string | null, layouts: string[], segments?: Segment[] }} Route
 * @typedef {{ segment: number, kind: 'error' | 'notFound', error?: { digest: string,
 *   message: string } | null, status?: number }} Fallback a boundary shown caught, for the HTML layer
 * @typedef {import('react').FunctionComponent<Record<string, unknown>>} Component a module's default export
 * @typedef {{ route: Route, params: Record<string, string | string[]>, pathname: string, searchParams: URLSearchParams }} Match
 */

/** @type {Route[]} static before dynamic (sorted by the compiler) */
let routes = []

// Next's boundaries are Client Components; the preview runtime and the HTML layer each provide
// these two modules under Next's own paths.
export const ERROR_BOUNDARY_MODULE = 'next/dist/client/components/error-boundary'
export const FALLBACK_BOUNDARY_MODULE =
  'next/dist/client/components/http-access-fallback/error-boundary'
/** @type {Record<'ErrorBoundary' | 'HTTPAccessFallbackBoundary', Component> | null} */
let boundaries = null
/** @param {'ErrorBoundary' | 'HTTPAccessFallbackBoundary'} name @returns {Component} */
function boundary(name) {
  boundaries ??= {
    ErrorBoundary: /** @type {Component} */ (
      createClientModuleProxy(ERROR_BOUNDARY_MODULE).ErrorBoundary
    ),
    HTTPAccessFallbackBoundary: /** @type {Component} */ (
      createClientModuleProxy(FALLBACK_BOUNDARY_MODULE).HTTPAccessFallbackBoundary
    ),
  }
  return boundaries[name]
}

/** @param {unknown} list */
export function setRoutes(list) {
  routes = Array.isArray(list) ? /** @type {Route[]} */ (list) : []
}

export function listRoutes() {
  return routes.map((r) => r.path)
}

/** '/posts/[id]' against '/posts/7' → { id: '7' }, or null. */
/** @param {string} pattern @param {string} pathname @returns {Record<string, string | string[]> | null} */
function matchPath(pattern, pathname) {
  const want = pattern.split('/').filter(Boolean)
  const got = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    })
  /** @type {Record<string, string | string[]>} */
  const params = {}
  for (let i = 0; i < want.length; i++) {
    const seg = want[i]
    const optionalRest = /^\[\[\.\.\.(.+)\]\]$/.exec(seg)
    const rest = /^\[\.\.\.(.+)\]$/.exec(seg)
    const restMatch = optionalRest || rest
    if (restMatch) {
      const tail = got.slice(i)
      if (rest && !tail.length) return null
      if (tail.length) params[restMatch[1]] = tail
      return params
    }
    if (i >= got.length) return null
    const dyn = /^\[(.+)\]$/.exec(seg)
    if (dyn) params[dyn[1]] = got[i]
    else if (seg !== got[i]) return null
  }
  return got.length === want.length ? params : null
}

/** '/posts/7?tab=x' → { route, params, pathname, searchParams } or null when no page matches. */
/** @param {unknown} url @returns {Match | null} */
export function matchRoute(url) {
  const u = new URL(String(url || '/'), 'http://playground.local')
  for (const route of routes) {
    const params = matchPath(route.path, u.pathname)
    if (params) return { route, params, pathname: u.pathname, searchParams: u.searchParams }
  }
  return null
}

/** @param {URLSearchParams} searchParams */
function searchObject(searchParams) {
  /** @type {Record<string, string | string[]>} */
  const out = {}
  for (const [k, v] of searchParams) {
    if (k in out) out[k] = /** @type {string[]} */ ([]).concat(out[k], v)
    else out[k] = v
  }
  return out
}

/** @param {string} file @returns {Component} */
function defaultExport(file) {
  const mod = /** @type {{ __esModule?: boolean, default?: unknown } | null | undefined} */ (
    load(file)
  )
  const Component = mod && mod.__esModule ? mod.default : mod && (mod.default || mod)
  if (
    typeof Component !== 'function' &&
    !(Component && /** @type {{ $$typeof?: symbol }} */ (Component).$$typeof)
  ) {
    throw new Error(`The default export of "${file}" is not a React Component.`)
  }
  return /** @type {Component} */ (Component)
}

/** Next's built-in 404 page (`next/dist/client/components/builtin/not-found`), its text. */
function DefaultNotFound() {
  return createElement(
    'div',
    { style: { fontFamily: 'system-ui, sans-serif', textAlign: 'center', padding: '20vh 0' } },
    createElement('title', null, '404: This page could not be found.'),
    createElement('h1', { className: 'next-error-h1' }, '404'),
    createElement('h2', null, 'This page could not be found.'),
  )
}

/** @returns {never} */
function NotFoundThrower() {
  const err = /** @type {Error & { digest?: string }} */ (new Error('NEXT_HTTP_ERROR_FALLBACK;404'))
  err.digest = 'NEXT_HTTP_ERROR_FALLBACK;404'
  throw err
}

/** The segments of a route (older deploys have only `layouts`). @param {Route} route @returns {Segment[]} */
function segmentsOf(route) {
  if (route.segments) return route.segments
  return route.layouts.map((layout) => ({ layout }))
}

/**
 * The page inside its segments, in Next's order per segment, outermost first: layout > template >
 * error boundary > Suspense (loading) > not-found boundary > the next segment, then the page.
 * `fallback` renders one boundary as already caught (the HTML layer cannot catch: see render.js).
 * @param {{ route: Route, params: Record<string, unknown>, searchParams: URLSearchParams }} match
 * @param {Fallback | null} [fallback]
 * @returns {import('react').ReactElement}
 */
export function pageTree(match, fallback = null) {
  const { route, params, searchParams } = match
  const paramsPromise = Promise.resolve(params)
  const searchPromise = Promise.resolve(searchObject(searchParams))
  void Object.assign(paramsPromise, params) // older examples read params synchronously
  /** @type {import('react').ReactElement} */
  let tree = route.page
    ? createElement(defaultExport(route.page), {
        params: paramsPromise,
        searchParams: searchPromise,
      })
    : createElement(NotFoundThrower)
  const segments = segmentsOf(route)
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]
    const caught = fallback && fallback.segment === i ? fallback : null
    // The root segment always has one: the app's not-found.tsx or Next's default 404.
    if (seg.notFound || i === 0) {
      const NotFound = seg.notFound ? defaultExport(seg.notFound) : DefaultNotFound
      /** @type {{ notFound: import('react').ReactElement, caughtStatus?: number }} */
      const props = { notFound: createElement(NotFound) }
      if (caught && caught.kind === 'notFound') props.caughtStatus = caught.status || 404
      tree = createElement(boundary('HTTPAccessFallbackBoundary'), props, caught ? null : tree)
    }
    if (seg.loading) {
      tree = createElement(Suspense, { fallback: createElement(defaultExport(seg.loading)) }, tree)
    }
    if (seg.error) {
      /** @type {{ errorComponent: Component, caughtError?: Fallback['error'] }} */
      const props = { errorComponent: defaultExport(seg.error) }
      if (caught && caught.kind === 'error') props.caughtError = caught.error
      tree = createElement(
        boundary('ErrorBoundary'),
        props,
        caught && caught.kind === 'error' ? null : tree,
      )
    }
    if (seg.template) tree = createElement(defaultExport(seg.template), null, tree)
    if (seg.layout) tree = createElement(defaultExport(seg.layout), { params: paramsPromise }, tree)
    if (i === 0 && seg.globalError) {
      /** @type {{ errorComponent: Component, caughtError?: Fallback['error'] }} */
      const props = { errorComponent: defaultExport(seg.globalError) }
      if (fallback && fallback.segment === -1) props.caughtError = fallback.error
      tree = createElement(boundary('ErrorBoundary'), props, fallback?.segment === -1 ? null : tree)
    }
  }
  return tree
}

/**
 * Where a caught error could be shown, innermost first: segment indexes with an error boundary
 * (-1 for global-error) or a not-found boundary.
 * @param {Route} route @param {'error' | 'notFound'} kind @returns {number[]}
 */
export function boundariesOf(route, kind) {
  const segments = segmentsOf(route)
  /** @type {number[]} */
  const out = []
  for (let i = segments.length - 1; i >= 0; i--) {
    if (kind === 'error' ? segments[i].error : segments[i].notFound || i === 0) out.push(i)
  }
  if (kind === 'error' && segments[0] && segments[0].globalError) out.push(-1)
  return out
}

/** A URL no page matches: the root segment (layout, not-found) around Next's not-found error. */
/** @returns {Match} */
export function notFoundMatch() {
  const root = routes.length ? segmentsOf(routes[0])[0] : undefined
  /** @type {Route} */
  const route = {
    path: '',
    page: null,
    layouts: root && root.layout ? [root.layout] : [],
    segments: root ? [root] : [{}],
  }
  return { route, params: {}, pathname: '/', searchParams: new URLSearchParams() }
}

/** @param {Match | null} match */
export function hasRootLayout(match) {
  return !!match && match.route.layouts.some((l) => /^app\/layout\.\w+$/.test(l))
}
