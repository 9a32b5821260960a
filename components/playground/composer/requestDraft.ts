// The request composer's logic, apart from its UI (unit-tested in tests/unit/composer.test.mjs):
// a draft made from a recorded call, its edits (headers as text, a corrupted closure token), and
// the message the preview sends it with.
import type { NetworkEntry } from '../types'

/** Headers the browser sets itself (fetch cannot send them): the composer leaves them out. */
const BROWSER_HEADERS = new Set(['origin', 'cookie', 'host', 'content-length'])
/** The composer's own marks, which it adds again on every send. */
const COMPOSER_HEADERS = new Set(['x-live-compose', 'x-live-compose-origin'])
const MAX_HEADER_LINES = 30
export const MAX_BODY_CHARS = 256 * 1024
export const MAX_PAD_BYTES = 8 * 1024 * 1024

export interface Draft {
  /** The recorded call's URL on the preview origin (`/api/live/<s>/action?…`). */
  url: string
  /** `Name: value` lines. */
  headers: string
  origin: string
  body: string
  padBytes: number
}

/** A header of a record by name, whatever case it was written in. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return undefined
}

/** The short name of a recorded call's action, as the network panel shows it. */
export function actionName(entry: Pick<NetworkEntry, 'name' | 'action'>): string | null {
  if (entry.name) return entry.name
  if (!entry.action) return null
  return entry.action.slice(entry.action.lastIndexOf('#') + 1)
}

/** A draft that sends the recorded call again as it was (Origin as the browser sent it). */
export function draftFrom(entry: NetworkEntry, previewOrigin: string): Draft {
  const lines = Object.entries(entry.requestHeaders)
    .filter(([name]) => {
      const lower = name.toLowerCase()
      return !BROWSER_HEADERS.has(lower) && !COMPOSER_HEADERS.has(lower)
    })
    .map(([name, value]) => `${name}: ${value}`)
  return {
    url: entry.url,
    headers: lines.join('\n'),
    origin: headerOf(entry.requestHeaders, 'origin') ?? previewOrigin,
    body: entry.requestBody,
    padBytes: 0,
  }
}

/** `Name: value` lines → a header map; lines without a colon or with a bad name are errors. */
export function parseHeaders(text: string): { headers: Record<string, string>; bad: string[] } {
  const headers: Record<string, string> = {}
  const bad: string[] = []
  for (const line of text.split('\n').slice(0, MAX_HEADER_LINES)) {
    if (!line.trim()) continue
    const at = line.indexOf(':')
    const name = at > 0 ? line.slice(0, at).trim() : ''
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) {
      bad.push(line.slice(0, 60))
      continue
    }
    headers[name] = line.slice(at + 1).trim()
  }
  return { headers, bad }
}

/** Sets (or adds) one header line, keeping the others. */
export function withHeader(text: string, name: string, value: string): string {
  const lower = name.toLowerCase()
  const lines = text.split('\n').filter((line) => {
    const at = line.indexOf(':')
    return !(at > 0 && line.slice(0, at).trim().toLowerCase() === lower)
  })
  return [...lines.filter((line) => line.trim()), `${name}: ${value}`].join('\n')
}

/**
 * A closure token in a body: the encrypted bound arguments of an inline action (the first
 * argument of its call, or a no-JS form's `$ACTION_KEY`/`$ACTION_n:0` bound value) — the longest
 * run of base64 characters, at least 24 long. Changes one character in its middle, so the
 * AES-GCM check fails as it would for a tampered token. Null when the body holds no token.
 */
export function tamperToken(body: string): string | null {
  let best: { start: number; end: number } | null = null
  // The server writes tokens in standard base64 (closure-crypto.mjs). Action ids (hex) and
  // multipart boundaries are not tokens.
  const run = /[A-Za-z0-9+/]{24,}={0,2}/g
  for (let match = run.exec(body); match; match = run.exec(body)) {
    if (/^[0-9a-f]+$/.test(match[0]) || match[0].includes('FormBoundary')) continue
    if (!best || match[0].length > best.end - best.start)
      best = { start: match.index, end: match.index + match[0].length }
  }
  if (!best) return null
  // A character in the token's middle: its bytes change, so does the GCM tag's verdict.
  const at = best.start + Math.floor((best.end - best.start) / 2)
  const old = body[at]
  const replacement = old === 'A' ? 'B' : 'A'
  return body.slice(0, at) + replacement + body.slice(at + 1)
}

/** A path of the preview's app the reader typed: `/posts/2?x=1`, not a URL of another site. */
export function isAppPath(path: string): boolean {
  return (
    path.length > 0 &&
    path.length <= 2000 &&
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !/[\s\\]/.test(path)
  )
}

export interface ComposeMessage {
  type: 'live/compose'
  nonce: string
  url: string
  headers: Record<string, string>
  origin: string
  body: string
  padBytes: number
}

/** The message the preview sends the draft with; the nonce finds its record again. */
export function composeMessage(draft: Draft, nonce: string): ComposeMessage | { bad: string[] } {
  const { headers, bad } = parseHeaders(draft.headers)
  if (bad.length) return { bad }
  return {
    type: 'live/compose',
    nonce,
    url: draft.url,
    headers,
    origin: draft.origin.trim(),
    body: draft.body.slice(0, MAX_BODY_CHARS),
    padBytes: Math.max(0, Math.min(MAX_PAD_BYTES, Math.floor(draft.padBytes) || 0)),
  }
}
