// The sandbox's messages: the site's process (sandbox/host.mjs) ⇄ a sandbox process
// (sandbox/child.mjs, IPC with v8 serialization, batched) ⇄ a session's isolate (the `__live` API
// the runtime bundle exposes, called by sandbox/isolate-session.mjs with copied values). Types only.
import type { DeployError, Mode, SandboxFailure } from './http'
import type { LogInput } from './session'

// ── Data that crosses into the isolate ─────────────────────────────────────────────────────────

/** [name, value] pairs, in order (a name may repeat). */
export type Pairs = [string, string][]

/** A file of a multipart body, as bytes. */
export interface FormFile {
  name: string
  type: string
  bytes: Uint8Array
}
export type FormEntry = [string, string | FormFile]

/** An action's body as React's encodeReply sent it: text, or multipart entries. */
export type ActionBody = { text: string } | { form: FormEntry[] }

/** A compiled playground module (compiler/compile-files.mjs): one script per file. */
export interface CompiledModule {
  file: string
  kind: 'server' | 'client' | 'shared'
  code: string
  /** import specifier → "builtin:<name>" or a playground file */
  deps: Record<string, string>
}

/** A route found in app/** (compiler/routes.mjs). */
/** The special files of one route segment (folder), as Next nests them. */
export interface Segment {
  layout?: string
  template?: string
  error?: string
  loading?: string
  notFound?: string
  globalError?: string
}

export interface RouteDef {
  /** "/posts/[id]" */
  path: string
  /** "app/posts/[id]/page.tsx" */
  page: string
  /** outermost first */
  layouts: string[]
  /** one per folder from app/ down to the page's, outermost first */
  segments?: Segment[]
}

/** `@/lib/db`'s rows: collection → records. */
export type Tables = Record<string, Record<string, unknown>[]>

/** `@/lib/db`'s whole store as the isolate dumps it, to restore it into a fresh isolate. */
export type TablesDump = [string, { rows: Record<string, unknown>[]; nextId: number }][]

/**
 * What a call changed in `@/lib/db`, for the site to keep the rows as they are. `all`: every
 * table, whole (the site held none of them: after a seed, or a rebuild from the isolate's own
 * dump). Otherwise only the tables that changed: whole, or the rows written (by id, in the order
 * they were first written) and the ids removed, which the site applies first.
 */
export interface TablesReport {
  all: boolean
  tables: [
    string,
    { nextId: number; whole: boolean; rows: Record<string, unknown>[]; removed: string[] },
  ][]
}

/** A cookie the playground set or deleted (next/headers' cookies()), as plain data. */
export interface CookieWrite {
  name: string
  value?: string
  maxAge?: number
  /** epoch ms */
  expires?: number
  httpOnly?: boolean
  secure?: boolean
  sameSite?: boolean | 'strict' | 'lax' | 'none' | string
  partitioned?: boolean
  priority?: 'low' | 'medium' | 'high' | string
  path?: string
  domain?: string
}

/** POST …/action, as the isolate's callAction takes it (or its JSON). */
export interface ActionCall {
  actionId: string
  /** The page to render again into the answer. */
  path: string
  body: ActionBody
  headers: Pairs
  cookies: Pairs
}

/** GET …/render, GET …/html. */
export interface PageCall {
  path: string
  headers: Pairs
  cookies: Pairs
}

/** POST …/html: a form posted without JavaScript. */
export interface FormCall extends PageCall {
  body: { form: FormEntry[] }
}

/** Next's ActionRevalidationKind: 0 none, 1 static and dynamic data, 2 dynamic only (refresh()). */
export type Revalidated = 0 | 1 | 2

/** The isolate's answer to an action (or to a rejection the host decided). Untrusted data. */
export interface ActionAnswer {
  status: number
  reason: string | null
  /** "/other;push" */
  redirect: string | null
  revalidated: Revalidated
  cookieWrites: CookieWrite[]
  flight: Uint8Array
  /** What a call that wrote to `@/lib/db` changed; null once the rows pass the size cap. */
  tables?: TablesReport | null
}

