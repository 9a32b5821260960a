// Blob, File and FormData as decodeReply and user code use them (no streams of files needed).
import { TextEncoder, TextDecoder } from './text-encoding.js'

const encoder = new TextEncoder()

function toBytes(part) {
  if (part instanceof Blob) return part._bytes
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0))
  if (ArrayBuffer.isView(part))
    return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength))
  return encoder.encode(String(part))
}

export class Blob {
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
    this._entries = []
  }
  _wrap(name, value, filename) {
    if (value instanceof Blob) {
      if (!(value instanceof File) || filename !== undefined) {
        value = new File([value], filename ?? (value instanceof File ? value.name : 'blob'), {
          type: value.type,
        })
      }
      return [String(name), value]
    }
    return [String(name), String(value)]
  }
  append(name, value, filename) {
    this._entries.push(this._wrap(name, value, filename))
  }
  set(name, value, filename) {
    const entry = this._wrap(name, value, filename)
    const i = this._entries.findIndex((e) => e[0] === entry[0])
    this.delete(entry[0])
    if (i === -1) this._entries.push(entry)
    else this._entries.splice(i, 0, entry)
  }
  get(name) {
    const e = this._entries.find((x) => x[0] === String(name))
    return e ? e[1] : null
  }
  getAll(name) {
    return this._entries.filter((x) => x[0] === String(name)).map((x) => x[1])
  }
  has(name) {
    return this._entries.some((x) => x[0] === String(name))
  }
  delete(name) {
    this._entries = this._entries.filter((x) => x[0] !== String(name))
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this._entries.slice()) fn.call(thisArg, v, k, this)
  }
  *entries() {
    yield* this._entries.map((e) => [e[0], e[1]])
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
