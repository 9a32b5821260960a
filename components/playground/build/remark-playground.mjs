// Remark plugin, run at build time: each <Playground> in MDX keeps its fenced code blocks as the
// playground's files and gets them back as props — `files` (JSON), `staticHtml` (the active
// file highlighted by shiki, shown before any JavaScript) and `snapshot` (the URL of its first
// render as HTML). Mistakes fail the build with page:line.
//
//   <Playground>
//   ```tsx app/page.tsx active
//   ```
//   ```ts app/actions.ts
//   ```
//   </Playground>
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createHighlighter } from 'shiki'

/**
 * @typedef {import('mdast').Root} Root
 * @typedef {import('mdast-util-mdx-jsx').MdxJsxFlowElement
 *   | import('mdast-util-mdx-jsx').MdxJsxTextElement} PlaygroundElement
 * @typedef {{ position?: import('unist').Position }} Located
 * @typedef {import('vfile').VFile} VFile
 * @typedef {{ code: string, hidden?: boolean, active?: boolean }} PlaygroundFile
 */

export const FLAGS = ['active', 'hidden']
const LANGS = ['tsx', 'ts', 'jsx', 'js', 'json', 'css']
// The themes Nextra's own code blocks use (next.config.mjs): AA contrast on its code background.
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }

/** @type {ReturnType<typeof createHighlighter> | undefined} */
let highlighter
const getHighlighter = () =>
  (highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: LANGS }))

/**
 * @param {VFile} file
 * @param {Located} node
 */
function where(file, node) {
  const line = node.position?.start.line
  return `${file.path ?? 'an MDX page'}${line ? `:${line}` : ''}`
}

/**
 * Stops the build with the page and line.
 * @param {VFile} file
 * @param {Located} node
 * @param {string} message
 * @returns {never}
 */
function fail(file, node, message) {
  const error = new Error(`<Playground> in ${where(file, node)}: ${message}`)
  error.name = 'PlaygroundSyntaxError'
  throw error
}

/**
 * `app/page.tsx active` → { path: '/app/page.tsx', flags: ['active'] }
 * @param {string | null | undefined} meta
 */
export function parseMeta(meta) {
  const [path, ...flags] = (meta ?? '').trim().split(/\s+/).filter(Boolean)
  return { path, flags }
}

/**
 * The file map of one <Playground> element, validated. Exported for tests.
 * @param {PlaygroundElement} element
 * @param {VFile} file
 */
export function collectFiles(element, file) {
  /** @type {Record<string, PlaygroundFile>} */
  const files = {}
  /** @type {string | null} */
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

/**
 * @param {string} code
 * @param {string} path
 */
async function highlight(code, path) {
  const ext = path.split('.').pop() ?? ''
  const lang = LANGS.includes(ext) ? ext : 'tsx'
  const shiki = await getHighlighter()
  const html = shiki.codeToHtml(code.replace(/\n$/, ''), {
    lang,
    themes: THEMES,
    defaultColor: false,
  })
  // An MDX attribute string folds its line breaks into spaces, which put the whole file on one
  // line before JavaScript: the HTML entity survives and is a line break again inside <pre>.
  return html.replace(/\n/g, '&#10;')
}

/**
 * Where scripts/preview-snapshots.mjs leaves each playground's first render as HTML: a file the
 * site serves at SNAPSHOT_PATH, so the page names it rather than carrying it (in its HTML and
 * again in its JavaScript), and a frame below the fold loads it only when it comes near.
 */
export const SNAPSHOT_DIR = fileURLToPath(new URL('../../../public/snapshots/', import.meta.url))
export const SNAPSHOT_PATH = '/snapshots/'

/**
 * A playground's snapshot name: the hash of its files, so an edited example never shows a stale one.
 * @param {Record<string, PlaygroundFile>} files
 */
export function snapshotKey(files) {
  return createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 20)
}

/**
 * The snapshot's URL, when the build made one.
 * @param {Record<string, PlaygroundFile>} files
 */
function snapshotUrl(files) {
  const name = `${snapshotKey(files)}.html`
  return existsSync(`${SNAPSHOT_DIR}${name}`) ? `${SNAPSHOT_PATH}${name}` : null
}

/**
 * @param {string} name
 * @param {string} value
 * @returns {import('mdast-util-mdx-jsx').MdxJsxAttribute}
 */
function attribute(name, value) {
  return { type: 'mdxJsxAttribute', name, value }
}

/** Every <Playground> element of an MDX tree. Exported for scripts/preview-snapshots.mjs. */
/**
 * @param {Root | import('mdast').RootContent} node
 * @param {PlaygroundElement[]} found
 */
export function findPlaygrounds(node, found = []) {
  if (
    (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
    node.name === 'Playground'
  )
    found.push(node)
  else if ('children' in node) for (const child of node.children) findPlaygrounds(child, found)
  return found
}

export default function remarkPlayground() {
  /**
   * @param {Root} tree
   * @param {VFile} file
   */
  return async (tree, file) => {
    // Ids in page order: the same playground has the same id in every locale (share links).
    for (const [index, element] of findPlaygrounds(tree).entries()) {
      const { files, active } = collectFiles(element, file)
      const staticHtml = await highlight(files[active].code, active)
      // Made before `next build` by scripts/preview-snapshots.mjs; absent under `next dev`.
      const snapshot = snapshotUrl(files)
      element.attributes = [
        ...element.attributes.filter(
          (a) =>
            a.type !== 'mdxJsxAttribute' ||
            !['files', 'staticHtml', 'snapshot', 'playgroundId'].includes(a.name),
        ),
        attribute('files', JSON.stringify(files)),
        attribute('staticHtml', staticHtml),
        attribute('playgroundId', String(index + 1)),
        ...(snapshot ? [attribute('snapshot', snapshot)] : []),
      ]
      element.children = []
    }
  }
}
