// The playgrounds of the site's MDX pages, read from source: [{ page, index, files, check }].
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, allPages } from '../../scripts/site-pages.mjs'

const PLAYGROUND = /<Playground\b[^>]*>([\s\S]*?)<\/Playground>/g
const FENCE = /^```(\w+)[ \t]+([^\n]*)\n([\s\S]*?)^```$/gm

export function playgroundsOf(source) {
  return [...source.matchAll(PLAYGROUND)].map((match) => {
    const files = {}
    for (const [, , meta, code] of match[1].matchAll(FENCE)) {
      const [path, ...flags] = meta.trim().split(/\s+/)
      files[path] = { code, flags }
    }
    return files
  })
}

export function sitePlaygrounds() {
  return allPages().flatMap(({ locale, route, path }) => {
    const file = join(ROOT, 'pages', locale, `${route || '/index'}.mdx`)
    return playgroundsOf(readFileSync(file, 'utf8')).map((files, index) => {
      const { 'check.json': check, ...rest } = files
      return {
        locale,
        route,
        path,
        index,
        files: rest,
        check: check ? JSON.parse(check.code) : null,
      }
    })
  })
}

/** Code with comments, string literals and JSX text blanked: what must match across locales. */
export function codeShape(code) {
  return (
    code
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1')
      .replace(/`(?:\\.|[^`\\])*`/g, '""')
      .replace(/'(?:\\.|[^'\\\n])*'/g, '""')
      .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
      // JSX text: runs between a tag or expression and the next tag or expression.
      .replace(/([>}])([^<>{}]+)(?=[<{])/g, (_, edge, text) => (text.trim() ? `${edge}T` : edge))
      .replace(/\s+/g, ' ')
      .trim()
  )
}
