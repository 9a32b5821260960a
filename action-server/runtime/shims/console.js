// console.* in playground code lands in the session's server console, formatted like Node's.
import { consoleLimits, host } from './host-bridge.js'

// Frames of our own runtime are noise in the reader's server console.
/** @param {unknown} stack */
export function withoutRuntimeFrames(stack) {
  return String(stack)
    .split('\n')
    .filter((line) => !line.includes('live-runtime.js'))
    .join('\n')
}

/** @param {unknown} value @param {number} [depth] @param {Set<object>} [seen] @returns {string} */
function inspect(value, depth = 0, seen = new Set()) {
  if (typeof value === 'string')
    return depth
      ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
      : value
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return value.toString()
  if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`
  if (value === null || typeof value !== 'object')
    return Object.is(value, -0) ? '-0' : String(value)
  if (value instanceof Error)
    return withoutRuntimeFrames(value.stack || `${value.name}: ${value.message}`)
  if (seen.has(value)) return '[Circular]'
  if (depth > 3) return Array.isArray(value) ? '[Array]' : '[Object]'
  seen.add(value)
  try {
    if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
    if (Array.isArray(value))
      return `[ ${value.map((v) => inspect(v, depth + 1, seen)).join(', ')} ]`
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`).join(', ')} }`
    }
    if (value instanceof Set)
      return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, seen)).join(', ')} }`
    if (ArrayBuffer.isView(value)) {
      const view = /** @type {Uint8Array} a typed array (a DataView shows no items) */ (value)
      return `${view.constructor.name}(${view.length}) [ ${Array.from(view).slice(0, 50).join(', ')} ]`
    }
    const record = /** @type {Record<string, unknown>} */ (value)
    const tag =
      record.constructor && record.constructor !== Object ? `${record.constructor.name} ` : ''
    const body = Object.keys(record)
      .map(
        (k) =>
          `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(record[k], depth + 1, seen)}`,
      )
      .join(', ')
    return body ? `${tag}{ ${body} }` : `${tag}{}`
  } catch {
    return '[object]'
  } finally {
    seen.delete(value)
  }
}

/** @param {unknown[]} args */
export function format(args) {
  let first = args[0]
  let rest = args.slice(1)
  if (typeof first === 'string' && /%[sdifjoO%]/.test(first)) {
    first = first.replace(/%([sdifjoO%])/g, (m, c) => {
      if (c === '%') return '%'
      if (!rest.length) return m
      const v = rest.shift()
      if (c === 's') return typeof v === 'string' ? v : inspect(v, 1)
      if (c === 'd' || c === 'i')
        return String(c === 'i' ? parseInt(/** @type {string} */ (v)) : Number(v))
      if (c === 'f') return String(parseFloat(/** @type {string} */ (v)))
      return inspect(v, 1)
    })
    return [first, ...rest.map((a) => inspect(a))].join(' ')
  }
  return args.map((a) => inspect(a)).join(' ')
}

// What this call has sent, counted as the host counts it or less: past the host's cap the host
// drops every line (and has said so), so formatting and copying them out would only burn the
// reader's CPU budget (a 12k × 4 KB flood crossed 48 MB for nothing).
let sentChars = 0

/** A new call from the host (not a timer it left): the host's count starts again too. */
export function newCall() {
  sentChars = 0
}

/** @param {string} level @param {unknown[]} args */
function emit(level, args) {
  if (consoleLimits.callBytes && sentChars > consoleLimits.callBytes) return
  let text
  try {
    text = format(args)
  } catch {
    text = '[unprintable]'
  }
  sentChars += Math.min(text.length, consoleLimits.entryChars)
  host.log(level, text)
}

/** @type {Map<unknown, number>} */
const counts = new Map()
/** @type {Map<unknown, number>} */
const timers = new Map()

export const console = {
  log: (/** @type {unknown[]} */ ...a) => emit('log', a),
  info: (/** @type {unknown[]} */ ...a) => emit('info', a),
  debug: (/** @type {unknown[]} */ ...a) => emit('debug', a),
  warn: (/** @type {unknown[]} */ ...a) => emit('warn', a),
  error: (/** @type {unknown[]} */ ...a) => emit('error', a),
  trace: (/** @type {unknown[]} */ ...a) =>
    emit('trace', [
      ...a,
      /** @type {string} */ (new Error().stack).split('\n').slice(2).join('\n'),
    ]),
  dir: (/** @type {unknown} */ v) => emit('log', [v]),
  table: (/** @type {unknown} */ v) => emit('log', [v]),
  assert: (/** @type {unknown} */ ok, /** @type {unknown[]} */ ...a) => {
    if (!ok) emit('error', ['Assertion failed:', ...a])
  },
  count: (label = 'default') => {
    counts.set(label, (counts.get(label) || 0) + 1)
    emit('log', [`${label}: ${counts.get(label)}`])
  },
  countReset: (label = 'default') => counts.delete(label),
  time: (label = 'default') => timers.set(label, Date.now()),
  timeLog: (label = 'default', /** @type {unknown[]} */ ...a) =>
    emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`, ...a]),
  timeEnd: (label = 'default') => {
    emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`])
    timers.delete(label)
  },
  group: (/** @type {unknown[]} */ ...a) => a.length && emit('log', a),
  groupCollapsed: (/** @type {unknown[]} */ ...a) => a.length && emit('log', a),
  groupEnd: () => {},
}

/** React's own console.error calls (e.g. dev warnings) go to the server console as well. */
export const internalError = (/** @type {string} */ text) => host.log('error', text)
