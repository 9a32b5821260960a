// An action's answer when its result is plain data, written without React's Flight renderer: the
// bytes React 19's production server writes for it (tests/unit/action-server/plain-flight.test.mjs
// compares the two on generated values). In the jitless isolate React's renderer is about a quarter
// of an action call's CPU (issue 14); most actions return small plain values. Anything else (React
// elements, references, dates, maps, typed arrays, long strings, an object met twice, a large value,
// the development build's debug rows) gets null and goes through React.

const TEXT_ROW_CHARS = 1024 // React writes a string this long as a text row of its own
const MAX_VALUES = 2000
const MAX_DEPTH = 64

/** Returned by `json` for a value this writer leaves to React. */
const NOT_PLAIN = Symbol('not plain')

/**
 * @param {unknown} value
 * @param {{ values: number, seen: Set<object>, temporaryReferences: WeakMap<object, string> | undefined }} walk
 * @param {number} depth
 * @returns {string | typeof NOT_PLAIN} the JSON React's model row holds for `value`
 */
function json(value, walk, depth) {
  if (++walk.values > MAX_VALUES) return NOT_PLAIN
  switch (typeof value) {
    case 'string':
      if (value.length >= TEXT_ROW_CHARS) return NOT_PLAIN
      return JSON.stringify(value[0] === '$' ? `$${value}` : value)
    case 'number':
      if (Number.isFinite(value)) return Object.is(value, -0) ? '"$-0"' : String(value)
      return value === Infinity ? '"$Infinity"' : value === -Infinity ? '"$-Infinity"' : '"$NaN"'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'undefined':
      return '"$undefined"'
    case 'object':
      break
    default:
      return NOT_PLAIN // bigint, symbol, function
  }
  if (value === null) return 'null'
  if (depth > MAX_DEPTH || walk.seen.has(value)) return NOT_PLAIN
  walk.seen.add(value)
  if (walk.temporaryReferences?.has(value)) return NOT_PLAIN
  // What React or JSON.stringify would look up on the object, own or inherited, ends the walk.
  if ('toJSON' in value || '$$typeof' in value) return NOT_PLAIN
  const proto = Object.getPrototypeOf(value)
  const isArray = Array.isArray(value)
  if (proto !== (isArray ? Array.prototype : Object.prototype)) return NOT_PLAIN
  if (!isArray && ('then' in value || Symbol.iterator in value || Symbol.asyncIterator in value))
    return NOT_PLAIN
  // Read through descriptors: a getter is the reader's code, and React (on the way back) must be the
  // only one to run it.
  const own = Object.getOwnPropertyDescriptors(value)
  if (isArray) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      const item = dataJson(own[i], walk, depth)
      if (item === NOT_PLAIN) return NOT_PLAIN
      out += i ? `,${item}` : item
    }
    return `${out}]`
  }
  let out = '{'
  let first = true
  for (const key of Object.keys(value)) {
    const item = dataJson(own[key], walk, depth)
    if (item === NOT_PLAIN) return NOT_PLAIN
    out += `${first ? '' : ','}${JSON.stringify(key)}:${item}`
    first = false
  }
  return `${out}}`
}

/**
 * A property's JSON: a hole is undefined (as React reads it), an accessor is not plain data.
 * @param {PropertyDescriptor | undefined} d
 * @param {{ values: number, seen: Set<object>, temporaryReferences: WeakMap<object, string> | undefined }} walk
 * @param {number} depth the holder's
 */
function dataJson(d, walk, depth) {
  if (d && !('value' in d)) return NOT_PLAIN
  return json(d?.value, walk, depth + 1)
}

const encoder = new TextEncoder()

/**
 * Rows `0:` (the root, its `a` the promise of row 1) and `1:` (the result), as React writes them for
 * `renderToReadableStream(root)` when `root.a` is a promise already resolved to `result`.
 * @param {Record<string, unknown>} root Next's `{a, q, i, b}` (payload.js)
 * @param {unknown} result what the action returned
 * @param {import('react-server-dom-webpack/server.browser').TemporaryReferenceSet | undefined} temporaryReferences
 *   the call's, from decodeReply: an object the client sent as one goes back as one ("$T"), by React
 * @returns {Uint8Array | null} null: not plain data, React writes it
 */
export function plainActionAnswer(root, result, temporaryReferences) {
  const walk = {
    values: 0,
    seen: new Set(),
    // React's createTemporaryReferenceSet() is a WeakMap (opaque in its types).
    temporaryReferences: /** @type {WeakMap<object, string> | undefined} */ (
      /** @type {unknown} */ (temporaryReferences)
    ),
  }
  let head = '{'
  let first = true
  for (const key of Object.keys(root)) {
    const item = key === 'a' ? '"$@1"' : json(root[key], walk, 1)
    if (item === NOT_PLAIN) return null
    head += `${first ? '' : ','}${JSON.stringify(key)}:${item}`
    first = false
  }
  const body = json(result, walk, 0)
  if (body === NOT_PLAIN) return null
  return encoder.encode(`0:${head}}\n1:${body}\n`)
}
