// A live session as the HTTP layer works on it (action-server/sessions): the same shape from the
// memory store and the Redis store. Types only.
import type { EventRecord, EventRecordFields, LogEntry, Mode, RecordPage } from './http'

/** A deploy that loaded: its build id, its action ids both ways, its routes. */
export interface SessionBuild {
  id: string
  /** "app/actions.ts#createUser" → action id */
  actions: Record<string, string>
  /** action id → "app/actions.ts#createUser" */
  byId: Map<string, string>
  /** "/", "/posts/[id]" */
  routes: string[]
  /** "file#generated" → the source name of an inline action */
  names?: Record<string, string>
  /** what the playground's next.config sets, within the server's caps */
  config?: SessionConfig | null
}

/** The settings a playground's next.config gives its session (never above the server's caps). */
export interface SessionConfig {
  allowedOrigins: string[]
  bodyBytes: number
  bodyLabel: string
  taint: boolean
}

/** A console line as the sandbox or the server writes it; the buffer stamps `seq` (and `time`). */
export interface LogInput {
  /** epoch ms, or ISO 8601 */
  time?: number | string
  level?: string
  text: string
}

/** The session's bounded server console, read by cursor. */
export interface SessionLog {
  push(entry: LogInput): void
  since(cursor?: number): RecordPage<LogEntry>
}

/** What the server received and answered for the session, bounded in bytes. */
export interface SessionEvents {
  push(record: EventRecordFields): void
  since(cursor?: number): RecordPage<EventRecord>
}

export interface Session {
  /** 144 random bits, base64url (24 characters). */
  id: string
  mode: Mode
  build: SessionBuild | null
  logs: SessionLog
  events: SessionEvents
  /** Names of the cookies the playground set: only those (and the sign-in cookie) reach its code. */
  cookieNames?: Set<string>
  /** The preview host it is bound to (null: any). */
  host: string | null
  /** The deploy in flight, if any: deploys of one session run one at a time. */
  deploying: Promise<unknown> | null
  createdAt: number
  lastUsed: number
}

/**
 * Where sessions are kept (sessions/session-store.mjs): memory, or Redis shared by instances.
 * `Res`: the HTTP response a call's answer is held in until its writes are through.
 */
export interface SessionStore<Res = unknown> {
  kind: 'memory' | 'redis'
  /** Counts against the cap (evicting at it); `host`: the preview host it answers (null: any). */
  create(options?: { host?: string | null }): Promise<Session>
  /** `touch: false` reads without keeping the session alive (log polling). */
  open(id: string, options?: { touch?: boolean }): Promise<Session | null>
  /** This instance's copy, if it holds one. */
  peek(id: string): Session | null
  /** Runs one call as the session's only writer, writing what changed before the answer leaves. */
  run<T>(session: Session, res: Res, fn: () => Promise<T>): Promise<T | undefined>
  delete(id: string): Promise<boolean>
  health(): Promise<{ ok: boolean; store: string }>
  close(): Promise<void>
  readonly size?: number
}

export type RateVerdict = { ok: true } | { ok: false; retryAfter: number }

export interface RateLimiter {
  take(key: string): RateVerdict | Promise<RateVerdict>
  close?(): void
}
