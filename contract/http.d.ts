// The live server's HTTP contract (action-server/README.md, "HTTP contract"): the JSON bodies of
// each route under /api/live, written once for the server (action-server/http) and its callers
// (the preview runtime, the playground's panels). Types only.

export type Mode = 'development' | 'production'

/** Every refusal names its reason, in the JSON body and in the `x-live-reason` header. */
export type RefusalReason =
  // routing and sessions
  | 'not-found'
  | 'method-not-allowed'
  | 'unknown-session'
  | 'rate-limited'
  | 'csrf'
  | 'session-busy'
  | 'session-moved'
  | 'store-unavailable'
  | 'server-error'
  // deploys
  | 'bad-request'
  | 'source-too-large'
  | 'too-many-files'
  | 'compile-error'
  | 'module-error'
  // actions and pages (Next's own answers carry these in x-live-reason)
  | 'not-an-action'
  | 'malformed-action-id'
  | 'action-not-found'
  | 'body-too-large'
  | 'invalid-payload'
  | 'external-redirect'
  // the sandbox
  | SandboxFailure

/** What can stop a call in the sandbox (sandbox/host.mjs, sandbox/isolate-session.mjs). */
export type SandboxFailure =
  | 'cpu-limit'
  /** A timeout of a call that used less CPU than its budget: the box was busy, try again. */
  | 'server-busy'
  | 'wall-limit'
  | 'memory-limit'
  | 'queue-full'
  | 'sandbox-crashed'
  | 'sandbox-restarted'
  | 'sandbox-timeout'
  | 'sandbox-error'
  | 'redeployed'
  | 'crashed'

/** The body of every JSON refusal: `{error, reason}`. */
export interface ErrorBody {
  error: string
  reason: RefusalReason
}

/** POST /api/live/sessions → 201 */
export interface CreateSessionResponse {
  session: string
}

/** PUT /api/live/<s>/files */
export interface DeployRequest {
  files: Record<string, string>
  mode?: Mode
  seed?: Record<string, Record<string, unknown>[]>
  /** 'keep' (default): the session's rows survive the deploy; 'reset': start from the seed */
  data?: 'keep' | 'reset'
}

/** One row of a 422 deploy answer (capped: 50 rows, 1000 characters a message). */
export interface DeployError {
  file: string | null
  line: number | null
  column: number | null
  message: string
}

/** PUT /api/live/<s>/files → 200 */
export interface DeployResponse {
  build: string
  /** "app/actions.ts#createUser" → 42 hex characters */
  actions: Record<string, string>
  mode: Mode
  render: true
  routes: string[]
  /** "app/page.tsx#$$RSC_SERVER_ACTION_0" → "register": the names readers gave inline actions */
  names?: Record<string, string>
}

/** PUT /api/live/<s>/files → 422 */
export interface DeployErrorsResponse {
  errors: DeployError[]
}

/** A page of records read by cursor (…/logs, …/events): `next` is the cursor of the next read. */
export interface RecordPage<T> {
  entries: T[]
  next: number
  /** Records pushed out of the bounded buffer before this read could see them. */
  dropped: number
  /**
   * The session is not known (ended, expired or never opened): nothing more will come. The docs
   * page polling a preview's session gets this page where any other reader gets 404.
   */
  ended?: true
}

/** GET /api/live/<s>/logs?since=n */
export interface LogEntry {
  seq: number
  /** ISO 8601 */
  time: string
  level: string
  text: string
}
export type LogsResponse = RecordPage<LogEntry>

/** What the server received and answered for a session (http/events.mjs), without its cursor. */
export interface EventRecordFields {
  /** ISO 8601 */
  time: string
  method: string
  url: string
  /** The Next-Action header ('' when none). */
  actionId: string
  /** "app/actions.ts#createUser" when the id is one of the session's actions. */
  action: string | null
  /** What the reader called it: "register" for an inline action, the export name otherwise. */
  name?: string | null
  /** As the browser wrote them (case kept), a short list. */
  requestHeaders: Record<string, string>
  /** Cut at 4 KB. */
  requestBody: string
  status: number
  /** Lower-case names; several Set-Cookie lines joined by "\n". */
  responseHeaders: Record<string, string>
  /** Cut at 4 KB. */
  responseBody: string
  durationMs: number
}

/** GET /api/live/<s>/events?since=n */
export interface EventRecord extends EventRecordFields {
  seq: number
}
export type EventsResponse = RecordPage<EventRecord>

/** POST /api/live/<s>/auth */
export interface AuthRequest {
  user: string | null
}
export interface AuthResponse {
  user: string | null
}

/** GET /api/live/health → 200, or 503 when the store does not answer. */
export interface HealthResponse {
  ok: boolean
  store: string
}

/** Query of GET …/render, GET/POST …/html and POST …/action. */
export interface PageQuery {
  path?: string
  lang?: string
  embedded?: '1'
}

/** Request headers a Server Action call carries (POST …/action). */
export interface ActionRequestHeaders {
  'next-action': string
  'x-live-path'?: string
  'x-live-embedded'?: '1'
}

/** Response headers of an action answer the preview reads. */
export interface ActionResponseHeaders {
  'x-action-revalidated'?: '1' | '2'
  /** "/other;push" */
  'x-action-redirect'?: string
  'x-nextjs-action-not-found'?: '1'
  'x-live-reason'?: RefusalReason | string
}
