// The live action server, seen from the preview. Same origin as the preview, so Next's CSRF check
// (Origin host = Host) passes exactly as in a deployed app. Each call is reported to the editor
// page (network panel), followed by the session's new server console entries and cookies.
import type { ReactNode } from 'react'
import {
  createTemporaryReferenceSet,
  encodeReply,
  type TemporaryReferenceSet,
} from 'react-server-dom-webpack/client.browser'
import { createFromFetch, setFlightMode } from './flight'
import type {
  CreateSessionResponse,
  DeployError,
  DeployErrorsResponse,
  DeployRequest,
  DeployResponse,
} from '../../contract/http'
import { throughNetwork } from './network'
import { send } from './protocol'

export type CallServer = (id: string, args: unknown[]) => Promise<unknown>

export type { DeployError }

export type DeployResult =
  { ok: true; actions: Record<string, string> } | { ok: false; errors: DeployError[] }

/** Response headers the network panel shows when present. */
const SHOWN_HEADERS = [
  'content-type',
  'x-action-revalidated',
  'x-action-redirect',
  'x-nextjs-action-not-found',
  'x-live-reason',
  'cache-control',
]

const BASE = '/api/live'
/** The network panel shows this much of a response body (the panel's memory stays bounded). */
const BODY_SHOWN = 4096
let networkSeq = 0

/**
 * Every request to the live server says it comes from the embedded preview: the server then sets
 * its cookies `SameSite=None; Secure; Partitioned`, the only kind a browser keeps in a frame whose
 * site differs from the docs page's.
 */
const EMBEDDED = { 'x-live-embedded': '1' }

function liveFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { ...EMBEDDED, ...(init.headers as Record<string, string> | undefined) },
  })
}

/** More tries of a call the live server refused for a moment, and the longest wait it may ask. */
const RETRIES = 3
const LONGEST_WAIT_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How long to wait before asking again, or null to take the answer as it is. The live server says
 * "not now" with 503 (its sandbox too busy to finish a call in time, or being replaced) or 429 (too
 * many new sessions at once), and when with Retry-After; a longer wait than we would keep a reader
 * waiting is shown instead.
 */
function retryDelay(response: Response, attempt: number): number | null {
  // The server's CPU limit is enforced with wall-clock timeouts: on a busy box an honest page can
  // be stopped at it. Asked once more; a page that really loops is stopped again and shows so.
  if (response.headers.get('x-live-reason') === 'cpu-limit') return attempt === 0 ? 1000 : null
  if (response.status !== 503 && response.status !== 429) return null
  const header = response.headers.get('retry-after')
  if (header === null) return response.status === 503 ? 1000 : null
  const seconds = Number(header)
  if (!Number.isFinite(seconds) || seconds < 0 || seconds * 1000 > LONGEST_WAIT_MS) return null
  return Math.max(250, seconds * 1000)
}

/**
 * A call that does the same thing when sent twice (open a session, deploy the same files, render
 * a page, sign in): asked again, a few times, when the live server refused it for a moment or the
 * connection dropped, so a busy server delays the preview instead of breaking it (under CI load
 * about one first start in a few hundred showed "exceeded the CPU time limit" for an honest page).
 * Never for an action: running it twice is the reader's call to make.
 */
async function liveFetchRetrying(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await liveFetch(url, init)
    } catch (error) {
      if (attempt >= RETRIES) throw error
      await sleep(500 * (attempt + 1))
      continue
    }
    const delay = attempt < RETRIES ? retryDelay(response, attempt) : null
    if (delay === null) return response
    await response.body?.cancel().catch(() => {})
    await sleep(delay)
  }
}

export interface ActionOutcome {
  /** The x-action-redirect target ("/thanks;push" → "/thanks") and how to apply it. */
  redirect: { url: string; mode: 'push' | 'replace' } | null
  revalidated: boolean
  /** The page tree the server rendered again in the same response (Next's `t.t`), if any. */
  tree: ReactNode | null
}

