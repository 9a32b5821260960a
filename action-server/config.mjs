// Every limit of the live server, read once from the environment.
// Defaults are the issue's; tests pass small values through `overrides`.

import { availableParallelism, hostname, totalmem } from 'node:os'

/** @import { Config } from './types.js' */

const MB = 1024 * 1024

/** Measured RSS of one honest session (deployed, rendered once, a few actions): bench/soak.mjs. */
export const HONEST_SESSION_BYTES = 12 * MB

/** @satisfies {Partial<Record<keyof Config, number>>} */
const DEFAULTS = {
  cpuMs: 500, // CPU time per call
  wallMs: 15_000, // wall time per call (timers and await allowed)
  memoryMb: 64, // heap per session isolate
  maxSessions: 500, // live sessions, least recently used evicted
  idleMs: 30 * 60_000, // idle session expiry
  sourceBytes: 512 * 1024, // source per deploy
  bodyBytes: 1 * MB, // action body (Next's bodySizeLimit)
  logEntries: 500, // server console entries kept per session
  logEntryChars: 4000, // one console entry is cut beyond this
  logCallBytes: 64 * 1024, // console output of one call (and the timers it left) beyond this is dropped
  logSessionBytes: 256 * 1024, // console kept per session, oldest dropped beyond this
  sessionQueue: 8, // calls waiting per session; more → 429 queue-full
  sandboxProcesses: 0, // sandbox processes; 0 → one per core
  sandboxRssBytes: 0, // RSS of one sandbox process before it is replaced; 0 → derived from the budget
  serverMemoryBytes: 0, // memory budget of the whole live server; 0 → 60% of the box's RAM
  sessionBurst: 100, // sessions one client may open at once…
  sessionsPerMinute: 60, // …then this many per minute (token bucket, 429 + Retry-After)
  leaseMs: 5000, // Redis mode: one instance's hold on a session, renewed while a call runs
}

/** @type {Record<keyof typeof DEFAULTS, string>} */
const ENV = {
  cpuMs: 'LIVE_CPU_MS',
  wallMs: 'LIVE_WALL_MS',
  memoryMb: 'LIVE_MEMORY_MB',
  maxSessions: 'LIVE_MAX_SESSIONS',
  idleMs: 'LIVE_IDLE_MS',
  sourceBytes: 'LIVE_SOURCE_BYTES',
  bodyBytes: 'LIVE_BODY_BYTES',
  logEntries: 'LIVE_LOG_ENTRIES',
  logEntryChars: 'LIVE_LOG_ENTRY_CHARS',
  logCallBytes: 'LIVE_LOG_CALL_BYTES',
  logSessionBytes: 'LIVE_LOG_SESSION_BYTES',
  sessionQueue: 'LIVE_SESSION_QUEUE',
  sandboxProcesses: 'LIVE_SANDBOX_PROCESSES',
  sandboxRssBytes: 'LIVE_SANDBOX_RSS_BYTES',
  serverMemoryBytes: 'LIVE_MEMORY_BUDGET_BYTES',
  sessionBurst: 'LIVE_SESSION_BURST',
  sessionsPerMinute: 'LIVE_SESSIONS_PER_MINUTE',
  leaseMs: 'LIVE_LEASE_MS',
}

/** Parses Next's `bodySizeLimit` syntax ("1 MB", "500kb", "1048576"). */
/** @param {string | number} value */
export function parseBytes(value) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(String(value))
  if (!m) throw new Error(`Invalid byte size: ${value}`)
  /** @type {Record<string, number>} */
  const units = { b: 1, kb: 1024, mb: MB, gb: 1024 * MB }
  const unit = units[(m[2] || 'b').toLowerCase()]
  return Math.floor(Number(m[1]) * unit)
}

/** The label Next prints in "Body exceeded <label> limit." */
/** @param {number} n */
export function formatBytes(n) {
  if (n % MB === 0) return `${n / MB} MB`
  if (n % 1024 === 0) return `${n / 1024} KB`
  return `${n} B`
}

/** @param {Env} env @param {string} name @param {number} fallback */
function readNumber(env, name, fallback) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = name.endsWith('_BYTES') ? parseBytes(raw) : Number(raw)
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number, got ${raw}`)
  return n
}

/** @typedef {Record<string, string | undefined>} Env */

/** @param {Env} env */
function readKey(env) {
  const raw = env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
  if (!raw) return null
  const key = Buffer.from(raw, 'base64')
  if (![16, 24, 32].includes(key.length)) {
    throw new Error('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be the base64 of 16, 24 or 32 bytes')
  }
  return key
}

/**
 * @param {Env} [env]
 * @param {Partial<Record<keyof Config, unknown>>} [overrides] tests pass small limits here
 * @returns {Readonly<Config>}
 */
export function loadConfig(env = process.env, overrides = {}) {
  const config = /** @type {Config} */ ({})
  // Filled in key by key below, from the environment, then the overrides.
  const fields = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (config))
  for (const [k, fallback] of Object.entries(DEFAULTS))
    fields[k] = readNumber(env, ENV[/** @type {keyof typeof DEFAULTS} */ (k)], fallback)
  config.allowedOrigins = (env.LIVE_ALLOWED_ORIGINS || '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  // Random per start when unset, as Next does without the env var.
  config.encryptionKey = /** @type {Buffer} */ (readKey(env)) // a random one below when unset
  config.basePath = '/api/live'
  config.defaultMode = env.LIVE_DEFAULT_MODE === 'production' ? 'production' : 'development'
  // Several instances share sessions through Redis when REDIS_URL is set; else memory, as one process.
  config.redisUrl = env.REDIS_URL || null
  // Behind a load balancer every socket is the balancer's: from these addresses, the client is the
  // last X-Forwarded-For entry (what the balancer saw).
  config.trustedProxies = (env.LIVE_TRUSTED_PROXIES || '')
    .split(',')
    .map((s) => s.trim().replace(/^::ffff:/i, ''))
    .filter(Boolean)
  config.redisPrefix = env.LIVE_REDIS_PREFIX || 'live:'
  config.instanceName = env.LIVE_INSTANCE || `${hostname()}:${process.pid}`
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) fields[k] = v
  if (!config.sandboxProcesses) config.sandboxProcesses = availableParallelism()
  if (!config.serverMemoryBytes) config.serverMemoryBytes = Math.floor(totalmem() * 0.6)
  // The session cap follows from the budget and what an honest session costs (bench/reports/soak.md).
  config.maxSessions = Math.max(
    1,
    Math.min(config.maxSessions, Math.floor(config.serverMemoryBytes / HONEST_SESSION_BYTES)),
  )
  // Each sandbox process gets its share of what the sessions may use; past it, it is replaced.
  if (!config.sandboxRssBytes)
    config.sandboxRssBytes = Math.max(
      512 * MB,
      Math.floor(config.serverMemoryBytes / config.sandboxProcesses),
    )
  if (!config.encryptionKey) {
    config.encryptionKey = globalThis.crypto.getRandomValues(Buffer.alloc(32))
  }
  return Object.freeze(config)
}
