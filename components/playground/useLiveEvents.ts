// What the preview runtime reports besides Sandpack's own messages: the live server session,
// each action call (network), the server console, the preview origin's cookies, the route shown
// and who is signed in.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useCallback, useEffect, useState } from 'react'
import type { NetworkEntry, ServerLogEntry } from './types'

type LiveMessage =
  | { type: 'live/session'; session: string }
  | { type: 'live/network'; entry: NetworkEntry }
  | { type: 'live/logs'; session: string; entries: Record<string, unknown>[] }
  | { type: 'live/cookies'; cookies: string }
  | { type: 'live/auth-changed'; user: string | null; ok: boolean }
  | { type: 'urlchange'; url: string }

const MAX_ENTRIES = 200

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

export interface LiveEvents {
  session: string | null
  network: NetworkEntry[]
  logs: ServerLogEntry[]
  cookies: string
  /** The route the preview shows ("/", "/done?x=1"). */
  path: string
  /** The @/lib/auth user the live server last confirmed for this session; null when signed out. */
  user: string | null
  /** Bumped on every sign-in answer of the preview, successful or not. */
  authAnswers: number
  clearLogs: () => void
  clearNetwork: () => void
}

export function useLiveEvents(): LiveEvents {
  const { listen } = useSandpack()
  const [session, setSession] = useState<string | null>(null)
  const [network, setNetwork] = useState<NetworkEntry[]>([])
  const [logs, setLogs] = useState<ServerLogEntry[]>([])
  const [cookies, setCookies] = useState('')
  const [path, setPath] = useState('/')
  const [user, setUser] = useState<string | null>(null)
  const [authAnswers, setAuthAnswers] = useState(0)

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
            break
          case 'live/network':
            setNetwork((prev) =>
              [...prev.filter((e) => e.seq !== message.entry.seq), message.entry].slice(
                -MAX_ENTRIES,
              ),
            )
            break
          case 'live/logs':
            setLogs((prev) => {
              const known = new Set(prev.map((e) => e.key))
              const added = message.entries
                .map((e, i) => toLogEntry(e, message.session, prev.length + i))
                .filter((e) => !known.has(e.key))
              return [...prev, ...added].slice(-MAX_ENTRIES)
            })
            break
          case 'live/cookies':
            setCookies(message.cookies)
            break
          case 'live/auth-changed':
            if (message.ok) setUser(message.user)
            setAuthAnswers((n) => n + 1)
            break
          case 'urlchange':
            try {
              const url = new URL(message.url)
              setPath(url.pathname + url.search)
            } catch {
              // Not a URL: keep the last route.
            }
            break
        }
      }),
    [listen],
  )

  return {
    session,
    network,
    logs,
    cookies,
    path,
    user,
    authAnswers,
    clearLogs: useCallback(() => setLogs([]), []),
    clearNetwork: useCallback(() => setNetwork([]), []),
  }
}