/**
 * The root of a Next 16 answer: `{a, q, i, t?, b}` for an action, `{q, i, S, r, b, t}` for a
 * navigation (GET …/render, or an action's body after redirect()). `t.t` is the rendered route.
 */
interface RscPayload {
  a?: unknown
  q: string
  i: boolean
  b?: string
  t?: { t: ReactNode; h: unknown }
}

function isPayload(root: unknown): root is RscPayload {
  return (
    root !== null &&
    typeof root === 'object' &&
    typeof (root as { q?: unknown }).q === 'string' &&
    typeof (root as { i?: unknown }).i === 'boolean'
  )
}

/** `t.t` of an answer: the page tree, or null when the page was not rendered again. */
function renderedTree(payload: RscPayload): ReactNode | null {
  const t = payload.t
  return t && typeof t === 'object' && 't' in t ? (t.t ?? null) : null
}

function parseRedirect(header: string | null): ActionOutcome['redirect'] {
  if (!header) return null
  const at = header.lastIndexOf(';')
  const mode = at === -1 ? 'push' : header.slice(at + 1).trim()
  const url = at === -1 || (mode !== 'push' && mode !== 'replace') ? header : header.slice(0, at)
  return { url: url.trim(), mode: mode === 'replace' ? 'replace' : 'push' }
}

function describeBody(body: string | FormData): string {
  if (typeof body === 'string') return body
  const parts: string[] = []
  body.forEach((value, key) => {
    parts.push(
      typeof value === 'string'
        ? `${key}=${value}`
        : `${key}=<File ${value.name}, ${value.size} B, ${value.type || 'no type'}>`,
    )
  })
  return parts.join('\n')
}

function pickHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of SHOWN_HEADERS) {
    const value = headers.get(name)
    if (value !== null) out[name] = value
  }
  return out
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const json = JSON.parse(text)
    return json.error ?? json.message ?? text
  } catch {
    return text || `${response.status} ${response.statusText}`
  }
}

/** The server forgot this session (evicted, expired, or ended): not an answer of the app itself. */
const isUnknownSession = (response: Response) =>
  response.status === 404 && response.headers.get('x-live-reason') === 'unknown-session'

export class LiveServer {
  private session: string | null = null
  /** The JavaScript-off view shows this session: leaving must not end it. */
  keepSession = false
  /** Called after a forgotten session was opened again and redeployed (the page renders again). */
  onRecovered: () => void = () => {}
  private recovering: Promise<string> | null = null
  private logCursor = 0
  private actionNames = new Map<string, string>()
  private lastDeploy: string | null = null
  private lastActions: Record<string, string> = {}
  onActionOutcome: (outcome: ActionOutcome) => void = () => {}
  /** The mode the next deploy asks for (the editor's production switch), and the one deployed. */
  mode: 'development' | 'production' = 'development'
  deployedMode: 'development' | 'production' | null = null

  /** The session in use, if one is open. */
  sessionId(): string | null {
    return this.session
  }
  /** The route the preview shows: an action's answer renders that page again (`f`). */
  currentPath: () => string = () => '/'

  private async openSession(): Promise<string> {
    // index.html starts the first request before this script runs.
    const early = (window as { __liveSession?: Promise<{ session: string } | null> }).__liveSession
    ;(window as { __liveSession?: unknown }).__liveSession = undefined
    const opened = early ? await early : null
    if (opened?.session) return opened.session
    const response = await liveFetchRetrying(`${BASE}/sessions`, { method: 'POST' })
    if (!response.ok)
      throw new Error(`The live server did not open a session: ${await errorText(response)}`)
    return ((await response.json()) as CreateSessionResponse).session
  }

  private opening: Promise<string> | null = null

  /** Opens a session now, so the first deploy does not wait for it. */
  warmUp() {
    void this.ensureSession().catch(() => {})
  }

