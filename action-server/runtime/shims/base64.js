const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** @param {unknown} input @returns {string} */
export function btoa(input) {
  const s = String(input)
  let out = ''
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i),
      b = s.charCodeAt(i + 1),
      c = s.charCodeAt(i + 2)
    if (a > 255 || b > 255 || c > 255) throw new Error('Invalid character')
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63]
    out += i + 1 < s.length ? ALPHABET[(n >> 6) & 63] : '='
    out += i + 2 < s.length ? ALPHABET[n & 63] : '='
  }
  return out
}

/** @param {unknown} input @returns {string} */
export function atob(input) {
  const s = String(input).replace(/[\s=]+/g, '')
  let out = ''
  let buf = 0,
    bits = 0
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch)
    if (v < 0) throw new Error('Invalid character')
    buf = (buf << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out += String.fromCharCode((buf >> bits) & 255)
    }
  }
  return out
}
