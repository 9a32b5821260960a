// Every English example as one real Next.js 16 app (conformance/.examples/, built with
// conformance/'s real next@16.4.6): each playground, exported the way the Download button exports
// it, under its own route `/<slug>`. A request to `<slug>.localhost` is rewritten to that route, so
// in a browser each example also runs at `/` of its own host, as the downloaded app would: its
// redirect('/…'), links and revalidatePath('/…') mean what they say. An example with its own
// next.config.ts (cacheComponents, experimental.taint, serverActions…) gets an app of its own,
// built with that config as its downloaded project would be (conformance/.examples-<slug>/).
// Built once for their sources; tests/conformance/examples.test.mjs and example-checks.test.mjs
// share the builds.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createServer } from 'node:net'
import { build } from 'esbuild'
import { importTs } from './import-ts.mjs'
import { CONFORMANCE_DIR, prepareNext16, startNext16, withLock } from './next16.mjs'
import { sitePlaygrounds } from './playgrounds.mjs'

export const EXAMPLES_APP = join(CONFORMANCE_DIR, '.examples')
const CONFIG = 'next.config.ts'

/** The English playgrounds, each with the slug of its route in the app. */
export function englishExamples() {
  return sitePlaygrounds()
    .filter((p) => p.locale === 'en')
    .map((p) => ({
      ...p,
      slug: `${(p.route || '/index').slice(1).replace(/\W+/g, '-')}-${p.index}`,
    }))
}

/** @param {object} own the example's next.config.ts settings ({} for the shared app) */
const nextConfig = (own) => `import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// conformance/ holds the node_modules this app builds with.
const root = dirname(dirname(fileURLToPath(import.meta.url)))

const example = '(?<slug>[a-z0-9-]+)'
const byHost = [{ type: 'host', value: \`\${example}\\\\.localhost\` }]
// After an action's redirect('/…') Next fetches the target itself, from its own address
// (127.0.0.1) with the action's headers: the browser's Origin still names the example.
const byOrigin = [{ type: 'header', key: 'origin', value: \`http://\${example}\\\\.localhost(:\\\\d+)?\` }]
const missing = [{ type: 'host', value: '.*\\\\.localhost' }]

export default {
  ...${JSON.stringify(own)},
  turbopack: { root },
  outputFileTracingRoot: root,
  // <slug>.localhost/… is the example <slug> at the root of its own host (Next's own files aside).
  async rewrites() {
    // Next applies every matching rule in turn: "/" after the others, so no path is prefixed twice.
    return {
      beforeFiles: [
        { source: '/:path((?!_next/).+)', has: byHost, destination: '/:slug/:path' },
        { source: '/', has: byHost, destination: '/:slug' },
        { source: '/:path((?!_next/).+)', has: byOrigin, missing, destination: '/:slug/:path' },
        { source: '/', has: byOrigin, missing, destination: '/:slug' },
      ],
    }
  },
}
`

/** next/cache for the example under /<slug>: its revalidatePath('/…') means its own '/…'. */
const cacheShim = (slug) => `export * from 'next/cache'
import { revalidatePath as revalidate } from 'next/cache'

export function revalidatePath(path: string, type?: 'layout' | 'page') {
  return revalidate(path === '/' ? '/${slug}' : \`/${slug}\${path}\`, type)
}
`

// Between two checks (tests only), as a fresh server would be: GET /test-reset empties the
// examples' shared in-memory @/lib/db (a page, so that it holds the same @/lib/db as the pages and
// their actions: a route handler is bundled in another layer, with its own copy), then POST
// /test-revalidate drops the pages Next rendered from it since the build.
const RESET_PAGE = `import { Suspense } from 'react'
import { connection } from 'next/server'
import { restoreTables } from '@/lib/db'

// Rendered at request time in every app (route segment config would clash with cacheComponents).
async function Reset() {
  await connection()
  restoreTables([])
  return <p>reset</p>
}

export default function Page() {
  return (
    <Suspense fallback={null}>
      <Reset />
    </Suspense>
  )
}
`

const REVALIDATE_ROUTE = `import { revalidatePath } from 'next/cache'

export async function POST() {
  revalidatePath('/', 'layout')
  return new Response('revalidated')
}
`