  private async ensureSession(): Promise<string> {
    if (this.session) return this.session
    this.opening ??= this.openSession().finally(() => (this.opening = null))
    const session = await this.opening
    if (this.session) return this.session
    this.session = session
    this.logCursor = 0
    this.lastDeploy = null
    this.deployedMode = null
    send({ type: 'live/session', session })
    return session
  }

  /**
   * The server forgot the session (evicted or expired): open a new one and deploy the same files
   * again, so the reader's call simply works. Concurrent callers share one recovery.
   */
  private recover(lost: string): Promise<string> {
    if (this.session && this.session !== lost) return Promise.resolve(this.session)
    this.recovering ??= (async () => {
      const body = this.lastDeploy
      this.session = null
      this.lastDeploy = null
      this.cookieFrame = null
      if (body) await this.deploy((JSON.parse(body) as DeployRequest).files)
      return this.ensureSession()
    })().finally(() => (this.recovering = null))
    return this.recovering
  }

  /** Ends the session when the preview goes away (the docs page left, the preview reloaded). */
  end() {
    const session = this.session
    if (!session || this.keepSession) return
    // The session id is kept: a page restored from the back/forward cache gets 404
    // unknown-session on its next call and recovers (new session, same files) like after eviction.
    // keepalive: the request outlives the page that sends it.
    void fetch(`${BASE}/${session}`, {
      method: 'DELETE',
      keepalive: true,
      headers: EMBEDDED,
    }).catch(() => {})
  }

