// 'live/closures': what hoisted inline actions call. The values an inline action closes over travel
// to the browser as one AES-GCM token (Next's format: base64(iv ‖ ciphertext+tag), plaintext =
// action id + the serialized values), bound as the action's first argument. The key stays in the
// sandbox process: the isolate only gets an encrypt/decrypt callback.
import { host } from '../shims/host-bridge.js'
import { lookupAction } from '../action-registry.js'

const FAILED = 'Invalid Server Action payload: failed to decrypt.'

function isServerReference(v) {
  return typeof v === 'function' && typeof v.$$id === 'string'
}

/** Closed-over values → JSON text; covers what React can pass to the client, plus server references. */
function serialize(values) {
  const seen = new Set()
  const enc = (v) => {
    if (v === undefined) return { $: 'u' }
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { $: 'n', v: 'NaN' }
      if (!Number.isFinite(v) || Object.is(v, -0))
        return { $: 'n', v: Object.is(v, -0) ? '-0' : String(v) }
      return v
    }
    if (typeof v === 'bigint') return { $: 'b', v: String(v) }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
    if (isServerReference(v))
      return { $: 'r', id: v.$$id, bound: v.$$bound ? v.$$bound.map(enc) : null }
    if (typeof v === 'function') {
      throw new Error(
        'Functions cannot be passed directly to Client Components unless you explicitly expose it by marking it with "use server". Or maybe you meant to call this function rather than return it.',
      )
    }
    if (typeof v === 'symbol')
      throw new Error(
        'Only global symbols received from Symbol.for(...) can be passed to Client Components.',
      )
    if (seen.has(v))
      throw new Error(
        'A value an inline Server Action closes over refers to itself; it cannot be serialized.',
      )
    seen.add(v)
    try {
      if (v instanceof Date) return { $: 'd', v: v.toISOString() }
      if (Array.isArray(v)) return v.map(enc)
      if (v instanceof Map) return { $: 'm', v: [...v].map(([k, x]) => [enc(k), enc(x)]) }
      if (v instanceof Set) return { $: 's', v: [...v].map(enc) }
      const proto = Object.getPrototypeOf(v)
      if (proto !== Object.prototype && proto !== null) {
        throw new Error(
          'Only plain objects, and a few built-ins, can be passed to Client Components from Server Components. Classes or null prototypes are not supported.',
        )
      }
      const o = {}
      for (const k of Object.keys(v)) o[k] = enc(v[k])
      return { $: 'o', v: o }
    } finally {
      seen.delete(v)
    }
  }
  return JSON.stringify(values.map(enc))
}

function deserialize(text) {
  const dec = (v) => {
    if (v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.map(dec)
    switch (v.$) {
      case 'u':
        return undefined
      case 'n':
        return Number(v.v)
      case 'b':
        return BigInt(v.v)
      case 'd':
        return new Date(v.v)
      case 'm':
        return new Map(v.v.map(([k, x]) => [dec(k), dec(x)]))
      case 's':
        return new Set(v.v.map(dec))
      case 'r': {
        const fn = lookupAction(v.id)
        if (!fn) throw new Error(FAILED)
        return v.bound ? fn.bind(null, ...v.bound.map(dec)) : fn
      }
      default: {
        const o = {}
        for (const k of Object.keys(v.v)) o[k] = dec(v.v[k])
        return o
      }
    }
  }
  return dec(JSON.parse(text))
}

export function encrypt(actionId, values) {
  return host.encrypt(actionId + serialize(values))
}

export async function decrypt(actionId, token) {
  const value = await token
  if (typeof value !== 'string') throw new Error(FAILED)
  const plain = host.decrypt(value)
  if (plain === null) {
    // What WebCrypto's AES-GCM decrypt throws for a token that was altered.
    const err = new Error('The operation failed for an operation-specific reason')
    err.name = 'OperationError'
    throw err
  }
  if (!plain.startsWith(actionId)) throw new Error(FAILED)
  return deserialize(plain.slice(actionId.length))
}

/** The action as the component hands it out: bound to the token of what it closed over. */
export function bind(action, values) {
  return action.bind(null, encrypt(action.$$id, values))
}
