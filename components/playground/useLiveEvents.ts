// What the preview runtime reports besides Sandpack's own messages: the live server session,
// each action call (network), the server console and the preview origin's cookies.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useCallback, useEffect, useState } from 'react'
import type { NetworkEntry, ServerLogEntry } from './types'

type LiveMessage =
  | { type: 'live/session'; session: string }
  | { type: 'live/network'; entry: NetworkEntry }
  | { type: 'live/logs'; session: string; entries: Record<string, unknown>[] }
  | { type: 'live/cookies'; cookies: string }

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
export function toLogEntry(raw: Record<string, unknown>, session: string, index: number): ServerLogEntry {
  const args = (raw.args ?? raw.data) as unknown
  const body = raw.message ?? raw.text ?? (Array.isArray(args) ? args.map(text).join(' ') : args)
  const seq = raw.seq ?? raw.id ?? raw.index ?? index
  return {
    key: `${session}-${text(seq)}`,
    level: String(raw.level ?? raw.method ?? 'log'),
    text: body === undefined ? text(raw) : text(body),
    time: typeof raw.time === 'string' ? raw.time : typeof raw.time === 'number' ? new Date(raw.time).toISOString() : undefined
  }
}

export interface LiveEvents {
  session: string | null
  network: NetworkEntry[]
  logs: ServerLogEntry[]
  cookies: string
  clearLogs: () => void
  clearNetwork: () => void
}

export function useLiveEvents(): LiveEvents {
  const { listen } = useSandpack()
  const [session, setSession] = useState<string | null>(null)
  const [network, setNetwork] = useState<NetworkEntry[]>([])
  const [logs, setLogs] = useState<ServerLogEntry[]>([])
  const [cookies, setCookies] = useState('')

  useEffect(
    () =>
      listen(raw => {
        const message = raw as unknown as LiveMessage
        switch (message.type) {
          case 'live/session':
            setSession(message.session)
            break
          case 'live/network':
            setNetwork(prev => [...prev.filter(e => e.seq !== message.entry.seq), message.entry].slice(-MAX_ENTRIES))
            break
          case 'live/logs':
            setLogs(prev => {
              const known = new Set(prev.map(e => e.key))
              const added = message.entries.map((e, i) => toLogEntry(e, message.session, prev.length + i)).filter(e => !known.has(e.key))
              return [...prev, ...added].slice(-MAX_ENTRIES)
            })
            break
          case 'live/cookies':
            setCookies(message.cookies)
            break
        }
      }),
    [listen]
  )

  return {
    session,
    network,
    logs,
    cookies,
    clearLogs: useCallback(() => setLogs([]), []),
    clearNetwork: useCallback(() => setNetwork([]), [])
  }
}
