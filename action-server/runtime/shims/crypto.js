// crypto.getRandomValues / randomUUID backed by the host's CSPRNG; no subtle (not needed by actions).
import { host } from './host-bridge.js'

/**
 * @template {ArrayBufferView} T
 * @param {T} view
 * @returns {T}
 */
function getRandomValues(view) {
  if (!ArrayBuffer.isView(view)) throw new TypeError('Expected an integer typed array')
  if (view.byteLength > 65536) throw new RangeError('getRandomValues: at most 65536 bytes')
  const bytes = host.random(view.byteLength)
  new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes)
  return view
}

function randomUUID() {
  const b = getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export const crypto = { getRandomValues, randomUUID }
