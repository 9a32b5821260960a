// The playground's App Router pages on the server: match a URL to app/**/page.tsx, then build the
// element tree (page inside its layouts) that React's Flight server renders.
import { createElement } from 'react'
import { load } from './module-system.js'

let routes = [] // [{ path, page, layouts }], static before dynamic (sorted by the compiler)

export function setRoutes(list) {
  routes = Array.isArray(list) ? list : []
}

export function listRoutes() {
  return routes.map((r) => r.path)
}

/** '/posts/[id]' against '/posts/7' → { id: '7' }, or null. */
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
  const params = {}
  for (let i = 0; i < want.length; i++) {
    const seg = want[i]
    const optionalRest = /^\[\[\.\.\.(.+)\]\]$/.exec(seg)
    const rest = /^\[\.\.\.(.+)\]$/.exec(seg)
    if (optionalRest || rest) {
      const tail = got.slice(i)
      if (rest && !tail.length) return null
      if (tail.length) params[(optionalRest || rest)[1]] = tail
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
export function matchRoute(url) {
  const u = new URL(String(url || '/'), 'http://playground.local')
  for (const route of routes) {
    const params = matchPath(route.path, u.pathname)
    if (params) return { route, params, pathname: u.pathname, searchParams: u.searchParams }
  }
  return null
}

function searchObject(searchParams) {
  const out = {}
  for (const [k, v] of searchParams) {
    if (k in out) out[k] = [].concat(out[k], v)
    else out[k] = v
  }
  return out
}

function defaultExport(file) {
  const mod = load(file)
  const Component = mod && mod.__esModule ? mod.default : mod && (mod.default || mod)
  if (typeof Component !== 'function' && !(Component && Component.$$typeof)) {
    throw new Error(`The default export of "${file}" is not a React Component.`)
  }
  return Component
}

/** The page inside its layouts; `params` and `searchParams` are promises, as in Next 15+. */
export function pageTree(match) {
  const { route, params, searchParams } = match
  const paramsPromise = Promise.resolve(params)
  const searchPromise = Promise.resolve(searchObject(searchParams))
  Object.assign(paramsPromise, params) // older examples read params synchronously
  let tree = createElement(defaultExport(route.page), {
    params: paramsPromise,
    searchParams: searchPromise,
  })
  for (let i = route.layouts.length - 1; i >= 0; i--) {
    tree = createElement(defaultExport(route.layouts[i]), { params: paramsPromise }, tree)
  }
  return tree
}

/** A route with no page: an element that throws Next's not-found error when rendered. */
export function notFoundTree() {
  return createElement(function NotFound() {
    const err = new Error('NEXT_HTTP_ERROR_FALLBACK;404')
    err.digest = 'NEXT_HTTP_ERROR_FALLBACK;404'
    throw err
  })
}

export function hasRootLayout(match) {
  return !!match && match.route.layouts.some((l) => /^app\/layout\.\w+$/.test(l))
}
