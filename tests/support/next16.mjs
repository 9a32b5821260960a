// The real Next.js 16 app of the conformance suite (conformance/): installed with `npm ci` when its
// node_modules does not match its lock, built when its sources changed since the last build, then
// started with `next start`. Nothing is cached outside the repository's conformance/ folder.
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CONFORMANCE_DIR = fileURLToPath(new URL('../../conformance/', import.meta.url))
/** Both servers use this key: Next's closures and ours are encrypted the same way. */
export const CONFORMANCE_KEY = Buffer.alloc(32, 7).toString('base64')

const SOURCES = ['app', 'next.config.mjs', 'server-actions.mjs', 'package-lock.json']

/** @param {string[]} paths */
function hashOf(paths) {
  const hash = createHash('sha256')
  /** @param {string} path */
  const walk = (path) => {
    if (!existsSync(path)) return
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name))
    } else {
      hash.update(relative(CONFORMANCE_DIR, path)).update('\0').update(readFileSync(path))
    }
  }
  for (const p of paths) walk(join(CONFORMANCE_DIR, p))
  return hash.digest('hex')
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: CONFORMANCE_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in conformance/`)
}

const LOCK = join(CONFORMANCE_DIR, '.prepare-lock')

/** One test file at a time installs and builds (node --test runs files in parallel on big CPUs). */
/**
 * @template T
 * @param {() => T} fn
 * @returns {T}
 */
export function withLock(fn) {
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err
      // A lock left by a killed run is older than any install and build.
      if (Date.now() - statSync(LOCK).mtimeMs > 15 * 60_000) rmSync(LOCK, { recursive: true })
      if (Date.now() > deadline) throw new Error(`${LOCK} is held: is another test run preparing?`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    return fn()
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

/** `npm ci` unless node_modules was installed from this very lock; `next build` unless current. */
export function prepareNext16() {
  return withLock(prepare)
}

function prepare() {
  const timings = {}
  const lockHash = hashOf(['package-lock.json'])
  const stamp = join(CONFORMANCE_DIR, 'node_modules', '.conformance-lock')
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
    const t = Date.now()
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])
    writeFileSync(stamp, lockHash)
    timings.installMs = Date.now() - t
  }
  const sourceHash = hashOf(SOURCES)
  const built = join(CONFORMANCE_DIR, '.next', '.conformance-sources')
  if (
    !existsSync(join(CONFORMANCE_DIR, '.next', 'BUILD_ID')) ||
    !existsSync(built) ||
    readFileSync(built, 'utf8') !== sourceHash
  ) {
    const t = Date.now()
    run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: CONFORMANCE_KEY,
    })
    writeFileSync(built, sourceHash)
    timings.buildMs = Date.now() - t
  }
  return timings
}

/**
 * `next start` of the app in `dir` on `port`; resolves once `probe` answers.
 * @param {number} port
 * @param {string} [dir]
 * @param {string} [probe]
 */
export async function startNext16(
  port,
  dir = CONFORMANCE_DIR,
  probe = dir === CONFORMANCE_DIR ? '/target' : '/',
) {
  const child = spawn(
    process.execPath,
    [
      join(CONFORMANCE_DIR, 'node_modules/next/dist/bin/next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: CONFORMANCE_KEY,
      },
    },
  )
  let output = ''
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`)
    try {
      const r = await fetch(`${url}${probe}`)
      await r.arrayBuffer()
      if (r.ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill()
      throw new Error(`next start did not answer in 30 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    stop: () =>
      /** @type {Promise<void>} */ (
        new Promise((resolve) =>
          child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill()),
        )
      ),
  }
}

/**
 * id → { file, name } from Next's server-reference manifest, as `app/actions.js#echo` → id.
 * @returns {Record<string, string>}
 */
export function nextActionIds() {
  const manifest = JSON.parse(
    readFileSync(join(CONFORMANCE_DIR, '.next/server/server-reference-manifest.json'), 'utf8'),
  )
  /** @type {Record<string, string>} */
  const ids = {}
  /** @type {[string, { filename?: string, exportedName: string }][]} */
  const entries = Object.entries(manifest.node)
  for (const [id, info] of entries) {
    const file = String(info.filename || '').replace(/^.*?(app\/)/, '$1')
    ids[`${file}#${info.exportedName}`] = id
  }
  return ids
}
