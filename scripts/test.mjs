// `npm test`: unit tests and real-Chromium browser tests against the production build.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { ROOT } from './site-pages.mjs'
import { ensureBuild, startProductionSite } from './production-site.mjs'
import { ensureTools } from '../tests/support/cluster.mjs'

const CHROMIUM_CANDIDATES = /** @type {string[]} */ (
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)
)

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options })
  return result.status ?? 1
}

function findChromium() {
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path))
}

function ensureChromium() {
  const found = findChromium()
  if (found) return found
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is needed for the browser tests. Install it with:\n  sudo apt-get install -y chromium',
    )
    process.exit(1)
  }
  console.log("Installing Debian's chromium for the browser tests…")
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (
    run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0
  ) {
    console.error('Installing chromium failed; run: apt-get install -y chromium')
    process.exit(1)
  }
  return findChromium()
}

const started = Date.now()
// Style, lint and types first: quick, and a failure is reported without hiding the tests' own results.
const lintStatus = run('npm', ['run', '--silent', 'lint'])
const typeStatus = run('npm', ['run', '--silent', 'typecheck'])
const chromium = ensureChromium()
// The scale tests start Debian's redis-server and haproxy: installed here as root, else named.
try {
  ensureTools()
} catch (error) {
  console.error(/** @type {Error} */ (error).message)
  process.exit(1)
}

ensureBuild({ reuseBuild: process.env.TEST_SKIP_BUILD === '1' })

let status = 1
let site
try {
  site = await startProductionSite({ port: Number(process.env.TEST_PORT) || undefined })
  status = run(
    process.execPath,
    // tests/conformance/ installs, builds and starts the real Next 16 app in conformance/ itself.
    ['--test', '--test-reporter=spec', 'tests/unit/', 'tests/conformance/', 'tests/browser/'],
    {
      env: { ...process.env, TEST_BASE_URL: site.baseUrl, CHROMIUM_PATH: chromium },
    },
  )
} catch (error) {
  console.error(/** @type {Error} */ (error).message)
} finally {
  site?.stop()
}
console.log(`npm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
if (lintStatus !== 0)
  console.error(
    'npm run lint failed: run `npm run format`, then fix what the linter still reports.',
  )
if (typeStatus !== 0) console.error('npm run typecheck failed: fix the type errors it reports.')
process.exit(status || lintStatus || typeStatus)
