// console.* in playground code lands in the session's server console, formatted like Node's.
import { host } from './host-bridge.js'

// Frames of our own runtime are noise in the reader's server console.
export function withoutRuntimeFrames(stack) {
  return String(stack)
    .split('\n')
    .filter((line) => !line.includes('live-runtime.js'))
    .join('\n')
}

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
    if (value instanceof Date) return isNaN(value) ? 'Invalid Date' : value.toISOString()
    if (Array.isArray(value))
      return `[ ${value.map((v) => inspect(v, depth + 1, seen)).join(', ')} ]`
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`).join(', ')} }`
    }
    if (value instanceof Set)
      return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, seen)).join(', ')} }`
    if (ArrayBuffer.isView(value))
      return `${value.constructor.name}(${value.length}) [ ${Array.from(value).slice(0, 50).join(', ')} ]`
    const tag =
      value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : ''
    const body = Object.keys(value)
      .map(
        (k) =>
          `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(value[k], depth + 1, seen)}`,
      )
      .join(', ')
    return body ? `${tag}{ ${body} }` : `${tag}{}`
  } catch {
    return '[object]'
  } finally {
    seen.delete(value)
  }
}

export function format(args) {
  let first = args[0]
  let rest = args.slice(1)
  if (typeof first === 'string' && /%[sdifjoO%]/.test(first)) {
    first = first.replace(/%([sdifjoO%])/g, (m, c) => {
      if (c === '%') return '%'
      if (!rest.length) return m
      const v = rest.shift()
      if (c === 's') return typeof v === 'string' ? v : inspect(v, 1)
      if (c === 'd' || c === 'i') return String(c === 'i' ? parseInt(v) : Number(v))
      if (c === 'f') return String(parseFloat(v))
      return inspect(v, 1)
    })
    return [first, ...rest.map((a) => inspect(a))].join(' ')
  }
  return args.map((a) => inspect(a)).join(' ')
}

function emit(level, args) {
  let text
  try {
    text = format(args)
  } catch {
    text = '[unprintable]'
  }
  host.log(level, text)
}

const counts = new Map()
const timers = new Map()

export const console = {
  log: (...a) => emit('log', a),
  info: (...a) => emit('info', a),
  debug: (...a) => emit('debug', a),
  warn: (...a) => emit('warn', a),
  error: (...a) => emit('error', a),
  trace: (...a) => emit('trace', [...a, new Error().stack.split('\n').slice(2).join('\n')]),
  dir: (v) => emit('log', [v]),
  table: (v) => emit('log', [v]),
  assert: (ok, ...a) => {
    if (!ok) emit('error', ['Assertion failed:', ...a])
  },
  count: (label = 'default') => {
    counts.set(label, (counts.get(label) || 0) + 1)
    emit('log', [`${label}: ${counts.get(label)}`])
  },
  countReset: (label = 'default') => counts.delete(label),
  time: (label = 'default') => timers.set(label, Date.now()),
  timeLog: (label = 'default', ...a) =>
    emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`, ...a]),
  timeEnd: (label = 'default') => {
    emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`])
    timers.delete(label)
  },
  group: (...a) => a.length && emit('log', a),
  groupCollapsed: (...a) => a.length && emit('log', a),
  groupEnd: () => {},
}

/** React's own console.error calls (e.g. dev warnings) go to the server console as well. */
export const internalError = (text) => host.log('error', text)
