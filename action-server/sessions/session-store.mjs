// Where live sessions are kept. A session is data — its deploy, its database rows, its mode, the
// names of the cookies it set, its bounded console — and an isolate is only a cache of that data.
// Two implementations of one interface:
// - memory (the default): one process, sessions in this process's memory, exactly as before;
// - Redis (REDIS_URL set): any instance can serve any session; see redis-store.mjs.
import { createSessionStore } from './store.mjs'
import { createRateLimiter } from './rate-limit.mjs'
import { createRedisSessionStore } from './redis-store.mjs'

/**
 * @typedef {object} Session The per-instance view of a session the HTTP layer works on.
 * @property {string} id
 * @property {'development' | 'production'} mode
 * @property {{ id: string, actions: Record<string, string>, byId: Map<string, string>, routes: string[], names?: Record<string, string> } | null} build `names`: 'file#generated' → the source name of an inline action
 * @property {import('./logs.mjs').LogBuffer} logs
 * @property {Set<string>} [cookieNames]
 * @property {string | null} [host] The preview host it is bound to (null: any).
 * @property {import('./event-buffer.mjs').EventBuffer} [events] What this instance recorded.
 * @property {Promise<unknown> | null} deploying
 */

/**
 * @typedef {object} SessionStore
 * @property {'memory' | 'redis'} kind
 * @property {(options?: { host?: string | null }) => Promise<Session>} create Counts against the
 *   session cap (evicting at it); `host`: the preview host the session answers (null: any).
 * @property {(id: string, options?: { touch?: boolean }) => Promise<Session | null>} open
 *   `touch: false` reads without keeping the session alive (log polling).
 * @property {(id: string) => Session | null} peek This instance's copy, if it holds one (sync).
 * @property {<T>(session: Session, res: import('node:http').ServerResponse, fn: () => Promise<T>) => Promise<T | undefined>} run
 *   Runs one call of a session as its only writer, then writes what changed through before the
 *   answer leaves.
 * @property {(id: string) => Promise<boolean>} delete
 * @property {() => Promise<{ ok: boolean, store: string }>} health
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} RateLimiter
 * @property {(key: string) => { ok: true } | { ok: false, retryAfter: number } | Promise<{ ok: boolean, retryAfter?: number }>} take
 */

/** The default: today's in-process store behind the async interface. */
export function createMemorySessionStore(options) {
  const inner = createSessionStore(options)
  /** @type {SessionStore} */
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
export function openSessionStore(config, { host }) {
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
