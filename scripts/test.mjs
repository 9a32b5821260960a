// `npm test`: unit tests and real-Chromium browser tests against the production build.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ROOT } from './site-pages.mjs'

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options })
  return result.status ?? 1
}

function findChromium() {
  return CHROMIUM_CANDIDATES.find(path => existsSync(path))
}

function ensureChromium() {
  const found = findChromium()
  if (found) return found
  if (process.getuid?.() !== 0) {
    console.error('Chromium is needed for the browser tests. Install it with:\n  sudo apt-get install -y chromium')
    process.exit(1)
  }
  console.log('Installing Debian\'s chromium for the browser tests…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) {
    console.error('Installing chromium failed; run: apt-get install -y chromium')
    process.exit(1)
  }
  return findChromium()
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitUntilUp(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the site exited early with code ${child.exitCode}`)
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status < 500) return
    } catch {}
    await new Promise(r => setTimeout(r, 250))
  }
  throw new Error(`the site did not answer at ${url} within ${timeoutMs / 1000}s`)
}

const started = Date.now()
const chromium = ensureChromium()

if (process.env.TEST_SKIP_BUILD !== '1' || !existsSync(join(ROOT, '.next/BUILD_ID'))) {
  if (run('npm', ['run', 'build']) !== 0) process.exit(1)
}

const port = Number(process.env.TEST_PORT) || (await freePort())
const baseUrl = `http://localhost:${port}`
const site = spawn(process.execPath, [join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' }
})
const stopSite = () => site.exitCode === null && site.kill('SIGTERM')
process.on('exit', stopSite)

let status = 1
try {
  await waitUntilUp(`${baseUrl}/en`, site)
  status = run(process.execPath, ['--test', '--test-reporter=spec', 'tests/unit/', 'tests/browser/'], {
    env: { ...process.env, TEST_BASE_URL: baseUrl, CHROMIUM_PATH: chromium }
  })
} catch (error) {
  console.error(error.message)
} finally {
  stopSite()
}
console.log(`npm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
process.exit(status)
