// React's taint APIs (`experimental_taintObjectReference`, `experimental_taintUniqueValue`), which
// Next 16 offers when next.config sets `experimental.taint` (it then runs React's experimental
// build). The isolate runs React's stable build, which has no taint registry, so the registry is
// kept here with the experimental build's messages, and checked where React's Flight server
// checks it: every value that leaves for the client — the props of host elements and Client
// Components (checked when the element is created), and an action's result.
const DEFAULT_MESSAGE =
  'A tainted value was attempted to be serialized to a Client Component or Action closure. This would leak it to the client.'
const CLIENT_REFERENCE = Symbol.for('react.client.reference')
const MAX_VALUES = 10_000
const MAX_VISITS = 100_000

let enabled = false
/** @type {WeakMap<object, string>} */
const objects = new WeakMap()
let objectCount = 0
/** @type {Map<string | bigint, { message: string, count: number }>} */
const values = new Map()

/** next.config's experimental.taint, set at deploy before any playground module loads. */
/** @param {unknown} on */
export function setTaintEnabled(on) {
  enabled = on === true
}

export function taintEnabled() {
  return enabled
}

/** @param {unknown} message @param {unknown} object */
export function experimental_taintObjectReference(message, object) {
  const text = `${message || DEFAULT_MESSAGE}`
  if (typeof object === 'string' || typeof object === 'bigint')
    throw new Error(
      'Only objects or functions can be passed to taintObjectReference. Try taintUniqueValue instead.',
    )
  if (object === null || (typeof object !== 'object' && typeof object !== 'function'))
    throw new Error('Only objects or functions can be passed to taintObjectReference.')
  objects.set(object, text)
  objectCount++
}

/** @param {unknown} message @param {unknown} lifetime @param {unknown} value */
export function experimental_taintUniqueValue(message, lifetime, value) {
  const text = `${message || DEFAULT_MESSAGE}`
  if (lifetime === null || (typeof lifetime !== 'object' && typeof lifetime !== 'function'))
    throw new Error(
      'To taint a value, a lifetime must be defined by passing an object that holds the value.',
    )
  let key = value
  if (typeof value !== 'string' && typeof value !== 'bigint') {
    if (ArrayBuffer.isView(value)) {
      // As React: a typed array is tainted by its bytes, as a binary string.
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      key = ''
      for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i])
    } else {
      const kind = value === null ? 'null' : typeof value
      if (kind === 'object' || kind === 'function')
        throw new Error(
          'taintUniqueValue cannot taint objects or functions. Try taintObjectReference instead.',
        )
      throw new Error(
        `Cannot taint a ${kind} because the value is too general and not unique enough to block globally.`,
      )
    }
  }
  const entry = values.get(/** @type {string | bigint} */ (key))
  if (entry) entry.count++
  else if (values.size < MAX_VALUES)
    values.set(/** @type {string | bigint} */ (key), { message: text, count: 1 })
  // React untaints when `lifetime` is collected; here a value stays tainted for the isolate's life.
}

/**
 * Throws React's taint violation (the message given when tainting) if `value` holds a tainted
 * object or value. React elements inside were checked when they were created.
 * @param {unknown} value
 */
export function assertUntainted(value) {
  if (!enabled || (objectCount === 0 && values.size === 0)) return
  const stack = [value]
  const seen = new Set()
  let visits = 0
  while (stack.length && visits++ < MAX_VISITS) {
    const v = stack.pop()
    if (typeof v === 'string' || typeof v === 'bigint') {
      const entry = values.get(v)
      if (entry) throw new Error(entry.message)
    } else if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
      if (seen.has(v)) continue
      seen.add(v)
      const message = objects.get(v)
      if (message !== undefined) throw new Error(message)
      if (typeof v === 'function' || '$$typeof' in v) continue
      if (ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, Math.min(v.byteLength, 65536))
        let text = ''
        for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i])
        stack.push(text)
        continue
      }
      if (v instanceof Map) for (const [k, x] of v) stack.push(k, x)
      else if (v instanceof Set) for (const x of v) stack.push(x)
      else for (const k of Object.keys(v)) stack.push(/** @type {Record<string, unknown>} */ (v)[k])
    }
  }
}

/** Does an element of this type send its props to the client? (host elements, Client Components) */
/** @param {unknown} type */
function propsLeave(type) {
  if (typeof type === 'string' || typeof type === 'symbol') return true
  return !!type && /** @type {{ $$typeof?: unknown }} */ (type).$$typeof === CLIENT_REFERENCE
}

/** Wraps jsx/jsxs/createElement: the props of elements that reach the client are checked. */
/** @typedef {(type: unknown, props: unknown, ...rest: unknown[]) => unknown} ElementFactory */

/** @param {ElementFactory} create @returns {ElementFactory} */
export function checkedElementFactory(create) {
  return function element(type, props, ...rest) {
    if (enabled && propsLeave(type)) {
      if (props) assertUntainted(props)
      for (const child of rest) assertUntainted(child)
    }
    return create(type, props, ...rest)
  }
}

/**
 * `react` as playground code sees it: React's own exports, createElement checked, and the two
 * taint functions only when next.config enables experimental.taint (as Next: without it React's
 * stable build has no such exports).
 * @param {Record<string, unknown>} React
 */
export function reactWithTaint(React) {
  const out = {
    ...React,
    createElement: checkedElementFactory(/** @type {ElementFactory} */ (React.createElement)),
  }
  /** @type {[string, Function][]} */
  const taintApis = [
    ['experimental_taintObjectReference', experimental_taintObjectReference],
    ['experimental_taintUniqueValue', experimental_taintUniqueValue],
  ]
  for (const [name, fn] of taintApis) {
    Object.defineProperty(out, name, { enumerable: true, get: () => (enabled ? fn : undefined) })
  }
  return out
}

/** `react/jsx-runtime` (or jsx-dev-runtime) with its element factories checked. */
/** @param {Record<string, unknown>} runtime */
export function jsxWithTaint(runtime) {
  const out = { ...runtime }
  for (const name of ['jsx', 'jsxs', 'jsxDEV']) {
    const create = runtime[name]
    if (typeof create === 'function')
      out[name] = checkedElementFactory(/** @type {ElementFactory} */ (create))
  }
  return out
}
