// Sessions in Redis (REDIS_URL): several instances behind a load balancer, any of them can serve any
// session, and one that dies loses nothing. A session is one Redis hash — its deploy, its database
// rows, its meta (mode, build, cookie names), its console, a version and a fencing counter —
// written through after each call that changed it, before the answer leaves, by one Lua script
// (atomic per session). Expiry is the key's TTL; the cap and the creation rate limit are Redis'.
// Each instance keeps sessions it served as a cache (an isolate in its sandbox pool) and reloads
// one whose version in Redis moved on.
//
// One writer per session: a call takes a lease (a key with a short TTL, renewed while the call
// runs) and with it a fencing token (the hash's counter, bumped by every lease). A write carries
// its token and lands only while it is still the newest: an instance that lost its lease (paused,
// partitioned) cannot overwrite what the next one wrote.
//
// Client: ioredis — scripts by EVALSHA with a fallback to EVAL (defineCommand), Buffer replies for
// the binary fields, reconnection and an offline queue, and six small dependencies.
import { createRequire } from 'node:module'
import { serialize, deserialize } from 'node:v8'
import { newSessionId, SESSION_ID_PATTERN } from './store.mjs'
import { EventBuffer } from './event-buffer.mjs'
import { LogBuffer } from './logs.mjs'
import { SessionRefusal } from './refusal.mjs'

/** @import { Session, SessionStore, RateLimiter } from '../../contract/session.js' */
/** @import { SandboxDeploy, TablesDump } from '../../contract/sandbox.js' */
/** @import { ServerResponse } from 'node:http' */
/** @import { Config, SandboxHost } from '../types.js' */
/**
 * @typedef {Session & {
 *   logs: LogBuffer,
 *   ver: number,
 *   saved: { meta: string, deploy: SandboxDeploy | null, tables: TablesDump | null, logSeq: number },
 *   turn: Promise<void>,
 *   waiting: number,
 * }} RedisSession This instance's copy of a session, with what it last wrote.
 */
/**
 * @typedef {import('ioredis').Redis & {
 *   liveCreate(index: string, fresh: string, id: string, idleMs: number, max: number, prefix: string, meta: string): Promise<string[]>,
 *   liveAcquire(session: string, lease: string, index: string, leaseMs: number, idleMs: number, id: string, owner: string): Promise<[number, number, number]>,
 *   liveRenew(lease: string, token: string, leaseMs: number): Promise<number>,
 *   liveRelease(lease: string, token: string): Promise<number>,
 *   liveSave(session: string, index: string, fresh: string, fence: number, idleMs: number, id: string, deployed: 0 | 1, ...fields: (string | Buffer)[]): Promise<number>,
 *   liveTake(bucket: string, burst: number, perMinute: number): Promise<number>,
 * }} LiveRedis A client with the scripts below defined on it.
 */

const require = createRequire(import.meta.url)

// Redis' clock, not each instance's: ages and buckets agree across instances.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

export const SCRIPTS = {
  // KEYS: index, fresh (never deployed). ARGV: id, idleMs, max, prefix, meta.
  // Drops index entries whose hashes expired, evicts at the cap (never-deployed first), creates.
  liveCreate: {
    numberOfKeys: 2,
    lua: `${NOW}
local idle = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - idle)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - idle)
local evicted = {}
while redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) do
  local victim = redis.call('ZRANGE', KEYS[2], 0, 0)[1] or redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  redis.call('ZREM', KEYS[1], victim)
  redis.call('ZREM', KEYS[2], victim)
  redis.call('DEL', ARGV[4] .. 's:' .. victim, ARGV[4] .. 'lease:' .. victim)
  evicted[#evicted + 1] = victim
end
local key = ARGV[4] .. 's:' .. ARGV[1]
redis.call('HSET', key, 'meta', ARGV[5], 'ver', 1, 'fence', 0)
redis.call('PEXPIRE', key, idle)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[1])
return evicted`,
  },
  // KEYS: session, lease, index. ARGV: leaseMs, idleMs, id, owner.
  // → {1, fence, ver} | {0, pttl} while another holds it | {-1} unknown or expired.
  liveAcquire: {
    numberOfKeys: 3,
    lua: `${NOW}
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local pttl = redis.call('PTTL', KEYS[2])
if pttl ~= -2 then return {0, pttl} end
local fence = redis.call('HINCRBY', KEYS[1], 'fence', 1)
redis.call('SET', KEYS[2], ARGV[4] .. '/' .. fence, 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[3], 'XX', now, ARGV[3])
return {1, fence, tonumber(redis.call('HGET', KEYS[1], 'ver'))}`,
  },
  // KEYS: lease. ARGV: token, leaseMs.
  liveRenew: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  },
  // KEYS: lease. ARGV: token.
  liveRelease: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  },
  // KEYS: session, index, fresh. ARGV: fence, idleMs, id, deployed, then field, value, …
  // Writes only while `fence` is the newest token: → the new version, or -1 when fenced out.
  liveSave: {
    numberOfKeys: 3,
    lua: `${NOW}
if redis.call('HGET', KEYS[1], 'fence') ~= ARGV[1] then return -1 end
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local ver = redis.call('HINCRBY', KEYS[1], 'ver', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'XX', now, ARGV[3])
if ARGV[4] == '1' then redis.call('ZREM', KEYS[3], ARGV[3]) end
return ver`,
  },
  // KEYS: bucket. ARGV: burst, perMinute. Token bucket → 0 (taken) or seconds to wait.
  liveTake: {
    numberOfKeys: 1,
    lua: `${NOW}
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local ok = tokens >= 1
if ok then tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
if ok then return 0 end
return math.max(1, math.ceil((1 - tokens) / perMs / 1000))`,
  },
}

