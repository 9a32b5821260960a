// The roots of Next 16's RSC payloads, as `generateDynamicRSCPayload` (next@16.4.6,
// dist/server/app-render/app-render.js) builds them. Fields that only Next's client router reads
// keep their names and types here; what they hold instead is listed in conformance/DIFFERENCES.json.

/** `query` → Next's `q`: '' or '?k=v&…' (getRenderedSearch). `path` may carry a query string. */
/** @typedef {import('../../contract/http').Mode} Mode */
/** @typedef {{ path: string | null | undefined, tree: import('react').ReactNode, buildId: string, mode: Mode }} PayloadParts */

/** @param {unknown} path */
export function renderedSearch(path) {
  const at = typeof path === 'string' ? path.indexOf('?') : -1
  if (typeof path !== 'string' || at === -1) return ''
  const pairs = []
  for (const [key, value] of new URLSearchParams(path.slice(at + 1).split('#')[0])) {
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
  }
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** `t`: the rendered route. Next's `t.t` is its router tree; ours is the page's element tree. */
/** @param {import('react').ReactNode} tree */
function transport(tree) {
  return { t: tree, h: { r: null, p: false, v: null } }
}

/** `i`: could the route be intercepted. `next dev` always says true, `next start` false here. */
/** @param {Mode} mode */
function intercepted(mode) {
  return mode === 'development'
}

/**
 * An action's answer: `{a, q, i, t?, b}` — `t` only when the action revalidated (or failed after
 * revalidating), i.e. when Next does not skip page rendering.
 */
/** @param {PayloadParts & { actionResult: Promise<unknown> | null }} parts */
export function actionPayload({ actionResult, path, tree, buildId, mode }) {
  /** @type {{ a: Promise<unknown> | null, q: string, i: boolean, t?: ReturnType<typeof transport>, b?: string }} */
  const payload = { a: actionResult, q: renderedSearch(path), i: intercepted(mode) }
  if (tree !== undefined) payload.t = transport(tree)
  payload.b = buildId
  return payload
}

/** A navigation answer (GET …/render, and the body after an action's redirect()): `{q, i, S, b, t}`. */
/** @param {PayloadParts} parts */
export function pagePayload({ path, tree, buildId, mode }) {
  return {
    q: renderedSearch(path),
    i: intercepted(mode),
    S: false, // no per-segment prefetching: every playground route renders dynamically
    r: undefined, // root params Next's router varies on: none ("$undefined" on the wire, as Next)
    b: buildId,
    t: transport(tree),
  }
}
