// Shapes shared by the playground's light entry, its Sandpack root and the panels.

/** One file of a playground, keyed by its path with a leading slash ("/app/page.tsx"). */
export interface PlaygroundFile {
  code: string
  active?: boolean
  hidden?: boolean
}

export type PlaygroundFiles = Record<string, PlaygroundFile>

/** One call the live server received and answered, as it recorded it (GET …/events). */
export interface NetworkEntry {
  seq: number
  actionId: string
  action: string | null
  /** The action's name as the reader wrote it (`register`, also for inline actions), by the server. */
  name?: string | null
  method: string
  url: string
  requestHeaders: Record<string, string>
  requestBody: string
  status: number
  responseHeaders: Record<string, string>
  /** The Flight answer as sent (Next 16's `0:{"a":…,"q":…,"i":…,"b":…}` rows), first 4 KB. */
  responseBody?: string
  durationMs: number
  /** Set when the network switch delayed the call or made it fail. */
  simulated?: 'delayed' | 'failed' | null
}

/** One server console entry from GET /api/live/<session>/logs, read by the docs page. */
export interface ServerLogEntry {
  key: string
  level: string
  text: string
  time?: string
}