/** A redirect() thrown while a page rendered: NEXT_REDIRECT;<type>;<url>;<status>; */
export interface PageRedirect {
  url: string
  type: string
  /** 307 temporary, 308 permanent */
  status: number
}

/** GET …/render */
export interface RenderAnswer {
  status: number
  reason: string | null
  redirect: PageRedirect | null
  flight: Uint8Array
  tables?: TablesReport | null
}

/** GET …/html */
export interface HtmlAnswer {
  status: number
  reason: string | null
  redirect: PageRedirect | null
  html: string
  tables?: TablesReport | null
}

/** POST …/html: 303 after redirect(), else the page again. */
export type FormAnswer =
  | {
      status: 303
      location: string
      cookieWrites: CookieWrite[]
      revalidated: boolean
      tables?: TablesReport | null
    }
  | {
      status: number
      reason?: string | null
      redirect?: PageRedirect | null
      html: string
      cookieWrites: CookieWrite[]
      revalidated?: boolean
      tables?: TablesReport | null
    }

/** A 'use server' module as it loaded: what it exports, or why it did not load. */
export type LoadedModule = { exports: string[]; error?: undefined } | { error: IsolateError }

export interface IsolateError {
  message: string
  stack?: string
}

/** The runtime's configuration of a session. */
export interface IsolateConfig {
  buildId: string
  mode: Mode
  routes?: RouteDef[]
}

/**
 * The API the runtime bundle puts on the isolate's global as `__live` (runtime/entry.js), frozen;
 * the sandbox process calls it with copied arguments. Calls return promises where marked.
 */
export interface IsolateApi {
  /** Starts a call in a synchronous entry; its answer comes from `settled` or `pending`. */
  begin<Name extends CallName>(name: Name, args: Parameters<IsolateApi[Name]>): void
  /** The begun call's outcome once it settled (null while it waits). */
  settled(): Settled | null
  /** The begun call, still waiting (on a timer): its promise. */
  pending(): Promise<unknown>
  define(
    file: string,
    factory: (
      exports: object,
      require: (id: string) => unknown,
      module: { exports: unknown },
    ) => void,
    deps: Record<string, string>,
    kind: CompiledModule['kind'],
    lineMap?: [number, number, number][],
  ): void
  fireTimer(id: number): void
  clearAllTimers(): void
  configure(config: IsolateConfig): string[]
  seed(data: Tables): void
  dumpTables(): TablesDump
  restoreTables(tables: TablesDump | null): void
  loadServerModules(files: string[], inline?: boolean): Record<string, LoadedModule>
  /** action id → its file and export */
  registerActions(ids: Record<string, { file: string; name: string }>): void
  /** ActionCall or its JSON */
  callAction(request: ActionCall | string): Promise<ActionAnswer>
  renderRejection(rejection: { message: string; reason: string }): Promise<ActionAnswer>
  /** PageCall or its JSON */
  render(request: PageCall | string): Promise<RenderAnswer>
  renderHtml(request: PageCall | string): Promise<HtmlAnswer>
  callFormAction(request: FormCall | string): Promise<FormAnswer>
  /** The site holds the rows just restored: later calls report only what they change. */
  markTablesReported(): void
  loadSsr(): boolean
  /** the playground's next.config file → the settings Next 16 reads from it */
  readNextConfig(file: string): Promise<NextConfigRead>
  setTaint(on: boolean): void
}

/** What the isolate read from a playground's next.config (reader code, evaluated in the isolate). */
export interface NextConfigRead {
  allowedOrigins: string[]
  bodySizeLimit: string | number | null
  bodySizeBytes: number | null
  taint: boolean
  cacheComponents: boolean
  warnings: string[]
}
export type IsolateApiName = keyof IsolateApi
/** The entries a session's calls go through (IsolateSession#call). */
export type CallName =
  'callAction' | 'renderRejection' | 'render' | 'renderHtml' | 'callFormAction' | 'readNextConfig'