/** The example's next.config.ts as a plain object (its settings are data), via esbuild. */
async function exampleConfig(code) {
  const out = await build({
    stdin: { contents: code, loader: 'ts', resolveDir: CONFORMANCE_DIR },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  })
  const module = await import(
    `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
  )
  return module.default
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The apps: one for every example without a next.config.ts, one per example with its own.
 * @returns {{ dir: string, examples: ReturnType<typeof englishExamples> }[]}
 */
export function exampleApps() {
  const examples = englishExamples()
  return [
    { dir: EXAMPLES_APP, examples: examples.filter((e) => !e.files[CONFIG]) },
    ...examples
      .filter((e) => e.files[CONFIG])
      .map((e) => ({ dir: join(CONFORMANCE_DIR, `.examples-${e.slug}`), examples: [e] })),
  ]
}

/** Writes and builds one app unless it was built from these very files already. */
async function buildApp({ dir, examples }, base) {
  const own = examples.find((e) => e.files[CONFIG])
  const files = {
    'lib/db.ts': base['lib/db.ts'],
    'lib/auth.ts': base['lib/auth.ts'],
    'tsconfig.json': base['tsconfig.json'],
    'app/layout.tsx': base['app/layout.tsx'],
    'next.config.mjs': nextConfig(own ? await exampleConfig(own.files[CONFIG].code) : {}),
    'app/test-reset/page.tsx': RESET_PAGE,
    'app/test-revalidate/route.ts': REVALIDATE_ROUTE,
    'app/page.tsx': `export default function Index() {\n  return <ul>${examples
      .map((e) => `<li><a href="/${e.slug}">${e.slug}</a></li>`)
      .join('')}</ul>\n}\n`,
  }
  for (const e of examples) {
    files[`lib/examples/${e.slug}/cache.ts`] = cacheShim(e.slug)
    // The only change to the example's code: which next/cache it imports.
    for (const [path, { code }] of Object.entries(e.files))
      if (path !== CONFIG)
        files[path.replace(/^app\//, `app/${e.slug}/`)] = code.replace(
          /(from\s+)(['"])next\/cache\2/g,
          `$1'@/lib/examples/${e.slug}/cache'`,
        )
  }
  const hash = createHash('sha256')
  for (const path of Object.keys(files).sort()) hash.update(path).update('\0').update(files[path])
  hash.update(readFileSync(join(CONFORMANCE_DIR, 'package-lock.json')))
  const sources = hash.digest('hex')
  const stamp = join(dir, '.next', '.examples-sources')
  // One test file at a time writes and builds: the other then finds the build current.
  return withLock(() => {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sources)
      return { status: 0, output: '' }
    rmSync(join(dir, 'app'), { recursive: true, force: true })
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    const r = spawnSync(
      process.execPath,
      [join(CONFORMANCE_DIR, 'node_modules/next/dist/bin/next'), 'build'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
    )
    if (r.status === 0) writeFileSync(stamp, sources)
    return { status: r.status, output: `${dir}:\n${r.stdout}\n${r.stderr}` }
  })
}

/**
 * Builds every app that is not current. Resolves to { examples, status, output }: status 0 when
 * all built, else the first failure's status and output.
 */
export async function buildExamplesApp() {
  prepareNext16()
  const { nextProjectFiles } = await importTs('components/playground/download/nextProject.ts')
  // The shared files come from the Download button's own project (lib/, tsconfig, layout).
  const base = nextProjectFiles({}, 'examples')
  for (const app of exampleApps()) {
    const built = await buildApp(app, base)
    if (built.status !== 0) return { examples: englishExamples(), ...built }
  }
  return { examples: englishExamples(), status: 0, output: '' }
}

/**
 * `next start` of every built examples app, each on a free port. `url` is the shared app's;
 * `urlFor(slug)` the one serving that example.
 */
export async function startExamplesApp() {
  const servers = []
  const bySlug = new Map()
  try {
    for (const app of exampleApps()) {
      const server = await startNext16(await freePort(), app.dir)
      servers.push(server)
      for (const e of app.examples) bySlug.set(e.slug, server.url)
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()))
    throw error
  }
  return {
    url: servers[0].url,
    /** @param {string} slug */
    urlFor: (slug) => bySlug.get(slug) ?? servers[0].url,
    stop: () => Promise.all(servers.map((server) => server.stop())).then(() => undefined),
  }
}
