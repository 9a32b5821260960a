// Starts the production build as `npm start` serves it (scripts/server.mjs: Next's handler with the
// live API in front) on a free loopback port, for tests and benchmarks.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ROOT } from './site-pages.mjs'

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/**
 * Builds unless a build exists and `reuseBuild` is set; exits the process when the build fails.
 * @param {{ reuseBuild: boolean }} options
 */
export function ensureBuild({ reuseBuild }) {
  if (reuseBuild && existsSync(join(ROOT, '.next/BUILD_ID'))) return
  if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    process.exit(1)
}

/**
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs
 */
async function waitUntilUp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the site exited early with code ${child.exitCode}`)
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the site did not answer at ${url} within ${timeoutMs / 1000}s`)
}

/**
 * `{ baseUrl, stop }` once the site answers; it is also stopped when this process exits.
 * @param {{ port?: number, timeoutMs?: number }} [options]
 */
export async function startProductionSite({ port, timeoutMs = 90_000 } = {}) {
  const chosen = port || (await freePort())
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts/server.mjs'), '-p', String(chosen), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
  const stop = () => child.exitCode === null && child.kill('SIGTERM')
  process.on('exit', stop)
  const baseUrl = `http://localhost:${chosen}`
  await waitUntilUp(`${baseUrl}/en`, child, timeoutMs)
  return { baseUrl, stop, pid: child.pid }
}
