// Where live sessions are kept. A session is data — its deploy, its database rows, its mode, the
// names of the cookies it set, its bounded console — and an isolate is only a cache of that data.
// Two implementations of one interface:
// - memory (the default): one process, sessions in this process's memory, exactly as before;
// - Redis (REDIS_URL set): any instance can serve any session; see redis-store.mjs.
import { createSessionStore } from './store.mjs'
import { createRateLimiter } from './rate-limit.mjs'
import { createRedisSessionStore } from './redis-store.mjs'

// The shapes (Session, SessionStore, RateLimiter) are the shared contract's: contract/session.d.ts.
/** @import { Session, SessionStore, RateLimiter } from '../../contract/session.js' */
/** @import { ServerResponse } from 'node:http' */
/** @import { Config, SandboxHost } from '../types.js' */

/**
 * The default: today's in-process store behind the async interface.
 * @param {import('./store.mjs').StoreOptions} options
 */
export function createMemorySessionStore(options) {
  const inner = createSessionStore(options)
  /** @type {SessionStore<ServerResponse>} */
  const store = {
    kind: 'memory',
    async create(options) {
      return inner.create(options)
    },
    async open(id, { touch = true } = {}) {
      return touch ? inner.get(id) : inner.peek(id)
    },
    peek: (id) => inner.peek(id),
    // One process: the sandbox host's per-session queue already serializes calls.
    run: (_session, _res, fn) => fn(),
    async delete(id) {
      return inner.delete(id)
    },
    async health() {
      return { ok: true, store: 'memory' }
    },
    get size() {
      return inner.size
    },
    async close() {
      inner.close()
    },
  }
  return store
}

/** Memory unless config.redisUrl is set; the Redis client is loaded only then. */
/**
 * @param {Config} config
 * @param {{ host: SandboxHost }} deps
 * @returns {{ sessions: SessionStore<ServerResponse>, sessionLimiter: RateLimiter }}
 */
export function openSessionStore(config, { host }) {
  /** @param {Session} session */
  const onEvict = (session) => void host.dispose(session.id) // settles even when the sandbox is gone
  const common = {
    maxSessions: config.maxSessions,
    idleMs: config.idleMs,
    logEntries: config.logEntries,
    logBytes: config.logSessionBytes,
    defaultMode: config.defaultMode,
  }
  if (!config.redisUrl) {
    return {
      sessions: createMemorySessionStore({ ...common, onEvict }),
      sessionLimiter: createRateLimiter({
        burst: config.sessionBurst,
        perMinute: config.sessionsPerMinute,
      }),
    }
  }
  return createRedisSessionStore(config, { host, onEvict, ...common })
}