/** A Redis client with the scripts above defined on it. */
/**
 * @param {string} url
 * @param {import('ioredis').RedisOptions} [options]
 * @returns {LiveRedis}
 */
export function connectRedis(url, options = {}) {
  /** @type {typeof import('ioredis').default} */
  const Redis = require('ioredis')
  const redis = /** @type {LiveRedis} */ (new Redis(url, { maxRetriesPerRequest: 2, ...options }))
  redis.on('error', () => {}) // reconnects by itself; calls that fail answer 503
  for (const [name, def] of Object.entries(SCRIPTS)) redis.defineCommand(name, def)
  return redis
}

/**
 * Holds back what a handler answers until the state is written: a reader never sees an answer
 * whose state a crash could still lose. Handlers answer with writeHead + end only.
 */
/** @param {ServerResponse} res */
function holdResponse(res) {
  /** @type {['writeHead' | 'end', any[]][]} */
  const held = []
  const { writeHead, end } = res
  res.writeHead = /** @type {any} */ (
    (/** @type {any[]} */ ...args) => (held.push(['writeHead', args]), res)
  )
  res.end = /** @type {any} */ ((/** @type {any[]} */ ...args) => (held.push(['end', args]), res))
  const restore = () => {
    res.writeHead = writeHead
    res.end = end
  }
  return {
    release() {
      restore()
      for (const [method, args] of held) /** @type {Function} */ (res[method]).apply(res, args)
    },
    discard: restore,
  }
}

/** A Redis call; Redis not answering becomes a 503 the reader can retry, not a 500. */
/**
 * @template T
 * @param {() => Promise<T>} fn
 */