  /**
   * Uploads the files (in the mode last asked for) when they changed since the last deploy;
   * returns the action ids. The session's rows survive a deploy (as under `next dev`);
   * `resetData` starts from the seed again.
   */
  async deploy(
    files: Record<string, string>,
    { resetData = false }: { resetData?: boolean } = {},
  ): Promise<DeployResult> {
    const request: DeployRequest = { files, mode: this.mode }
    const body = JSON.stringify(request)
    if (body === this.lastDeploy && this.session && !resetData)
      return { ok: true, actions: this.lastActions }
    for (let attempt = 0; ; attempt++) {
      const session = await this.ensureSession()
      const response = await liveFetchRetrying(`${BASE}/${session}/files`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: resetData ? JSON.stringify({ files, mode: this.mode, data: 'reset' }) : body,
      })
      if (response.status === 404 && attempt === 0) {
        // The session expired or was evicted: open a new one and deploy again.
        this.session = null
        continue
      }
      this.pollLogs()
      if (response.status === 422) {
        const { errors } = (await response.json()) as DeployErrorsResponse
        this.lastDeploy = null
        return { ok: false, errors }
      }
      if (!response.ok)
        throw new Error(`The live server refused the files: ${await errorText(response)}`)
      const { actions, mode } = (await response.json()) as DeployResponse
      setFlightMode(mode)
      this.deployedMode = mode === 'production' ? 'production' : 'development'
      this.lastDeploy = body
      this.lastActions = actions
      this.actionNames = new Map(Object.entries(actions).map(([name, id]) => [id, name]))
      return { ok: true, actions }
    }
  }

  /** React's callServer: what every action stub runs, as Next's client does. */
  callServer: CallServer = async (id, args) => {
    const session = await this.ensureSession()
    const temporaryReferences = createTemporaryReferenceSet()
    const body = await encodeReply(args, { temporaryReferences })
    const seq = ++networkSeq
    const started = performance.now()
    const entry = {
      seq,
      actionId: id,
      action: this.actionNames.get(id) ?? null,
      method: 'POST',
      url: `${BASE}/${session}/action`,
      requestHeaders: {
        Accept: 'text/x-component',
        'Next-Action': id,
        'x-live-path': encodeURI(this.currentPath()),
      } as Record<string, string>,
      requestBody: describeBody(body),
      status: 0,
      responseHeaders: {} as Record<string, string>,
      durationMs: 0,
      simulated: null as 'delayed' | 'failed' | null,
    }
    send({ type: 'live/network', entry })
    let bodyText: Promise<string | undefined> = Promise.resolve(undefined)
    try {
      await throughNetwork((simulated) => {
        entry.simulated = simulated
        send({ type: 'live/network', entry })
      })
      let response = await liveFetch(entry.url, {
        method: 'POST',
        headers: entry.requestHeaders,
        body,
      })
      if (isUnknownSession(response)) {
        // Same files, same key: the action keeps its id in the new session.
        entry.url = `${BASE}/${await this.recover(session)}/action`
        response = await liveFetch(entry.url, {
          method: 'POST',
          headers: entry.requestHeaders,
          body,
        })
        // Closure tokens of the page shown were minted for the old session: render it again.
        this.onRecovered()
      }
      entry.status = response.status
      entry.responseHeaders = pickHeaders(response.headers)
      bodyText = response
        .clone()
        .text()
        .then((text) => (text.length > BODY_SHOWN ? `${text.slice(0, BODY_SHOWN)}…` : text))
        .catch(() => undefined)
      const redirect = parseRedirect(response.headers.get('x-action-redirect'))
      const revalidated =
        response.headers.has('x-action-revalidated') &&
        response.headers.get('x-action-revalidated') !== '0'
      const isFlight = (response.headers.get('content-type') ?? '').startsWith('text/x-component')
      // A redirect out of the app: Next 16 answers with an empty body (nothing to decode).
      if (redirect !== null && !isFlight && response.status < 400) {
        this.onActionOutcome({ redirect, revalidated, tree: null })
        return undefined
      }
      if (!isFlight) {
        const reason = response.headers.get('x-live-reason')
        throw Object.assign(new Error(await errorText(response)), reason ? { reason } : {})
      }
      const root = await this.decode(response, redirect !== null, temporaryReferences)
      const payload = isPayload(root) ? root : null
      this.onActionOutcome({ redirect, revalidated, tree: payload ? renderedTree(payload) : null })
      // After redirect() the body is the target's navigation payload: no `a`, nothing to return.
      if (!payload) return root
      return 'a' in payload ? await payload.a : undefined
    } finally {
      entry.durationMs = Math.round(performance.now() - started)
      const shown = await bodyText
      if (shown !== undefined) Object.assign(entry, { responseBody: shown })
      send({ type: 'live/network', entry })
      this.pollLogs()
      void this.reportCookies()
    }
  }

  /** The Flight answer of an action; a redirect may come with an empty body (nothing to decode). */
  private async decode(
    response: Response,
    mayBeEmpty: boolean,
    temporaryReferences: TemporaryReferenceSet,
  ): Promise<unknown> {
    const options = { callServer: this.callServer, temporaryReferences }
    if (!mayBeEmpty) return createFromFetch<unknown>(Promise.resolve(response), options)
    const bytes = await response.arrayBuffer()
    if (bytes.byteLength === 0) return null
    return createFromFetch<unknown>(
      Promise.resolve(new Response(bytes, { headers: response.headers })),
      options,
    )
  }

  /**
   * Renders a route's Server Components into a React tree (GET …/render → Flight). A page that
   * called redirect() answers with x-action-redirect, like an action.
   */
  async render(
    path: string,
  ): Promise<
    | { ok: true; tree: ReactNode; redirect: ActionOutcome['redirect'] }
    | { ok: false; status: number; message: string }
  > {
    const url = (session: string) => `${BASE}/${session}/render?path=${encodeURIComponent(path)}`
    const session = await this.ensureSession()
    const init = { headers: { Accept: 'text/x-component' } }
    let response = await liveFetchRetrying(url(session), init)
    if (isUnknownSession(response))
      response = await liveFetchRetrying(url(await this.recover(session)), init)
    this.pollLogs()
    void this.reportCookies()
    if (!(response.headers.get('content-type') ?? '').startsWith('text/x-component')) {
      return { ok: false, status: response.status, message: await errorText(response) }
    }
    const redirect = parseRedirect(response.headers.get('x-action-redirect'))
    const root = await createFromFetch<unknown>(Promise.resolve(response), {
      callServer: this.callServer,
    })
    const tree = isPayload(root) ? renderedTree(root) : (root as ReactNode)
    return { ok: true, tree, redirect }
  }

  private polling: Promise<void> | null = null

  /** Forwards the session's new server console entries to the editor page. */
  pollLogs() {
    if (!this.session || this.polling) return
    const session = this.session
    this.polling = (async () => {
      try {
        const response = await liveFetch(`${BASE}/${session}/logs?since=${this.logCursor}`)
        if (!response.ok) return
        const data = (await response.json()) as unknown
        const entries = (
          Array.isArray(data)
            ? data
            : ((data as { entries?: unknown[]; logs?: unknown[] }).entries ??
              (data as { logs?: unknown[] }).logs ??
              [])
        ) as Record<string, unknown>[]
        const next =
          (data as { next?: number; cursor?: number }).next ?? (data as { cursor?: number }).cursor
        if (typeof next === 'number') this.logCursor = next
        else if (entries.length) {
          const last = entries[entries.length - 1]
          const seq = Number(last.seq ?? last.id ?? last.index)
          this.logCursor = Number.isFinite(seq) ? seq + 1 : this.logCursor + entries.length
        }
        if (entries.length) send({ type: 'live/logs', session, entries })
      } catch {
        // The next call polls again.
      } finally {
        this.polling = null
      }
    })()
  }

  private cookieFrame: { session: string; ready: Promise<Document | null> } | null = null

  /**
   * The live server scopes a playground's cookies to Path=/api/live/<session>, so this page (at /)
   * does not see them in document.cookie. A hidden same-origin frame at that path does (all but
   * HttpOnly ones, which no script can read).
   */
  private sessionDocument(): Promise<Document | null> {
    const session = this.session
    if (!session) return Promise.resolve(null)
    if (this.cookieFrame?.session === session) return this.cookieFrame.ready
    const frame = document.createElement('iframe')
    frame.hidden = true
    frame.setAttribute('aria-hidden', 'true')
    frame.tabIndex = -1
    frame.src = `${BASE}/${session}/logs?since=${Number.MAX_SAFE_INTEGER}`
    const ready = new Promise<Document | null>((resolve) => {
      frame.addEventListener('load', () => resolve(frame.contentDocument), { once: true })
      frame.addEventListener('error', () => resolve(null), { once: true })
    })
    document.documentElement.appendChild(frame)
    this.cookieFrame = { session, ready }
    return ready
  }

  private async reportCookies() {
    const scoped = await this.sessionDocument().catch(() => null)
    send({ type: 'live/cookies', cookies: scoped?.cookie ?? document.cookie })
  }

  /** Signs the playground's visitor in (a demo user id of `@/lib/auth`) or out (null). */
  async setAuth(user: string | null): Promise<void> {
    const session = await this.ensureSession()
    try {
      const init = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user }),
      }
      let response = await liveFetchRetrying(`${BASE}/${session}/auth`, init)
      if (isUnknownSession(response))
        response = await liveFetchRetrying(`${BASE}/${await this.recover(session)}/auth`, init)
      if (!response.ok)
        throw new Error(`The live server did not change the sign-in: ${await errorText(response)}`)
    } finally {
      this.pollLogs()
      void this.reportCookies()
    }
  }

  /** Deletes the cookies this playground's scripts can see (its session path and the origin root). */
  async clearCookies() {
    const scoped = await this.sessionDocument().catch(() => null)
    for (const target of [scoped, document]) {
      if (!target) continue
      for (const pair of target.cookie.split(';')) {
        const name = pair.split('=')[0].trim()
        if (!name) continue
        target.cookie = `${name}=; Max-Age=0; path=/`
        if (this.session) target.cookie = `${name}=; Max-Age=0; path=${BASE}/${this.session}`
      }
    }
    await this.reportCookies()
  }
}
