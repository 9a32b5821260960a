// The network, cookies and server console panels, as the live server saw them: this page reads
// the session's records (GET …/events, …/logs) itself, from the preview's origin with CORS (the
// live server lets the docs site that embeds a preview read, never call). The preview cannot
// forge or rewrite them; it only says which session it uses (checked by the server: a session
// answers on its own preview's origin only) and when something happened (a hint to read sooner).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EventRecord, EventsResponse, LogsResponse, RecordPage } from '../../contract/http'
import type { NetworkEntry, ServerLogEntry } from './types'
import { toLogEntry } from './useLiveEvents'

const MAX_ENTRIES = 200
/** Soonest next read after a hint from the preview, and the slow read without any. */
const HINT_MS = 300
const IDLE_MS = 2000

/** What a read may rely on: the cursor and a list (each record is still checked field by field). */
type Page<T> = Pick<RecordPage<T>, 'entries' | 'next' | 'ended'>
/** A record as it arrives: the contract's field names, values not yet checked. */
type Unchecked<T> = { [K in keyof T]?: unknown }

function isPage(value: unknown): value is Page<unknown> {
  const page = value as Page<unknown> | null
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.entries) &&
    typeof page.next === 'number'
  )
}

/** GET …/events or …/logs (contract/http.d.ts: EventsResponse, LogsResponse). */
async function read<R extends EventsResponse | LogsResponse>(
  url: string,
  signal: AbortSignal,
): Promise<Page<Unchecked<R['entries'][number]>>> {
  const response = await fetch(url, { signal, credentials: 'omit', cache: 'no-store' })
  if (!response.ok) throw new Error(`${response.status}`)
  const page = (await response.json()) as unknown
  if (!isPage(page)) throw new Error('not a page of records')
  return page as Page<Unchecked<R['entries'][number]>>
}

/** A server record, shaped for the network panel (fields the server always writes). */
function toNetworkEntry(raw: Unchecked<EventRecord>): NetworkEntry | null {
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const headers = (v: unknown) =>
    typeof v === 'object' && v !== null ? (v as Record<string, string>) : {}
  if (typeof raw.seq !== 'number') return null
  return {
    seq: raw.seq,
    actionId: text(raw.actionId),
    action: typeof raw.action === 'string' ? raw.action : null,
    name: typeof raw.name === 'string' ? raw.name : null,
    method: text(raw.method),
    url: text(raw.url),
    requestHeaders: headers(raw.requestHeaders),
    requestBody: text(raw.requestBody),
    responseBody: text(raw.responseBody),
    status: typeof raw.status === 'number' ? raw.status : 0,
    responseHeaders: headers(raw.responseHeaders),
    durationMs: typeof raw.durationMs === 'number' ? raw.durationMs : 0,
  }
}

export interface ServerRecords {
  /** Every call the server recorded for the session (actions, forms, sign-in, deploys, renders). */
  requests: NetworkEntry[]
  logs: ServerLogEntry[]
}

const EMPTY: ServerRecords = { requests: [], logs: [] }

/**
 * Reads the session's records while it is known: soon after `wake()` (the preview said something
 * happened), and every IDLE_MS anyway (calls the preview made without telling still show up).
 */
export function useServerRecords(
  origin: string,
  session: string | null,
): ServerRecords & { clear: (what: 'requests' | 'logs') => void; wake: () => void } {
  // Records belong to one session: those of an older one are never shown.
  const key = session ? `${origin} ${session}` : ''
  const [state, setState] = useState<{ key: string; records: ServerRecords }>({
    key: '',
    records: EMPTY,
  })
  const records = state.key === key ? state.records : EMPTY
  const wake = useRef<() => void>(() => {})

  useEffect(() => {
    if (!session) return
    const base = `${origin}/api/live/${encodeURIComponent(session)}`
    const abort = new AbortController()
    let cursors = { events: 0, logs: 0 }
    let timer: ReturnType<typeof setTimeout> | null = null
    let reading = false
    let again = false
    let last = 0
    // The server said the session is gone: the next session (a new effect) is read instead.
    let ended = false

    async function poll() {
      timer = null
      if (ended) return
      if (reading) {
        again = true
        return
      }
      // A hidden tab reads nothing; the first read after it shows catches up (cursors).
      if (document.hidden) return schedule(IDLE_MS)
      reading = true
      last = performance.now()
      try {
        const [events, logs] = await Promise.all([
          read<EventsResponse>(`${base}/events?since=${cursors.events}`, abort.signal),
          read<LogsResponse>(`${base}/logs?since=${cursors.logs}`, abort.signal),
        ])
        if (events.ended || logs.ended) {
          ended = true
          return
        }
        cursors = { events: events.next, logs: logs.next }
        const requests = events.entries.map(toNetworkEntry).filter((e) => e !== null)
        const lines = logs.entries.map((e, i) => toLogEntry(e, session!, cursors.logs + i))
        if (requests.length || lines.length)
          setState((prev) => {
            const old = prev.key === key ? prev.records : EMPTY
            return {
              key,
              records: {
                requests: [...old.requests, ...requests].slice(-MAX_ENTRIES),
                logs: [...old.logs, ...lines].slice(-MAX_ENTRIES),
              },
            }
          })
      } catch {
        // Gone or not reachable: the next read tries again.
      } finally {
        reading = false
        if (!abort.signal.aborted && !ended) schedule(again ? HINT_MS : IDLE_MS)
        again = false
      }
    }

    function schedule(ms: number) {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => void poll(), ms)
    }

    wake.current = () => {
      if (reading) again = true
      else schedule(Math.max(0, HINT_MS - (performance.now() - last)))
    }
    void poll()
    return () => {
      abort.abort()
      if (timer !== null) clearTimeout(timer)
      wake.current = () => {}
    }
  }, [origin, session, key])

  return {
    ...records,
    clear: useCallback(
      (what: 'requests' | 'logs') =>
        setState((prev) => ({ ...prev, records: { ...prev.records, [what]: [] } })),
      [],
    ),
    wake: useCallback(() => wake.current(), []),
  }
}
