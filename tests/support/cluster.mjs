// Several live-server instances behind HAProxy with sessions in Redis, all on loopback: Debian's
// redis-server and haproxy, started and stopped here (the failover test and bench/scale.mjs).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../scripts/site-pages.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'

export const HAPROXY_CFG = join(ROOT, 'deploy', 'haproxy.cfg')
/** @type {Record<string, string>} */
const TOOLS = { 'redis-server': 'redis-server', haproxy: 'haproxy' } // binary → Debian package

const which = (/** @type {string} */ bin) =>
  ['/usr/bin', '/usr/sbin', '/usr/local/bin'].map((d) => join(d, bin)).find((p) => existsSync(p))

/**
 * Finds redis-server and haproxy; as root installs the missing ones (apt-get), else says how.
 * @returns {{ redis: string, haproxy: string }}
 */
export function ensureTools() {
  const missing = Object.keys(TOOLS).filter((bin) => !which(bin))
  if (missing.length) {
    const packages = missing.map((bin) => TOOLS[bin])
    const command = `apt-get install -y ${packages.join(' ')}`
    if (process.getuid?.() !== 0)
      throw new Error(`The scale tests need ${packages.join(' and ')}. Install: sudo ${command}`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const run = (/** @type {string[]} */ args) =>
      spawnSync('apt-get', args, { env, stdio: 'inherit' }).status
    const policy = spawnSync('apt-cache', ['policy', ...packages], { encoding: 'utf8' }).stdout
    if (/Candidate: \(none\)/.test(policy) || !/Candidate:/.test(policy)) run(['update', '-qq'])
    if (run(['install', '-y', '-qq', '--no-install-recommends', ...packages]) !== 0)
      throw new Error(`Installing failed; run: ${command}`)
  }
  // apt-get installs them into /usr/(s)bin.
  return /** @type {{ redis: string, haproxy: string }} */ ({
    redis: which('redis-server'),
    haproxy: which('haproxy'),
  })
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms))

/**
 * @param {() => unknown} check
 * @param {string} what
 */
async function waitFor(check, what, timeout = 20_000) {
  const end = Date.now() + timeout
  for (;;) {
    try {
      if (await check()) return
    } catch {}
    if (Date.now() > end) throw new Error(`${what} did not start in ${timeout} ms`)
    await sleep(50)
  }
}

/** The live API answers on the preview host only when the real site serves it. */
export const PREVIEW_HOST = 'preview.localhost'

/**
 * One request with a Host header of our choice (Node's fetch drops Host) → { status, headers, body }.
 * @param {string} url
 * @param {string} path
 * @param {import('../../scripts/host-fetch.mjs').HostRequestOptions} [options]
 */
export function request(url, path, { headers = {}, ...options } = {}) {
  const { port } = new URL(url)
  return hostRequest(new URL(path, url).href, {
    timeoutMs: 20_000,
    ...options,
    host: `${PREVIEW_HOST}:${port}`,
    headers,
  })
}

const healthy = (/** @type {string} */ url) =>
  request(url, '/api/live/health').then((r) => r.status === 200)

const SITE = join(ROOT, 'scripts/server.mjs') // what `npm start` runs

/** A started child's pid (one that failed to spawn has none: process.kill then throws). */
const pid = (/** @type {import('node:child_process').ChildProcess | null} */ proc) =>
  /** @type {number} */ (proc?.pid)

/**
 * ports: { redis, lb, instances: [port, …] }; env: extra environment for every instance;
 * sites: how many of the instances (the first ones) are the real site (`npm start`'s server on
 * the production build) rather than the standalone live server.
 * → { lbUrl, redisUrl, instances: [{ name, url, kill(), restart(), stop/cont() }], close() }
 * @param {{ ports: { redis: number, lb: number, instances: number[] }, env?: Record<string, string>,
 *   start?: number, sites?: number }} options
 */
export async function startCluster({ ports, env = {}, start = ports.instances.length, sites = 0 }) {
  const tools = ensureTools()
  const dir = mkdtempSync(join(tmpdir(), 'live-cluster-'))
  /** @typedef {import('node:child_process').ChildProcess & { group?: boolean }} Child */
  /** @type {Set<Child>} */
  const children = new Set()
  const own = (/** @type {Child} */ proc) => {
    children.add(proc)
    proc.on('exit', () => children.delete(proc))
    return proc
  }

  const redisUrl = `redis://127.0.0.1:${ports.redis}`
  own(
    spawn(
      tools.redis,
      ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    ),
  )
  await waitFor(
    () => spawnSync('redis-cli', ['-p', String(ports.redis), 'ping']).stdout?.includes('PONG'),
    'redis-server',
  )

  const key = Buffer.alloc(32, 7).toString('base64') // the same key on every instance
  const instances = ports.instances.map((port, i) => {
    const name = `live${i + 1}`
    const url = `http://127.0.0.1:${port}`
    const inst = {
      name,
      url,
      proc: /** @type {Child | null} */ (null),
      async start() {
        // Its own process group: kill() takes its sandbox processes down with it, like a machine.
        inst.proc = own(
          spawn(
            process.execPath,
            i < sites ? [SITE, '-p', String(port), '-H', '127.0.0.1'] : ['action-server/serve.mjs'],
            {
              cwd: ROOT,
              detached: true,
              stdio: ['ignore', 'ignore', 'inherit'],
              env: {
                PATH: process.env.PATH,
                NODE_ENV: 'production',
                PORT: String(port),
                REDIS_URL: redisUrl,
                NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key,
                LIVE_INSTANCE: name,
                LIVE_SANDBOX_PROCESSES: '1',
                LIVE_TRUSTED_PROXIES: '127.0.0.1',
                ...env,
              },
            },
          ),
        )
        inst.proc.group = true
        await waitFor(() => healthy(url), name, 90_000)
      },
      kill() {
        if (inst.proc?.exitCode === null) process.kill(-pid(inst.proc), 'SIGKILL')
      },
      pause: () => process.kill(pid(inst.proc), 'SIGSTOP'),
      resume: () => process.kill(pid(inst.proc), 'SIGCONT'),
    }
    return inst
  })
  await Promise.all(instances.slice(0, start).map((inst) => inst.start()))

  const lbUrl = `http://127.0.0.1:${ports.lb}`
  own(
    spawn(tools.haproxy, ['-db', '-f', HAPROXY_CFG], {
      cwd: dir,
      stdio: 'ignore', // it reports servers going down and up: expected here
      env: {
        ...process.env,
        LIVE_LB_BIND: `127.0.0.1:${ports.lb}`,
        LIVE_1: `127.0.0.1:${ports.instances[0]}`,
        LIVE_2: `127.0.0.1:${ports.instances[1]}`,
        LIVE_HEALTH_HOST: PREVIEW_HOST,
      },
    }),
  )
  await waitFor(() => healthy(lbUrl), 'haproxy')

  return {
    lbUrl,
    redisUrl,
    instances,
    async close() {
      for (const proc of children) {
        try {
          process.kill(proc.group ? -pid(proc) : pid(proc), 'SIGCONT')
        } catch {}
        try {
          process.kill(proc.group ? -pid(proc) : pid(proc), 'SIGKILL')
        } catch {}
      }
      await sleep(100)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
