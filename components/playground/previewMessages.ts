// What a preview may say to the docs page, checked before anything reads it: the preview runs the
// reader's (or a stranger's) code, so every message is untrusted input. One small validator per
// message type of our runtime's protocol (preview-runtime/src/protocol.ts and its callers); every
// check is bounded (lengths are compared before anything is walked), so a hostile message costs
// the docs page O(1) to refuse. Anything not listed here is dropped.

type Check = (m: Record<string, unknown>) => boolean

const MAX_TEXT = 20_000
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'table', 'clear'])
/** Console entries in one message (our runtime sends one). */
export const MAX_CONSOLE_ENTRIES = 20
const MAX_CONSOLE_ARGS = 50
const SESSION_ID = /^[A-Za-z0-9_-]{24}$/

const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max
const isOptionalText = (v: unknown, max = MAX_TEXT) => v === undefined || isText(v, max)
const isBool = (v: unknown) => typeof v === 'boolean'
const isOptionalBool = (v: unknown) => v === undefined || isBool(v)
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e9
const isOptionalCount = (v: unknown) => v === undefined || isCount(v)

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A flat name → value map of short strings (request or response headers). */
function isHeaders(v: unknown): boolean {
  if (!isRecord(v)) return false
  const entries = Object.entries(v)
  return entries.length <= 20 && entries.every(([k, x]) => k.length <= 100 && isText(x, 2000))
}

function isConsoleEntry(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.method === 'string' &&
    CONSOLE_METHODS.has(v.method) &&
    isText(v.id, 100) &&
    Array.isArray(v.data) &&
    v.data.length <= MAX_CONSOLE_ARGS
  )
}

function isNetworkEntry(v: unknown): boolean {
  return (
    isRecord(v) &&
    isCount(v.seq) &&
    isText(v.actionId, 100) &&
    (v.action === null || isText(v.action, 300)) &&
    isText(v.method, 10) &&
    isText(v.url, 2000) &&
    isHeaders(v.requestHeaders) &&
    isText(v.requestBody) &&
    isCount(v.status) &&
    isHeaders(v.responseHeaders) &&
    isCount(v.durationMs)
  )
}

const CHECKS: Record<string, Check> = {
  initialized: () => true,
  start: (m) => isOptionalBool(m.firstLoad),
  status: (m) => isText(m.status, 40),
  done: (m) => isOptionalBool(m.compilatonError),
  action: (m) =>
    m.action === 'show-error' &&
    isOptionalText(m.title, 200) &&
    isOptionalText(m.message) &&
    isOptionalText(m.path, 500) &&
    isOptionalCount(m.line) &&
    isOptionalCount(m.column),
  console: (m) =>
    Array.isArray(m.log) &&
    m.log.length > 0 &&
    m.log.length <= MAX_CONSOLE_ENTRIES &&
    m.log.every(isConsoleEntry),
  'console-dropped': (m) => isCount(m.count),
  urlchange: (m) => isText(m.url, 2000) && isOptionalBool(m.back) && isOptionalBool(m.forward),
  resize: (m) => isCount(m.height),
  'live/session': (m) => typeof m.session === 'string' && SESSION_ID.test(m.session),
  'live/network': (m) => isNetworkEntry(m.entry),
  'live/logs': (m) =>
    typeof m.session === 'string' &&
    SESSION_ID.test(m.session) &&
    Array.isArray(m.entries) &&
    m.entries.length <= 200 &&
    m.entries.every(
      (e) => isRecord(e) && isOptionalText(e.text) && isOptionalText(e.level, 20) && isCount(e.seq),
    ),
  'live/cookies': (m) => isText(m.cookies, 8192),
  'live/auth-changed': (m) => (m.user === null || isText(m.user, 100)) && isBool(m.ok),
  'live/data-reset': (m) => isBool(m.ok),
  'live/mode': (m) => (m.mode === 'development' || m.mode === 'production') && isBool(m.ok),
  'live/composed': (m) => isText(m.nonce, 64) && isBool(m.ok),
}

/** A message of the preview protocol, shaped as its type says; `null` when it is not one. */
export function checkPreviewMessage(data: unknown): { type: string } | null {
  if (!isRecord(data) || data.codesandbox !== true || typeof data.type !== 'string') return null
  if (data.$id !== undefined && !isCount(data.$id)) return null
  const check = Object.hasOwn(CHECKS, data.type) ? CHECKS[data.type] : undefined
  return check?.(data) ? (data as { type: string }) : null
}
