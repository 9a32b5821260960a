// The playground's App Router routes, read from its file names: app/**/page.tsx, with route groups
// `(name)`, dynamic `[id]`, catch-all `[...slug]` and optional catch-all `[[...slug]]` segments.
const PAGE = /^app\/(?:(.*)\/)?page\.(tsx|jsx|ts|js)$/
const LAYOUT = /^app\/(?:(.*)\/)?layout\.(tsx|jsx|ts|js)$/
// The files Next nests around a segment, outermost first: layout > template > error > loading >
// not-found > (the next segment or the page).
const SPECIAL =
  /^app\/(?:(.*)\/)?(layout|template|error|loading|not-found|global-error)\.(tsx|jsx|ts|js)$/
/** @type {Record<string, keyof Segment>} */
const KEY = { 'not-found': 'notFound', 'global-error': 'globalError' }

/**
 * @typedef {{ layout?: string, template?: string, error?: string, loading?: string,
 *   notFound?: string, globalError?: string }} Segment
 * @typedef {{ path: string, page: string, layouts: string[], segments: Segment[] }} Route
 */

/** @param {string} dir */
function urlOf(dir) {
  const segs = (dir ? dir.split('/') : []).filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'))
  return `/${segs.join('/')}`
}

/**
 * files → [{ path: '/posts/[id]', page: 'app/posts/[id]/page.tsx', layouts: ['app/layout.tsx', …],
 * segments: [{ layout, error, loading, notFound, … } per folder from app/ down to the page's] }]
 * @param {string[]} files
 * @returns {Route[]}
 */
export function listRoutes(files) {
  /** @type {Map<string, string>} */
  const layouts = new Map()
  /** @type {Map<string, Segment>} */
  const specials = new Map()
  for (const f of files) {
    const m = LAYOUT.exec(f)
    if (m) layouts.set(m[1] || '', f)
    const s = SPECIAL.exec(f)
    if (s) {
      const dir = s[1] || ''
      const seg = specials.get(dir) || {}
      seg[KEY[s[2]] || /** @type {keyof Segment} */ (s[2])] = f
      specials.set(dir, seg)
    }
  }
  const routes = []
  for (const f of files) {
    const m = PAGE.exec(f)
    if (!m) continue
    const dir = m[1] || ''
    /** @type {string[]} */
    const chain = []
    const segments = []
    const parts = dir ? dir.split('/') : []
    for (let i = 0; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/')
      const layout = layouts.get(d)
      if (layout !== undefined) chain.push(layout)
      segments.push({ ...specials.get(d) })
    }
    routes.push({ path: urlOf(dir), page: f, layouts: chain, segments })
  }
  // Static segments win over dynamic ones, as in Next.
  const rank = (/** @type {string} */ p) =>
    p
      .split('/')
      .map((s) => (s.startsWith('[[') ? 3 : s.startsWith('[...') ? 2 : s.startsWith('[') ? 1 : 0))
  routes.sort((a, b) => {
    const ra = rank(a.path)
    const rb = rank(b.path)
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
      const d = (ra[i] ?? -1) - (rb[i] ?? -1)
      if (d) return d
    }
    return a.path.localeCompare(b.path)
  })
  return routes
}
