// Blob, File and FormData as decodeReply and user code use them (no streams of files needed).
import { TextEncoder, TextDecoder } from './text-encoding.js'

const encoder = new TextEncoder()

/** @typedef {Blob | ArrayBuffer | ArrayBufferView | string} BlobPart */
/** @typedef {[string, string | File]} FormDataEntry */

/** @param {BlobPart} part @returns {Uint8Array} */
function toBytes(part) {
  if (part instanceof Blob) return part._bytes
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0))
  if (ArrayBuffer.isView(part))
    return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength))
  return encoder.encode(String(part))
}

export class Blob {
  /** @param {Iterable<BlobPart>} [parts] @param {{ type?: string }} [options] */
  constructor(parts = [], options = {}) {
    const chunks = Array.from(parts, toBytes)
    const size = chunks.reduce((n, c) => n + c.length, 0)
    const bytes = new Uint8Array(size)
    let at = 0
    for (const c of chunks) {
      bytes.set(c, at)
      at += c.length
    }
    Object.defineProperty(this, '_bytes', { value: bytes })
    this.type = options.type ? String(options.type).toLowerCase() : ''
  }
  get size() {
    return this._bytes.length
  }
  slice(start = 0, end = this.size, type = '') {
    return new Blob([this._bytes.subarray(start, end)], { type })
  }
  async arrayBuffer() {
    return this._bytes.slice().buffer
  }
  async bytes() {
    return this._bytes.slice()
  }
  async text() {
    return new TextDecoder().decode(this._bytes)
  }
  stream() {
    const bytes = this._bytes.slice()
    return new globalThis.ReadableStream({
      start(c) {
        c.enqueue(bytes)
        c.close()
      },
    })
  }
  get [Symbol.toStringTag]() {
    return 'Blob'
  }
}

export class File extends Blob {
  /** @param {Iterable<BlobPart>} parts @param {string} name @param {{ type?: string, lastModified?: number }} [options] */
  constructor(parts, name, options = {}) {
    super(parts, options)
    this.name = String(name)
    this.lastModified = options.lastModified ?? Date.now()
  }
  get [Symbol.toStringTag]() {
    return 'File'
  }
}

export class FormData {
  constructor() {
    /** @type {FormDataEntry[]} */
    this._entries = []
  }
  /** @param {string} name @param {string | Blob} value @param {string} [filename] @returns {FormDataEntry} */
  _wrap(name, value, filename) {
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        value = new File([value], filename ?? (value instanceof File ? value.name : 'blob'), {
          type: value.type,
        })
      }
      return [String(name), /** @type {File} */ (value)]
    }
    return [String(name), String(value)]
  }
  /** @param {string} name @param {string | Blob} value @param {string} [filename] */
  append(name, value, filename) {
    this._entries.push(this._wrap(name, value, filename))
  }
  /** @param {string} name @param {string | Blob} value @param {string} [filename] */
  set(name, value, filename) {
    const entry = this._wrap(name, value, filename)
    const i = this._entries.findIndex((e) => e[0] === entry[0])
    this.delete(entry[0])
    if (i === -1) this._entries.push(entry)
    else this._entries.splice(i, 0, entry)
  }
  /** @param {string} name */
  get(name) {
    const e = this._entries.find((x) => x[0] === String(name))
    return e ? e[1] : null
  }
  /** @param {string} name */
  getAll(name) {
    return this._entries.filter((x) => x[0] === String(name)).map((x) => x[1])
  }
  /** @param {string} name */
  has(name) {
    return this._entries.some((x) => x[0] === String(name))
  }
  /** @param {string} name */
  delete(name) {
    this._entries = this._entries.filter((x) => x[0] !== String(name))
  }
  /** @param {(value: string | File, key: string, parent: FormData) => void} fn @param {unknown} [thisArg] */
  forEach(fn, thisArg) {
    for (const [k, v] of this._entries.slice()) fn.call(thisArg, v, k, this)
  }
  /** @returns {Generator<FormDataEntry>} */
  *entries() {
    yield* this._entries.map((e) => /** @type {FormDataEntry} */ ([e[0], e[1]]))
  }
  *keys() {
    for (const e of this._entries) yield e[0]
  }
  *values() {
    for (const e of this._entries) yield e[1]
  }
  [Symbol.iterator]() {
    return this.entries()
  }
  get [Symbol.toStringTag]() {
    return 'FormData'
  }
}
