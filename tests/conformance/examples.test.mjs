// Every English example is genuine Next.js 16 code (issues 11 and 16): each playground, exported
// the way the Download button exports it, goes under its own route of one app
// (conformance/.examples/, built with conformance/'s real next@16.4.6), which must build with
// Next's defaults (TypeScript included) and answer every route with 200 under `next start`.
// An example with its own next.config.ts (cacheComponents, experimental.taint, serverActions…)
// gets an app of its own built with that config, as the downloaded project would be.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createServer } from 'node:net'
import { build } from 'esbuild'
import { CONFORMANCE_DIR, prepareNext16, startNext16 } from '../support/next16.mjs'
import { sitePlaygrounds } from '../support/playgrounds.mjs'

const CONFIG = 'next.config.ts'
const examples = sitePlaygrounds()
  .filter((p) => p.locale === 'en')
  .map((p) => ({ ...p, slug: `${(p.route || '/index').slice(1).replace(/\W+/g, '-')}-${p.index}` }))

/** One app for the examples without a config, one per example with its own next.config.ts. */
const apps = [
  { dir: join(CONFORMANCE_DIR, '.examples'), examples: examples.filter((e) => !e.files[CONFIG]) },
  ...examples
    .filter((e) => e.files[CONFIG])
    .map((e) => ({ dir: join(CONFORMANCE_DIR, `.examples-${e.slug}`), examples: [e] })),
]

async function nextProjectModule() {
  const out = await build({
    entryPoints: [
      new URL('../../components/playground/download/nextProject.ts', import.meta.url).pathname,
    ],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  })
  return import(
    `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
  )
}

function write(app, path, text) {
  mkdirSync(dirname(join(app, path)), { recursive: true })
  writeFileSync(join(app, path), text)
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

async function buildApp(app, base) {
  const own = app.examples.find((e) => e.files[CONFIG])
  const config = own ? await exampleConfig(own.files[CONFIG].code) : {}
  const files = {
    'lib/db.ts': base['lib/db.ts'],
    'lib/auth.ts': base['lib/auth.ts'],
    'tsconfig.json': base['tsconfig.json'],
    'app/layout.tsx': base['app/layout.tsx'],
    'next.config.mjs': [
      "import { dirname } from 'node:path'",
      "import { fileURLToPath } from 'node:url'",
      '// conformance/ holds the node_modules this app builds with.',
      'const root = dirname(dirname(fileURLToPath(import.meta.url)))',
      `const example = ${JSON.stringify(config)}`,
      'export default { ...example, turbopack: { root }, outputFileTracingRoot: root }',
      '',
    ].join('\n'),
    'app/page.tsx': `export default function Index() {\n  return <ul>${app.examples
      .map((e) => `<li><a href="/${e.slug}">${e.slug}</a></li>`)
      .join('')}</ul>\n}\n`,
  }
  for (const e of app.examples)
    for (const [path, { code }] of Object.entries(e.files))
      if (path !== CONFIG) files[path.replace(/^app\//, `app/${e.slug}/`)] = code
  const hash = createHash('sha256')
  for (const path of Object.keys(files).sort()) hash.update(path).update('\0').update(files[path])
  hash.update(readFileSync(join(CONFORMANCE_DIR, 'package-lock.json')))
  const sources = hash.digest('hex')
  const stamp = join(app.dir, '.next', '.examples-sources')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sources) {
    app.status = 0 // built from these very files already
  } else {
    rmSync(join(app.dir, 'app'), { recursive: true, force: true })
    for (const [path, text] of Object.entries(files)) write(app.dir, path, text)
    const r = spawnSync(
      process.execPath,
      [join(CONFORMANCE_DIR, 'node_modules/next/dist/bin/next'), 'build'],
      {
        cwd: app.dir,
        encoding: 'utf8',
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    )
    app.status = r.status
    app.output = `${r.stdout}\n${r.stderr}`
    if (r.status === 0) writeFileSync(stamp, sources)
  }
  if (app.status === 0) app.next = await startNext16(await freePort(), app.dir)
}

before(async () => {
  prepareNext16()
  const { nextProjectFiles } = await nextProjectModule()
  // The shared files come from the Download button's own project (lib/, tsconfig, layout).
  const base = nextProjectFiles({}, 'examples')
  for (const app of apps) await buildApp(app, base)
})

after(async () => {
  for (const app of apps) await app.next?.stop()
})

for (const app of apps) {
  const name = app.dir.slice(CONFORMANCE_DIR.length).replace(/^\//, '')
  test(`${name}: its ${app.examples.length} English examples build with real Next 16`, () => {
    assert.ok(app.examples.length > 0 || name === '.examples')
    assert.equal(app.status, 0, `next build failed:\n${(app.output ?? '').slice(-6000)}`)
  })
  for (const e of app.examples) {
    test(`${e.slug} renders under next start`, async (t) => {
      if (!app.next) return t.skip('the build failed')
      const r = await fetch(`${app.next.url}/${e.slug}`)
      const html = await r.text()
      assert.equal(r.status, 200, html.slice(0, 500))
    })
  }
}
