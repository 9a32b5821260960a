// Live sessions: unguessable ids, idle expiry, and at the cap an eviction that prefers sessions
// never deployed (a flood of empty sessions goes first), then the longest idle.
import { randomBytes } from 'node:crypto'
import { LogBuffer } from './logs.mjs'
import { EventBuffer } from './event-buffer.mjs'
/** @import { Session } from '../../contract/session.js' */
/** @import { Mode } from '../../contract/http.js' */

/**
 * @typedef {object} StoreOptions
 * @property {number} maxSessions
 * @property {number} idleMs
 * @property {number} logEntries
 * @property {number} [logBytes]
 * @property {Mode} defaultMode
 * @property {(session: Session, why: 'expired' | 'evicted' | 'deleted' | 'closed') => void} [onEvict]
 */

export function newSessionId() {
  return randomBytes(18).toString('base64url') // 144 bits
}

export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/

/** @param {StoreOptions} options */
export function createSessionStore({
  maxSessions,
  idleMs,
  logEntries,
  logBytes = Infinity,
  defaultMode,
  onEvict = () => {},
}) {
  /** @type {Map<string, Session>} insertion order = least recently used first */
  const sessions = new Map()

  function expire(now = Date.now()) {
    for (const [id, s] of sessions) {
      if (now - s.lastUsed <= idleMs) break // the rest were used more recently
      sessions.delete(id)
      onEvict(s, 'expired')
    }
  }

  /** The longest idle session never deployed, else the longest idle one (Map order = idle order). */
  function evictionCandidate() {
    for (const s of sessions.values()) if (!s.build && !s.deploying) return s
    return sessions.values().next().value
  }

  const sweeper = setInterval(() => expire(), Math.min(60_000, Math.max(1000, idleMs / 4)))
  sweeper.unref()

  return {
    /** `host`: the origin's host the session answers (null: any). */
    /** @param {{ host?: string | null }} [options] @returns {Session} */
    create({ host = null } = {}) {
      expire()
      while (sessions.size >= maxSessions) {
        const victim = /** @type {Session} */ (evictionCandidate())
        sessions.delete(victim.id)
        onEvict(victim, 'evicted')
      }
      /** @type {Session} */
      const session = {
        id: newSessionId(),
        createdAt: Date.now(),
        lastUsed: Date.now(),
        mode: defaultMode,
        host,
        build: null, // { id, actions: { 'file#name': id }, byId: Map(id → { file, name }) }
        logs: new LogBuffer(logEntries, logBytes),
        events: new EventBuffer(), // what the server received and answered (http/events.mjs)
        deploying: null,
      }
      sessions.set(session.id, session)
      return session
    },
    /** Looks a session up and marks it used. */
    /** @param {unknown} id */
    get(id) {
      if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) return null
      const s = sessions.get(id)
      if (!s) return null
      if (Date.now() - s.lastUsed > idleMs) {
        sessions.delete(id)
        onEvict(s, 'expired')
        return null
      }
      s.lastUsed = Date.now()
      sessions.delete(id)
      sessions.set(id, s)
      return s
    },
    /** Reads without touching recency (log polling must not keep a session alive). */
    /** @param {unknown} id */
    peek(id) {
      return typeof id === 'string' ? sessions.get(id) || null : null
    },
    /** @param {string} id */
    delete(id) {
      const s = sessions.get(id)
      if (!s) return false
      sessions.delete(id)
      onEvict(s, 'deleted')
      return true
    },
    get size() {
      return sessions.size
    },
    close() {
      clearInterval(sweeper)
      for (const s of sessions.values()) onEvict(s, 'closed')
      sessions.clear()
    },
  }
}