/** A begun call's outcome, copied out: its answer, or what it rejected with. */
export interface Settled {
  ok: boolean
  value: unknown
  /** ignored-result calls to the host (logs, timers) it made: ivm delivers them after the entry */
  deferred: number
}

// ── Site process → sandbox process ─────────────────────────────────────────────────────────────

/** Limits the sandbox process enforces (config.mjs). */
export interface SandboxLimits {
  cpuMs: number
  wallMs: number
  memoryMb: number
  logEntryChars: number
  logCallBytes: number
}

/** A deploy as the site keeps it and the sandbox builds it (again after a crash). */
export interface SandboxDeploy {
  session: string
  mode: Mode
  buildId: string
  modules: CompiledModule[]
  serverFiles: string[]
  /** file → generated export names of its hoisted inline 'use server' functions */
  inlineActions: Record<string, string[]>
  routes: RouteDef[]
  seed: Tables | null
  /** the playground's next.config file, evaluated in the isolate at deploy */
  nextConfig?: string | null
  /** files using 'use cache' (Next refuses them without cacheComponents) */
  cacheFiles?: string[]
  /** the first React taint API each file uses (Next refuses them without experimental.taint) */
  taintImports?: { file: string; name: string; line: number | null }[]
}

/** Every request of the site, by `op`; the sandbox answers each with a Reply of the same id. */
export type SandboxRequest =
  | { op: 'init'; limits: SandboxLimits; key: string }
  | ({ op: 'deploy'; tables?: TablesDump | null } & SandboxDeploy)
  | { op: 'action'; session: string; request: ActionCall }
  | { op: 'render'; session: string; request: PageCall }
  | { op: 'html'; session: string; request: PageCall }
  | { op: 'formAction'; session: string; request: FormCall }
  | {
      op: 'reject'
      mode: Mode
      buildId: string
      message: string
      reason: string
      status?: number
    }
  | { op: 'dispose'; session: string }
  | { op: 'stats' }
  | { op: 'crash' }

export type SandboxOp = SandboxRequest['op']
export type SandboxRequestOf<Op extends SandboxOp> = Extract<SandboxRequest, { op: Op }>

/** A call the sandbox could not run: its isolate is gone, or it hit a limit (rendered by the site). */
export type CallRefused =
  | { unavailable: SandboxFailure | 'no-sandbox'; message?: string }
  | { limit: SandboxFailure; message: string }

/** What each op answers. */
export interface SandboxResults {
  init: { pid: number }
  deploy:
    | { actions: Record<string, string>; config?: NextConfigRead | null }
    | { errors: (DeployError & { reason?: string })[] }
  action: ActionAnswer | CallRefused
  render: RenderAnswer | CallRefused
  html: HtmlAnswer | CallRefused
  formAction: FormAnswer | CallRefused
  reject: ActionAnswer
  dispose: Record<string, never>
  /**
   * spares: isolates started ahead of a deploy, ready; codeCacheBytes: V8's cache of the runtime;
   * syncEntries: calls made on the process's main thread since it started (isolate-session.mjs)
   */
  stats: {
    sessions: number
    memory: number
    spares: number
    codeCacheBytes: number
    syncEntries: number
  }
  crash: Record<string, never>
}

/** Site → sandbox, with the id its reply carries. */
export type SandboxCall = SandboxRequest & { id: number }

// ── Sandbox process → site process ─────────────────────────────────────────────────────────────

export type SandboxMessage =
  | { id: number; ok: true; result: SandboxResults[SandboxOp] }
  | { id: number; ok: false; error: { message: string; stack: string } }
  /** Console entries of sessions, batched per tick: [session, entries]. */
  | { type: 'logs'; batch: [string, LogInput[]][] }
  /** A session's isolate died (memory, an isolate V8 could not stop). */
  | { type: 'died'; session: string; reason: SandboxFailure }

/** One IPC write carries every message of one turn of the event loop. */
export interface Batch<M> {
  batch: M[]
}
