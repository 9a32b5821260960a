// Build step (`npm run build`, before `next build`): each playground's first render as plain HTML,
// made by the live server itself (GET …/html, the JavaScript-off view), so a page shows what its
// examples do before any JavaScript runs — the way its code is already shown (issue 14). The
// remark plugin finds a snapshot by the hash of the playground's files and hands it to the
// playground, which shows it in a script-less frame until the live preview is ready.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createProcessor } from '@mdx-js/mdx'
import { VFile } from 'vfile'
import { startServer } from '../action-server/serve.mjs'
import {
  collectFiles,
  findPlaygrounds,
  SNAPSHOT_DIR,
  snapshotKey,
} from '../components/playground/build/remark-playground.mjs'
import { allPages, ROOT } from './site-pages.mjs'

const SOURCE = /\.(?:tsx?|jsx?|mjs|cjs)$/
// The preview page's own base style (font, spacing, color scheme), so the snapshot looks like it.
const BASE_STYLE =
  /<style>[\s\S]*?<\/style>/.exec(
    readFileSync(join(ROOT, 'preview-runtime/index.html'), 'utf8'),
  )?.[0] ?? ''

/** [{ where, key, files }] for every playground of every page. */
function playgrounds() {
  const processor = createProcessor()
  return allPages().flatMap(({ locale, route }) => {
    const path = join(ROOT, 'pages', locale, `${route || '/index'}.mdx`)
    const tree = processor.parse(readFileSync(path, 'utf8'))
    return findPlaygrounds(tree).map((element, index) => {
      const { files } = collectFiles(element, new VFile({ path }))
      return { where: `/${locale}${route} #${index + 1}`, key: snapshotKey(files), files }
    })
  })
}

/**
 * The playground's page `/` as the live server renders it without JavaScript.
 * @param {string} url the live server's origin
 * @param {Record<string, { code: string }>} files
 */
async function snapshot(url, files) {
  /** @param {string} path @param {RequestInit} [init] */
  const call = async (path, init) => {
    const r = await fetch(`${url}/api/live${path}`, init)
    if (!r.ok)
      throw new Error(`${path.split('?')[0]}: ${r.status} ${(await r.text()).slice(0, 200)}`)
    return r
  }
  const { session } = /** @type {{ session: string }} */ (
    await (await call('/sessions', { method: 'POST' })).json()
  )
  try {
    const serverFiles = Object.fromEntries(
      Object.entries(files)
        .filter(([path]) => SOURCE.test(path))
        .map(([path, file]) => [path.slice(1), file.code]),
    )
    await call(`/${session}/files`, { method: 'PUT', body: JSON.stringify({ files: serverFiles }) })
    const html = await (await call(`/${session}/html?path=%2F`)).text()
    // The frame runs no script: React's streaming scripts would only log "blocked" errors. (Our
    // own examples' HTML, at build time: a regex is fine here.) Its base style goes first, so the
    // example's own styles still win.
    return html
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
      .replace(/<head>/i, (head) => `${head}${BASE_STYLE}`)
  } finally {
    await fetch(`${url}/api/live/${session}`, { method: 'DELETE' }).catch(() => {})
  }
}

const started = Date.now()
const all = playgrounds()
rmSync(SNAPSHOT_DIR, { recursive: true, force: true })
mkdirSync(SNAPSHOT_DIR, { recursive: true })
// Its own in-memory live server (no REDIS_URL or LIVE_* from the environment), with generous
// limits: a build box may be busy, these are the site's own examples, and it opens one session
// per playground.
const server = await startServer({
  env: {},
  cpuMs: 5_000,
  wallMs: 30_000,
  sessionBurst: 10_000,
  sessionsPerMinute: 10_000,
})
/** @type {string[]} */
const failed = []
try {
  // A few at a time: the sandbox pool renders them side by side.
  const queue = [...all]
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        writeFileSync(
          join(SNAPSHOT_DIR, `${item.key}.html`),
          await snapshot(server.url, item.files),
        )
      } catch (error) {
        // The playground then shows its "starting" note until the live preview is ready.
        failed.push(`${item.where}: ${error instanceof Error ? error.message : error}`)
      }
    }
  }
  await Promise.all(Array.from({ length: 2 }, worker))
} finally {
  await server.close()
}
const made = readdirSync(SNAPSHOT_DIR).length
console.log(
  `preview snapshots → public/snapshots/ (${made} of ${all.length} playgrounds, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
for (const line of failed) console.warn(`  no snapshot for ${line}`)
