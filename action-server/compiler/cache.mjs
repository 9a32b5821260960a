// Compiled output keyed by a hash of path and source: editing one file of a playground
// recompiles only that file, and every reader of the same example shares the work.
import { createHash } from 'node:crypto'

export function contentKey(file, source) {
  return createHash('sha256').update(file).update('\0').update(source).digest('base64url')
}

export class LruCache {
  constructor(max = 2000) {
    this.max = max
    this.map = new Map()
  }
  get(key) {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }
  set(key, value) {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value)
  }
}
