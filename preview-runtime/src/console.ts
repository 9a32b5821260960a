// Forwards the preview's console to SandpackConsole in the console-feed format it decodes
// (values needing a type, such as undefined, Date or Map, travel as {"@t": type, data}).
import { send } from './protocol'

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'table', 'clear'] as const
type Method = (typeof METHODS)[number]

// SandpackConsole drops entries whose id it has seen: ids must stay unique across reloads of the frame.
const session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
let counter = 0
const nextId = () => `${session}-${++counter}`

const MAX_DEPTH = 4

function encode(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (Number.isNaN(value)) return { '@t': '[[NaN]]', data: '' }
      if (value === Infinity) return { '@t': 'Arithmetic', data: 0 }
      if (value === -Infinity) return { '@t': 'Arithmetic', data: 1 }
      if (Object.is(value, -0)) return { '@t': 'Arithmetic', data: 2 }
      return value
    case 'undefined':
      return { '@t': '[[undefined]]', data: '' }
    case 'bigint':
      return `${value}n`
    case 'symbol':
      return value.toString()
    case 'function':
      return {
        '@t': 'Function',
        data: { name: value.name || 'anonymous', body: '', proto: 'Function' },
      }
  }
  if (value === null) return null
  const object = value as object
  if (seen.has(object)) return '[Circular]'
  if (depth > MAX_DEPTH) return '…'
  seen.add(object)
  if (object instanceof Error)
    return {
      '@t': '[[Error]]',
      data: { name: object.name, message: object.message, stack: object.stack },
    }
  if (object instanceof Date) return { '@t': '[[Date]]', data: object.getTime() }
  if (object instanceof RegExp)
    return { '@t': '[[RegExp]]', data: { src: object.source, flags: object.flags } }
  if (object instanceof Map) {
    const flat: unknown[] = []
    object.forEach((v, k) => flat.push(encode(k, depth + 1, seen), encode(v, depth + 1, seen)))
    return { '@t': '[[Map]]', data: flat }
  }
  if (object instanceof Set)
    return { '@t': '[[Set]]', data: [...object].map((v) => encode(v, depth + 1, seen)) }
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
    return {
      '@t': '[[TypedArray]]',
      data: {
        ctorName: object.constructor.name,
        arr: Array.from(object as unknown as ArrayLike<number | bigint>, Number),
      },
    }
  }
  if (typeof Element !== 'undefined' && object instanceof Element)
    return object.outerHTML.slice(0, 500)
  if (Array.isArray(object)) return object.map((v) => encode(v, depth + 1, seen))
  // `constructor` is Sandpack's own field here, not Object's.
  const out: { [key: string]: unknown; constructor?: { name: string } } = {}
  for (const key of Object.keys(object))
    out[key] = encode((object as Record<string, unknown>)[key], depth + 1, seen)
  const name = Object.getPrototypeOf(object)?.constructor?.name
  if (name && name !== 'Object') out.constructor = { name }
  return out
}

function inline(value: unknown): string {
  if (value instanceof Error) return value.stack ?? String(value)
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** console.log('%s is %d', a, b) → one string, as the browser's console shows it (React logs this way). */
function applyFormat(args: unknown[]): unknown[] {
  const [format, ...rest] = args
  if (typeof format !== 'string' || !/%[sdifoOc]/.test(format)) return args
  let used = 0
  const text = format.replace(/%([sdifoOc%])/g, (match, kind: string) => {
    if (kind === '%') return '%'
    if (used >= rest.length) return match
    const value = rest[used++]
    if (kind === 'c') return ''
    if (kind === 's') return typeof value === 'string' ? value : inline(value)
    if (kind === 'd' || kind === 'i') return String(parseInt(String(value), 10))
    if (kind === 'f') return String(parseFloat(String(value)))
    return inline(value)
  })
  return [text, ...rest.slice(used)]
}

/** Rewrites the stacks in a logged text (main.ts sets it: it knows the playground's files). */
let formatStack: (text: string) => string = (text) => text

export function setStackFormatter(format: (text: string) => string) {
  formatStack = format
}

/** Sends one console entry to the editor page, as if the preview had called console[method]. */
export function forwardConsole(method: Method, rawArgs: unknown[]) {
  const formatted = applyFormat(rawArgs)
  const args =
    method === 'error' || method === 'warn'
      ? formatted.map((a) => (typeof a === 'string' ? formatStack(a) : a))
      : formatted
  let data: unknown[]
  try {
    data =
      method === 'error'
        ? args.map((a) => encode(a instanceof Error ? formatStack(a.stack || String(a)) : a))
        : args.map((a) => encode(a))
  } catch {
    data = args.map((a) => String(a))
  }
  enqueue({ method, id: nextId(), data })
}

// Entries leave in batches (one message per FLUSH_MS): a logging loop must not flood the docs
// page with messages. Past QUEUE entries waiting, the rest are counted, and the editor page
// shows "N messages dropped" in the reader's language.
const BATCH = 20
const QUEUE = 200
const FLUSH_MS = 100
type Entry = { method: Method; id: string; data: unknown[] }
const queue: Entry[] = []
let dropped = 0
let timer: ReturnType<typeof setTimeout> | null = null

function enqueue(entry: Entry) {
  if (queue.length >= QUEUE) dropped++
  else queue.push(entry)
  timer ??= setTimeout(flush, queue.length === 1 && !dropped ? 0 : FLUSH_MS)
}

function flush() {
  timer = null
  const log = queue.splice(0, BATCH)
  if (log.length) send({ type: 'console', log })
  if (dropped && !queue.length) {
    send({ type: 'console-dropped', count: dropped })
    dropped = 0
  }
  if (queue.length || dropped) timer = setTimeout(flush, FLUSH_MS)
}

/** Wraps the preview's console once; the original methods still print to the devtools. */
export function hookConsole() {
  const target = console as unknown as Record<Method, (...args: unknown[]) => void>
  for (const method of METHODS) {
    const original = target[method].bind(console)
    target[method] = (...args: unknown[]) => {
      original(...args)
      forwardConsole(method, args)
    }
  }
}
