// structuredClone for the isolate (records leave the db as copies, as a real database would).
/**
 * @template T
 * @param {T} value
 * @param {Map<object, unknown>} [seen]
 * @returns {T}
 */
export function clone(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new DOMException(`${String(value)} could not be cloned.`, 'DataCloneError')
    }
    return value
  }
  if (seen.has(value)) return /** @type {T} */ (seen.get(value))
  /** @type {unknown} */
  let out
  if (value instanceof Date) out = new Date(value.getTime())
  else if (value instanceof RegExp) out = new RegExp(value.source, value.flags)
  else if (value instanceof ArrayBuffer) out = value.slice(0)
  else if (ArrayBuffer.isView(value))
    out = new /** @type {new (view: ArrayBufferView) => ArrayBufferView} */ (value.constructor)(
      value,
    )
  else if (value instanceof Map) {
    const map = new Map()
    out = map
    seen.set(value, out)
    for (const [k, v] of value) map.set(clone(k, seen), clone(v, seen))
    return /** @type {T} */ (out)
  } else if (value instanceof Set) {
    const set = new Set()
    out = set
    seen.set(value, out)
    for (const v of value) set.add(clone(v, seen))
    return /** @type {T} */ (out)
  } else if (Array.isArray(value)) {
    /** @type {unknown[]} */
    const list = []
    out = list
    seen.set(value, out)
    for (let i = 0; i < value.length; i++) list[i] = clone(value[i], seen)
    return /** @type {T} */ (out)
  } else if (value instanceof Blob) {
    return /** @type {T} */ (value.slice(0, value.size, value.type))
  } else {
    const record = /** @type {Record<string, unknown>} */ (value)
    /** @type {Record<string, unknown>} */
    const copy = {}
    out = copy
    seen.set(value, out)
    for (const k of Object.keys(record)) copy[k] = clone(record[k], seen)
    return /** @type {T} */ (out)
  }
  seen.set(value, out)
  return /** @type {T} */ (out)
}
