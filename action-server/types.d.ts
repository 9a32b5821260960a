// Types of the live server's host side that are not part of the shared contract (contract/):
// its configuration and what every HTTP handler gets.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Mode } from '../contract/http.js'
import type { LogInput, RateLimiter, Session, SessionStore } from '../contract/session.js'
import type { createSandboxHost } from './sandbox/host.mjs'

export interface Config {
  cpuMs: number
  wallMs: number
  memoryMb: number
  maxSessions: number
  idleMs: number
  sourceBytes: number
  bodyBytes: number
  logEntries: number
  logEntryChars: number
  logCallBytes: number
  logSessionBytes: number
  sessionQueue: number
  sandboxProcesses: number
  sandboxRssBytes: number
  serverMemoryBytes: number
  sessionBurst: number
  sessionsPerMinute: number
  leaseMs: number
  allowedOrigins: string[]
  encryptionKey: Buffer
  basePath: string
  defaultMode: Mode
  redisUrl: string | null
  trustedProxies: string[]
  redisPrefix: string
  instanceName: string
}

export type SandboxHost = ReturnType<typeof createSandboxHost>

/** The site's UI strings this server writes itself: locale → key → text. */
export type Messages = Record<string, Record<string, string> | undefined>

export type LiveRequest = IncomingMessage & {
  [key: symbol]: ((chunk: Buffer) => void) | undefined
}

/** What the router hands every handler. */
export interface RouteDeps {
  config: Config
  sessions: SessionStore<ServerResponse>
  host: SandboxHost
  sessionLimiter: RateLimiter
  messages?: Messages
}

export interface RouteContext extends RouteDeps {
  req: LiveRequest
  res: ServerResponse
}

/** A handler of a session's route: the session is known and checked. */
export interface SessionContext extends RouteContext {
  session: Session
  log(level: string, text: string): void
}

export type { LogInput }
