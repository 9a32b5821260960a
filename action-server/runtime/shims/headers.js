// A Fetch-style Headers, used for next/headers' headers() and by playground code.
/** @typedef {Headers | [string, string][] | Record<string, string>} HeadersInit */

export class Headers {
  /** @param {HeadersInit} [init] */
  constructor(init) {
    Object.defineProperty(this, '_map', { value: new Map() })
    if (init instanceof Headers) init.forEach((v, k) => this.append(k, v))
    else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v)
    else if (init) for (const k of Object.keys(init)) this.append(k, init[k])
  }
  /** @param {string} name @param {unknown} value */
  append(name, value) {
    const k = String(name).toLowerCase()
    const prev = this._map.get(k)
    this._map.set(k, prev === undefined ? String(value) : `${prev}, ${value}`)
  }
  /** @param {string} name @param {unknown} value */
  set(name, value) {
    this._map.set(String(name).toLowerCase(), String(value))
  }
  /** @param {string} name */
  get(name) {
    const v = this._map.get(String(name).toLowerCase())
    return v === undefined ? null : v
  }
  /** @param {string} name */
  has(name) {
    return this._map.has(String(name).toLowerCase())
  }
  /** @param {string} name */
  delete(name) {
    this._map.delete(String(name).toLowerCase())
  }
  /** @param {(value: string, key: string, parent: Headers) => void} fn @param {unknown} [thisArg] */
  forEach(fn, thisArg) {
    for (const [k, v] of this) fn.call(thisArg, v, k, this)
  }
  /** @returns {Generator<[string, string]>} */
  *entries() {
    yield* [...this._map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  }
  *keys() {
    for (const [k] of this.entries()) yield k
  }
  *values() {
    for (const [, v] of this.entries()) yield v
  }
  [Symbol.iterator]() {
    return this.entries()
  }
}
