// structuredClone for the isolate (records leave the db as copies, as a real database would).
export function clone(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new DOMException(`${String(value)} could not be cloned.`, 'DataCloneError')
    }
    return value
  }
  if (seen.has(value)) return seen.get(value)
  let out
  if (value instanceof Date) out = new Date(value.getTime())
  else if (value instanceof RegExp) out = new RegExp(value.source, value.flags)
  else if (value instanceof ArrayBuffer) out = value.slice(0)
  else if (ArrayBuffer.isView(value)) out = new value.constructor(value)
  else if (value instanceof Map) {
    out = new Map()
    seen.set(value, out)
    for (const [k, v] of value) out.set(clone(k, seen), clone(v, seen))
    return out
  } else if (value instanceof Set) {
    out = new Set()
    seen.set(value, out)
    for (const v of value) out.add(clone(v, seen))
    return out
  } else if (Array.isArray(value)) {
    out = []
    seen.set(value, out)
    for (let i = 0; i < value.length; i++) out[i] = clone(value[i], seen)
    return out
  } else if (value instanceof Blob) {
    return value.slice(0, value.size, value.type)
  } else {
    out = {}
    seen.set(value, out)
    for (const k of Object.keys(value)) out[k] = clone(value[k], seen)
    return out
  }
  seen.set(value, out)
  return out
}
