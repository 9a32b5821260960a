// Remark plugin, run at build time: each <Playground> in MDX keeps its fenced code blocks as the
// playground's files and gets them back as props — `files` (JSON) and `staticHtml` (the active
// file highlighted by shiki, shown before any JavaScript). Mistakes fail the build with page:line.
//
//   <Playground>
//   ```tsx app/page.tsx active
//   ```
//   ```ts app/actions.ts
//   ```
//   </Playground>
import { createHighlighter } from 'shiki'

export const FLAGS = ['active', 'hidden']
const LANGS = ['tsx', 'ts', 'jsx', 'js', 'json', 'css']
// The themes Nextra's own code blocks use (next.config.mjs): AA contrast on its code background.
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }

let highlighter
const getHighlighter = () =>
  (highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: LANGS }))

function where(file, node) {
  const line = node.position?.start.line
  return `${file.path ?? 'an MDX page'}${line ? `:${line}` : ''}`
}

/** Stops the build with the page and line. */
function fail(file, node, message) {
  const error = new Error(`<Playground> in ${where(file, node)}: ${message}`)
  error.name = 'PlaygroundSyntaxError'
  throw error
}

/** `app/page.tsx active` → { path: '/app/page.tsx', flags: ['active'] } */
export function parseMeta(meta) {
  const [path, ...flags] = (meta ?? '').trim().split(/\s+/).filter(Boolean)
  return { path, flags }
}

/** The file map of one <Playground> element, validated. Exported for tests. */
export function collectFiles(element, file) {
  const files = {}
  let active = null
  for (const child of element.children) {
    if (child.type !== 'code') {
      if (child.type === 'text' && !child.value.trim()) continue
      fail(file, child, 'only fenced code blocks (```tsx app/page.tsx) may appear inside it.')
    }
    const { path, flags } = parseMeta(child.meta)
    if (!path)
      fail(
        file,
        child,
        `a code block has no file name: write \`\`\`${child.lang ?? 'tsx'} app/page.tsx`,
      )
    if (!/^[\w@.-]+(\/[\w@.[\]-]+)*\.\w+$/.test(path))
      fail(file, child, `"${path}" is not a file path like app/page.tsx.`)
    const unknown = flags.filter((flag) => !FLAGS.includes(flag))
    if (unknown.length)
      fail(
        file,
        child,
        `unknown flag "${unknown[0]}" on ${path}; known flags: ${FLAGS.join(', ')}.`,
      )
    const key = `/${path.replace(/^\/+/, '')}`
    if (files[key]) fail(file, child, `${path} appears twice.`)
    files[key] = { code: child.value + '\n' }
    if (flags.includes('hidden')) files[key].hidden = true
    if (flags.includes('active')) {
      if (active) fail(file, child, `two files are marked active (${active.slice(1)} and ${path}).`)
      if (flags.includes('hidden')) fail(file, child, `${path} cannot be both active and hidden.`)
      files[key].active = true
      active = key
    }
  }
  const visible = Object.keys(files).filter((key) => !files[key].hidden)
  if (!visible.length) fail(file, element, 'it needs at least one visible file.')
  if (!active) {
    active = visible[0]
    files[active].active = true
  }
  return { files, active }
}

async function highlight(code, path) {
  const ext = path.split('.').pop()
  const lang = LANGS.includes(ext) ? ext : 'tsx'
  const shiki = await getHighlighter()
  return shiki.codeToHtml(code.replace(/\n$/, ''), { lang, themes: THEMES, defaultColor: false })
}

function attribute(name, value) {
  return { type: 'mdxJsxAttribute', name, value }
}

function findPlaygrounds(node, found = []) {
  if (
    (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
    node.name === 'Playground'
  )
    found.push(node)
  else for (const child of node.children ?? []) findPlaygrounds(child, found)
  return found
}

export default function remarkPlayground() {
  return async (tree, file) => {
    // Ids in page order: the same playground has the same id in every locale (share links).
    for (const [index, element] of findPlaygrounds(tree).entries()) {
      const { files, active } = collectFiles(element, file)
      const staticHtml = await highlight(files[active].code, active)
      element.attributes = [
        ...element.attributes.filter(
          (a) => !['files', 'staticHtml', 'playgroundId'].includes(a.name),
        ),
        attribute('files', JSON.stringify(files)),
        attribute('staticHtml', staticHtml),
        attribute('playgroundId', String(index + 1)),
      ]
      element.children = []
    }
  }
}
