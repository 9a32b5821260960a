// Every English example is genuine Next.js 16 code (issues 11 and 16): each playground, exported
// the way the Download button exports it, goes under its own route of one app
// (conformance/.examples/, built with conformance/'s real next@16.4.6), which must build with
// Next's defaults (TypeScript included) and answer every route with 200 under `next start`.
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

const APP = join(CONFORMANCE_DIR, '.examples')
const examples = sitePlaygrounds()
  .filter((p) => p.locale === 'en')
  .map((p) => ({ ...p, slug: `${(p.route || '/index').slice(1).replace(/\W+/g, '-')}-${p.index}` }))

let next
let buildOutput = ''
let buildStatus = null

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

function write(path, text) {
  mkdirSync(dirname(join(APP, path)), { recursive: true })
  writeFileSync(join(APP, path), text)
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

before(async () => {
  prepareNext16()
  const { nextProjectFiles } = await nextProjectModule()
  // The shared files come from the Download button's own project (lib/, tsconfig, layout).
  const base = nextProjectFiles({}, 'examples')
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
      'export default { turbopack: { root }, outputFileTracingRoot: root }',
      '',
    ].join('\n'),
    'app/page.tsx': `export default function Index() {\n  return <ul>${examples
      .map((e) => `<li><a href="/${e.slug}">${e.slug}</a></li>`)
      .join('')}</ul>\n}\n`,
  }
  for (const e of examples)
    for (const [path, { code }] of Object.entries(e.files))
      files[path.replace(/^app\//, `app/${e.slug}/`)] = code
  const hash = createHash('sha256')
  for (const path of Object.keys(files).sort()) hash.update(path).update('\0').update(files[path])
  hash.update(readFileSync(join(CONFORMANCE_DIR, 'package-lock.json')))
  const sources = hash.digest('hex')
  const stamp = join(APP, '.next', '.examples-sources')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === sources) {
    buildStatus = 0 // built from these very files already
  } else {
    rmSync(join(APP, 'app'), { recursive: true, force: true })
    for (const [path, text] of Object.entries(files)) write(path, text)
    const r = spawnSync(
      process.execPath,
      [join(CONFORMANCE_DIR, 'node_modules/next/dist/bin/next'), 'build'],
      {
        cwd: APP,
        encoding: 'utf8',
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    )
    buildStatus = r.status
    buildOutput = `${r.stdout}\n${r.stderr}`
    if (r.status === 0) writeFileSync(stamp, sources)
  }
  if (buildStatus === 0) next = await startNext16(await freePort(), APP)
})

after(async () => {
  await next?.stop()
})

test(`the ${examples.length} English examples build with real Next 16`, () => {
  assert.ok(examples.length > 0)
  assert.equal(buildStatus, 0, `next build failed:\n${buildOutput.slice(-6000)}`)
})

for (const e of examples) {
  test(`${e.slug} renders under next start`, async (t) => {
    if (!next) return t.skip('the build failed')
    const r = await fetch(`${next.url}/${e.slug}`)
    const html = await r.text()
    assert.equal(r.status, 200, html.slice(0, 500))
  })
}
