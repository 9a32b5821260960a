// V8 alone has no TextEncoder/TextDecoder; React's Flight server and decodeReply need UTF-8 only.

export class TextEncoder {
  get encoding() {
    return 'utf-8'
  }
  encode(input = '') {
    const s = String(input)
    // Measure first so the result is allocated once: array buffers are costly in an isolate.
    let n = 0
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c < 0x80) n += 1
      else if (c < 0x800) n += 2
      else if (
        c >= 0xd800 &&
        c <= 0xdbff &&
        i + 1 < s.length &&
        (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
      ) {
        n += 4
        i++
      } else n += 3
    }
    const out = new Uint8Array(n)
    let p = 0
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i)
      if (c < 0x80) {
        out[p++] = c
        continue
      }
      if (
        c >= 0xd800 &&
        c <= 0xdbff &&
        i + 1 < s.length &&
        (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
      ) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00)
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
      if (c < 0x800) {
        out[p++] = 0xc0 | (c >> 6)
        out[p++] = 0x80 | (c & 63)
      } else if (c < 0x10000) {
        out[p++] = 0xe0 | (c >> 12)
        out[p++] = 0x80 | ((c >> 6) & 63)
        out[p++] = 0x80 | (c & 63)
      } else {
        out[p++] = 0xf0 | (c >> 18)
        out[p++] = 0x80 | ((c >> 12) & 63)
        out[p++] = 0x80 | ((c >> 6) & 63)
        out[p++] = 0x80 | (c & 63)
      }
    }
    return out
  }
  encodeInto(input, dest) {
    const bytes = this.encode(input)
    const n = Math.min(bytes.length, dest.length)
    dest.set(bytes.subarray(0, n))
    return { read: String(input).length, written: n }
  }
}

export class TextDecoder {
  constructor(label = 'utf-8', options = {}) {
    if (!/^utf-?8$/i.test(label)) throw new RangeError(`The "${label}" encoding is not supported`)
    this.fatal = !!options.fatal
    this.pending = []
  }
  get encoding() {
    return 'utf-8'
  }
  decode(input, options = {}) {
    let bytes =
      input == null
        ? new Uint8Array(0)
        : input instanceof Uint8Array
          ? input
          : ArrayBuffer.isView(input)
            ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
            : new Uint8Array(input)
    if (this.pending.length) {
      const joined = new Uint8Array(this.pending.length + bytes.length)
      joined.set(this.pending)
      joined.set(bytes, this.pending.length)
      bytes = joined
      this.pending = []
    }
    let out = ''
    let chunk = []
    let i = 0
    const n = bytes.length
    while (i < n) {
      const b = bytes[i]
      let cp, need
      if (b < 0x80) {
        cp = b
        need = 0
      } else if (b >= 0xc2 && b < 0xe0) {
        cp = b & 31
        need = 1
      } else if (b >= 0xe0 && b < 0xf0) {
        cp = b & 15
        need = 2
      } else if (b >= 0xf0 && b < 0xf5) {
        cp = b & 7
        need = 3
      } else {
        if (this.fatal) throw new TypeError('Invalid UTF-8')
        chunk.push(0xfffd)
        i++
        continue
      }
      if (i + need >= n && need > 0 && options.stream) {
        this.pending = Array.from(bytes.subarray(i))
        break
      }
      let ok = true
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k]
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false
          break
        }
        cp = (cp << 6) | (c & 63)
      }
      if (!ok) {
        if (this.fatal) throw new TypeError('Invalid UTF-8')
        chunk.push(0xfffd)
        i++
        continue
      }
      i += need + 1
      if (cp > 0xffff) {
        cp -= 0x10000
        chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023))
      } else chunk.push(cp)
      if (chunk.length > 8000) {
        out += String.fromCharCode.apply(null, chunk)
        chunk = []
      }
    }
    if (chunk.length) out += String.fromCharCode.apply(null, chunk)
    return out
  }
}
