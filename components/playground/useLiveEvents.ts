// What the playground knows of its preview and live server session: the session, the route
// shown and who is signed in (from the preview's checked messages), and the calls, cookies and
// server console (from the live server's own records, useServerRecords.ts).
import { useSandpack } from '@codesandbox/sandpack-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { deployedActions, routeOf, type DeployedAction } from './previewState'
import type { NetworkEntry, ServerLogEntry } from './types'
import { useServerRecords } from './useServerRecords'

export type { DeployedAction }

type LiveMessage =
  | { type: 'live/session'; session: string }
  | { type: 'live/network'; entry: NetworkEntry }
  | { type: 'live/logs' | 'live/cookies' | 'done' }
  | { type: 'live/auth-changed'; user: string | null; ok: boolean }
  | { type: 'urlchange'; url: string; back?: boolean; forward?: boolean }
  | { type: 'live/mode'; mode: Mode; ok: boolean }
  | { type: 'live/composed'; nonce: string; ok: boolean }

export type Mode = 'development' | 'production'

function text(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/** A server console entry in whatever shape the live server sends, as one line. */
export function toLogEntry(
  raw: Record<string, unknown>,
  session: string,
  index: number,
): ServerLogEntry {
  const args = (raw.args ?? raw.data) as unknown
  const body = raw.message ?? raw.text ?? (Array.isArray(args) ? args.map(text).join(' ') : args)
  const seq = raw.seq ?? raw.id ?? raw.index ?? index
  return {
    key: `${session}-${text(seq)}`,
    level: String(raw.level ?? raw.method ?? 'log'),
    text: body === undefined ? text(raw) : text(body),
    time:
      typeof raw.time === 'string'
        ? raw.time
        : typeof raw.time === 'number'
          ? new Date(raw.time).toISOString()
          : undefined,
  }
}

/** A call the preview's network switch held or failed: the server cannot know of these. */
export interface SimulatedCall {
  seq: number
  kind: 'delayed' | 'failed'
}

export interface LiveEvents {
  session: string | null
  /** What the network switch did in the preview, as the preview reports it (its own view). */
  simulated: SimulatedCall[]
  /** The calls the live server received (actions, form posts, sign-in), as it recorded them. */
  network: NetworkEntry[]
  logs: ServerLogEntry[]
  /** Cookies the live server received with the session's last request ("name=value"). */
  cookies: string[]
  /** Set-Cookie lines of the last answer that set any. */
  setCookies: string[]
  /** The route the preview shows ("/", "/done?x=1"). */
  path: string
  /** Bumped on every route the preview reports (the address bar waits for the next one). */
  routeAnswers: number
  /** The preview's own history can move back / forward from the route shown. */
  canBack: boolean
  canForward: boolean
  /** The mode the preview's session last deployed in. */
  mode: Mode
  /** The actions of the session's last deploy, from the server's record of it (composer). */
  actions: DeployedAction[]
  /** Request composer nonces the preview says it sent (or failed to), newest last. */
  composed: { nonce: string; ok: boolean }[]
  /** The @/lib/auth user the live server last confirmed for this session; null when signed out. */
  user: string | null
  /** Bumped on every sign-in answer of the preview, successful or not. */
  authAnswers: number
  clearLogs: () => void
  clearNetwork: () => void
  /** Stop reading the session: the preview is about to reload, which ends it. */
  forgetSession: () => void
}

/** A call the network panel shows: actions, no-JS form posts and the sign-in switch. */
function isCall(entry: NetworkEntry): boolean {
  const path = entry.url.split('?')[0]
  return (
    entry.method === 'POST' &&
    (path.endsWith('/action') || path.endsWith('/html') || path.endsWith('/auth'))
  )
}

/**
 * The preview's messages (already checked by messageGuard) give the session, the route and the
 * sign-in answers; the panels' content comes from the live server's own records.
 */
export function useLiveEvents(origin: string): LiveEvents {
  const { listen } = useSandpack()
  const [session, setSession] = useState<string | null>(null)
  const [path, setPath] = useState('/')
  const [history, setHistory] = useState({ back: false, forward: false, answers: 0 })
  const [mode, setMode] = useState<Mode>('development')
  const [composed, setComposed] = useState<{ nonce: string; ok: boolean }[]>([])
  const [user, setUser] = useState<string | null>(null)
  const [authAnswers, setAuthAnswers] = useState(0)
  const [simulated, setSimulated] = useState<SimulatedCall[]>([])
  const records = useServerRecords(origin, session)
  const { wake, clear } = records

  useEffect(
    () =>
      listen((raw) => {
        const message = raw as unknown as LiveMessage
        switch (message.type) {
          case 'live/session':
            // A new session starts signed out, at the first route.
            setSession(message.session)
            setUser(null)
            setPath('/')
            setHistory((h) => ({ back: false, forward: false, answers: h.answers }))
            // A new preview page starts in development; the production switch asks again.
            setMode('development')
            break
          case 'live/network': {
            const { seq, simulated: kind } = message.entry
            if (kind === 'delayed' || kind === 'failed')
              setSimulated((list) =>
                [...list.filter((c) => c.seq !== seq), { seq, kind }].slice(-50),
              )
            wake()
            break
          }
          case 'live/logs':
          case 'live/cookies':
          case 'done':
            // Something happened on the live server: read its records soon.
            wake()
            break
          case 'live/auth-changed':
            if (message.ok) setUser(message.user)
            setAuthAnswers((n) => n + 1)
            wake()
            break
          case 'urlchange': {
            const route = routeOf(message.url, origin)
            // Not a route of this preview's origin: keep the last one.
            if (route === null) break
            setPath(route)
            setHistory((h) => ({
              back: message.back === true,
              forward: message.forward === true,
              answers: h.answers + 1,
            }))
            break
          }
          case 'live/mode':
            setMode(message.mode)
            break
          case 'live/composed':
            setComposed((list) => [...list, { nonce: message.nonce, ok: message.ok }].slice(-20))
            wake()
            break
        }
      }),
    [listen, wake, origin],
  )

  const network = useMemo(() => records.requests.filter(isCall), [records.requests])
  const { cookies, setCookies } = useMemo(() => {
    const last = records.requests.at(-1)
    const received = last ? headerOf(last.requestHeaders, 'cookie') : ''
    const setting = records.requests.findLast((e) => e.responseHeaders['set-cookie'])
    return {
      cookies: received
        .split(';')
        .map((pair) => pair.trim())
        .filter(Boolean),
      setCookies: setting ? setting.responseHeaders['set-cookie'].split('\n') : [],
    }
  }, [records.requests])

  const actions = useMemo(() => {
    const deploy = records.requests.findLast(
      (e) => e.method === 'PUT' && e.url.split('?')[0].endsWith('/files') && e.status === 200,
    )
    return deployedActions(deploy?.responseBody)
  }, [records.requests])

  const forgetSession = useCallback(() => setSession(null), [])

  return {
    session,
    forgetSession,
    simulated,
    network,
    logs: records.logs,
    cookies,
    setCookies,
    path,
    routeAnswers: history.answers,
    canBack: history.back,
    canForward: history.forward,
    mode,
    composed,
    actions,
    user,
    authAnswers,
    clearLogs: useCallback(() => clear('logs'), [clear]),
    clearNetwork: useCallback(() => clear('requests'), [clear]),
  }
}

/** A request header by name, whatever case the browser wrote it in. */
function headerOf(headers: Record<string, string>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return ''
}