async function storeCall(fn) {
  try {
    return await fn()
  } catch {
    throw new SessionRefusal(
      503,
      'store-unavailable',
      'The session store did not answer; try again.',
    )
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** @param {LogBuffer} logs */
function logsToJson(logs) {
  const { entries } = logs.since(0)
  return JSON.stringify({
    seq: logs.seq,
    entries: entries.map(({ seq, time, level, text }) => ({ seq, time, level, text })),
  })
}

/** @param {Buffer | string | null | undefined} raw @param {number} max @param {number} maxBytes */
function logsFromJson(raw, max, maxBytes) {
  const logs = new LogBuffer(max, maxBytes)
  if (!raw) return logs
  /** @type {{ seq: number, entries: import('../../contract/http.js').LogEntry[] }} */
  const data = JSON.parse(String(raw))
  logs.seq = (data.entries[0]?.seq ?? data.seq + 1) - 1 // cursors stay valid across instances
  for (const e of data.entries) logs.push(e)
  logs.seq = data.seq
  return logs
}

/** @param {RedisSession} s */
function metaOf(s) {
  return JSON.stringify({
    mode: s.mode,
    createdAt: s.createdAt,
    build: s.build && {
      id: s.build.id,
      actions: s.build.actions,
      routes: s.build.routes,
      config: s.build.config ?? null,
      names: s.build.names,
    },
    cookieNames: s.cookieNames ? [...s.cookieNames] : null,
    host: s.host ?? null,
  })
}

const decodeField = (/** @type {Buffer | undefined} */ buf) =>
  buf && buf.length ? deserialize(buf) : null

/**
 * @param {Config} config
 * @param {{ host: SandboxHost, onEvict: (s: Session, why: string) => void, maxSessions: number,
 *   idleMs: number, logEntries: number, logBytes: number, defaultMode: Config['defaultMode'],
 *   redis?: LiveRedis }} options
 * @returns {{ sessions: SessionStore<ServerResponse> & { redis: LiveRedis }, sessionLimiter: RateLimiter }}
 */
export function createRedisSessionStore(
  config,
  { host, onEvict, maxSessions, idleMs, logEntries, logBytes, defaultMode, redis: given },
) {
  const redis = given || connectRedis(/** @type {string} */ (config.redisUrl))
  const P = config.redisPrefix
  const key = (/** @type {string} */ id) => `${P}s:${id}`
  const leaseKey = (/** @type {string} */ id) => `${P}lease:${id}`
  const INDEX = `${P}index`
  const FRESH = `${P}fresh`
  const owner = config.instanceName
  /** @type {Map<string, RedisSession>} id → session this instance served; insertion order = least recently used */
  const cache = new Map()

  /** @param {string} id @returns {RedisSession} */
  function local(id) {
    /** @type {RedisSession} */
    const s = {
      id,
      createdAt: Date.now(),
      lastUsed: Date.now(),
      mode: defaultMode,
      build: null,
      logs: new LogBuffer(logEntries, logBytes),
      events: new EventBuffer(), // this instance's records of what it received and answered
      host: null,
      deploying: null,
      ver: 0, // the version in Redis this copy reflects; 0 = not loaded yet
      saved: { meta: '', deploy: null, tables: null, logSeq: 0 },
      turn: Promise.resolve(),
      waiting: 0,
    }
    return s
  }

  /** @param {RedisSession} s */
  function remember(s) {
    cache.delete(s.id)
    cache.set(s.id, s)
    s.lastUsed = Date.now()
    // Only the cache is bounded here: a session dropped from it lives on in Redis.
    for (const id of cache.keys()) {
      if (cache.size <= maxSessions) break
      forget(id, 'evicted')
    }
  }

  /** @param {string} id @param {string} why */
  function forget(id, why) {
    const s = cache.get(id)
    if (!s) return
    cache.delete(id)
    onEvict(s, why)
  }

  const sweeper = setInterval(
    () => {
      const old = Date.now() - idleMs
      for (const [id, s] of cache) {
        if (s.lastUsed > old) break
        forget(id, 'expired')
      }
    },
    Math.min(60_000, Math.max(1000, idleMs / 4)),
  )
  sweeper.unref()

  /** @param {RedisSession} s */
  async function load(s) {
    const f = await redis.hgetallBuffer(key(s.id))
    if (!f.meta) return false
    const meta = JSON.parse(String(f.meta))
    s.mode = meta.mode
    s.createdAt = meta.createdAt
    s.build = meta.build && {
      ...meta.build,
      byId: new Map(Object.entries(meta.build.actions).map(([k, id]) => [id, k])),
    }
    s.cookieNames = meta.cookieNames ? new Set(meta.cookieNames) : undefined
    s.host = meta.host ?? null
    s.logs = logsFromJson(f.logs, logEntries, logBytes)
    const deploy = decodeField(f.deploy)
    const tables = decodeField(f.tables)
    host.adopt(s.id, { deploy, tables })
    s.ver = Number(f.ver)
    s.saved = { meta: String(f.meta), deploy, tables, logSeq: s.logs.seq }
    return true
  }

  /** → { fence, ver } | 'gone' | 'busy' (another instance held it past our wait). */
  /**
   * @param {string} id
   * @returns {Promise<{ fence: number, ver: number, token: string } | 'gone' | 'busy'>}
   */
  async function acquire(id) {
    const deadline = Date.now() + config.wallMs + config.leaseMs
    for (;;) {
      const [state, a, b] = await redis.liveAcquire(
        key(id),
        leaseKey(id),
        INDEX,
        config.leaseMs,
        idleMs,
        id,
        owner,
      )
      if (state === 1) return { fence: a, ver: b, token: `${owner}/${a}` }
      if (state === -1) return 'gone'
      if (Date.now() > deadline) return 'busy'
      await sleep(Math.min(100, Math.max(5, a)))
    }
  }

  /** Writes what changed since the last write; → false when a newer lease fenced this one out. */
  /** @param {RedisSession} s @param {number} fence */
  async function save(s, fence) {
    /** @type {(string | Buffer)[]} */
    const fields = []
    const meta = metaOf(s)
    if (meta !== s.saved.meta) fields.push('meta', meta)
    const { deploy, tables } = host.snapshot(s.id)
    if (deploy !== s.saved.deploy) fields.push('deploy', deploy ? serialize(deploy) : '')
    if (tables !== s.saved.tables) fields.push('tables', tables ? serialize(tables) : '')
    if (s.logs.seq !== s.saved.logSeq) fields.push('logs', logsToJson(s.logs))
    if (!fields.length) return true
    const logSeq = s.logs.seq
    const ver = await redis.liveSave(
      key(s.id),
      INDEX,
      FRESH,
      fence,
      idleMs,
      s.id,
      s.build ? 1 : 0,
      ...fields,
    )
    if (ver === -1) return false
    s.ver = ver
    s.saved = { meta, deploy, tables, logSeq }
    return true
  }

  /**
   * @template T
   * @param {RedisSession} s @param {ServerResponse} res @param {() => Promise<T>} fn
   */
  async function runLeased(s, res, fn) {
    let lease
    try {
      lease = await acquire(s.id)
    } catch {
      throw new SessionRefusal(
        503,
        'store-unavailable',
        'The session store did not answer; try again.',
      )
    }
    if (lease === 'gone') {
      forget(s.id, 'expired')
      throw SessionRefusal.gone(s.id)
    }
    if (lease === 'busy')
      throw new SessionRefusal(
        503,
        'session-busy',
        'This playground is busy on another server; try again.',
      )
    const renew = setInterval(
      () => void redis.liveRenew(leaseKey(s.id), lease.token, config.leaseMs).catch(() => {}),
      Math.max(50, Math.floor(config.leaseMs / 3)),
    )
    const held = holdResponse(res)
    let written = false
    try {
      if (lease.ver !== s.ver && !(await load(s))) {
        forget(s.id, 'expired')
        throw SessionRefusal.gone(s.id)
      }
      remember(s)
      return await fn()
    } finally {
      clearInterval(renew)
      written = await save(s, lease.fence).catch(() => false)
      void redis.liveRelease(leaseKey(s.id), lease.token).catch(() => {})
      if (written) held.release()
      else {
        held.discard()
        s.ver = 0 // reload before the next call
        // eslint-disable-next-line no-unsafe-finally -- this answer replaces the one held back
        throw new SessionRefusal(
          503,
          'session-moved',
          'This call was not kept: another server took over this playground meanwhile; call again.',
        )
      }
    }
  }

  /** @type {SessionStore<ServerResponse> & { redis: LiveRedis }} */
  const store = {
    kind: 'redis',
    redis,
    async create({ host = null } = {}) {
      const s = local(newSessionId())
      s.host = host
      s.ver = 1
      s.saved.meta = metaOf(s)
      const evicted = await storeCall(() =>
        redis.liveCreate(INDEX, FRESH, s.id, idleMs, maxSessions, P, s.saved.meta),
      )
      for (const id of evicted) forget(String(id), 'evicted') // elsewhere: found gone on next call
      remember(s)
      return s
    },
    async open(id, { touch = true } = {}) {
      if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) return null
      const s = cache.get(id)
      if (touch) {
        if (s) return s // run() checks it still exists and is current
        const meta = await storeCall(() => redis.hget(key(id), 'meta'))
        if (meta === null) return null
        const raced = cache.get(id) // another request for it got here first
        if (raced) return raced
        const fresh = local(id)
        fresh.host = JSON.parse(meta).host ?? null // the origin check needs it before run() loads
        remember(fresh)
        return fresh
      }
      // Reading (log polling): no lease, no touch; this instance's copy if it is current.
      const [ver, logs, meta] = await storeCall(() => redis.hmget(key(id), 'ver', 'logs', 'meta'))
      if (ver === null) return null
      if (s && s.ver === Number(ver)) return s
      const host = meta ? (JSON.parse(meta).host ?? null) : null
      return { ...local(id), host, logs: logsFromJson(logs, logEntries, logBytes) }
    },
    peek: (id) => cache.get(id) || null,
    /** Calls of one session on this instance take turns; across instances the lease decides. */
    async run(session, res, fn) {
      const s = /** @type {RedisSession} */ (session)
      if (s.waiting >= config.sessionQueue)
        throw new SessionRefusal(
          429,
          'queue-full',
          `This playground already has ${s.waiting} calls waiting; wait for them to finish.`,
        )
      s.waiting++
      const before = s.turn
      /** @type {() => void} */
      let done = () => {}
      s.turn = new Promise((resolve) => (done = resolve))
      await before
      s.waiting--
      try {
        return await runLeased(s, res, fn)
      } finally {
        done()
      }
    },
    async delete(id) {
      forget(id, 'deleted')
      const replies = await storeCall(() =>
        redis.multi().del(key(id), leaseKey(id)).zrem(INDEX, id).zrem(FRESH, id).exec(),
      )
      return Number(replies?.[0]?.[1]) > 0
    },
    async health() {
      try {
        await redis.ping()
        return { ok: true, store: 'redis' }
      } catch {
        return { ok: false, store: 'redis' }
      }
    },
    get size() {
      return cache.size
    },
    async close() {
      clearInterval(sweeper)
      for (const id of [...cache.keys()]) forget(id, 'closed')
      if (given) return
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect())
      else redis.disconnect()
    },
  }

  /** @type {RateLimiter} */
  const sessionLimiter = {
    async take(client) {
      const wait = await storeCall(() =>
        redis.liveTake(`${P}rate:${client}`, config.sessionBurst, config.sessionsPerMinute),
      )
      return wait === 0 ? { ok: true } : { ok: false, retryAfter: wait }
    },
  }
  return { sessions: store, sessionLimiter }
}
