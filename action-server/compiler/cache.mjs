// Compiled output keyed by a hash of path and source: editing one file of a playground
// recompiles only that file, and every reader of the same example shares the work.
import { createHash } from 'node:crypto'

/** @param {string} file @param {string} source */
export function contentKey(file, source) {
  return createHash('sha256').update(file).update('\0').update(source).digest('base64url')
}

/** Bytes a cached value holds: its strings (compiled code) dominate. */
/** @param {unknown} value */
function sizeOf(value) {
  return JSON.stringify(value)?.length ?? 0
}

/** Least recently used first out, bounded in entries and in bytes (a playground's output can be big). */
/** @template V */
export class LruCache {
  constructor(max = 2000, maxBytes = 32 * 1024 * 1024) {
    this.max = max
    this.maxBytes = maxBytes
    this.bytes = 0
    /** @type {Map<string, { value: V, size: number }>} */
    this.map = new Map()
  }
  /** @param {string} key */
  get(key) {
    const e = this.map.get(key)
    if (e === undefined) return undefined
    this.map.delete(key)
    this.map.set(key, e)
    return e.value
  }
  /** @param {string} key @param {V} value */
  set(key, value) {
    const size = sizeOf(value)
    const old = this.map.get(key)
    if (old) {
      this.bytes -= old.size
      this.map.delete(key)
    }
    if (size > this.maxBytes) return
    this.map.set(key, { value, size })
    this.bytes += size
    for (const [k, e] of this.map) {
      if (this.map.size <= this.max && this.bytes <= this.maxBytes) break
      this.map.delete(k)
      this.bytes -= e.size
    }
  }
}
