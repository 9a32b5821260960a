// The playground's App Router routes, read from its file names: app/**/page.tsx, with route groups
// `(name)`, dynamic `[id]`, catch-all `[...slug]` and optional catch-all `[[...slug]]` segments.
const PAGE = /^app\/(?:(.*)\/)?page\.(tsx|jsx|ts|js)$/
const LAYOUT = /^app\/(?:(.*)\/)?layout\.(tsx|jsx|ts|js)$/

/** @param {string} dir */
function urlOf(dir) {
  const segs = (dir ? dir.split('/') : []).filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'))
  return `/${segs.join('/')}`
}

/** files → [{ path: '/posts/[id]', page: 'app/posts/[id]/page.tsx', layouts: ['app/layout.tsx', …] }] */
/**
 * @param {string[]} files
 * @returns {import('../../contract/sandbox.js').RouteDef[]}
 */
export function listRoutes(files) {
  /** @type {Map<string, string>} */
  const layouts = new Map()
  for (const f of files) {
    const m = LAYOUT.exec(f)
    if (m) layouts.set(m[1] || '', f)
  }
  const routes = []
  for (const f of files) {
    const m = PAGE.exec(f)
    if (!m) continue
    const dir = m[1] || ''
    /** @type {string[]} */
    const chain = []
    const parts = dir ? dir.split('/') : []
    for (let i = 0; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/')
      const layout = layouts.get(d)
      if (layout !== undefined) chain.push(layout)
    }
    routes.push({ path: urlOf(dir), page: f, layouts: chain })
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
