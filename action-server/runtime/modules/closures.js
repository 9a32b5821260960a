// 'live/closures': what hoisted inline actions call. The values an inline action closes over travel
// to the browser as one AES-GCM token (Next's format: base64(iv ‖ ciphertext+tag), plaintext =
// action id + the serialized values), bound as the action's first argument. The key stays in the
// sandbox process: the isolate only gets an encrypt/decrypt callback.
import { host } from '../shims/host-bridge.js'
import { lookupAction } from '../action-registry.js'

const FAILED = 'Invalid Server Action payload: failed to decrypt.'

/**
 * @typedef {((...args: unknown[]) => unknown) & { $$id: string, $$bound?: unknown[] | null }} ServerReference
 * @typedef {{ $: string, v: unknown, id: string, bound: unknown[] | null }} Tagged a value JSON cannot carry as it is
 */

/** @param {unknown} v @returns {v is ServerReference} */
function isServerReference(v) {
  return typeof v === 'function' && typeof (/** @type {{ $$id?: unknown }} */ (v).$$id) === 'string'
}

/** Closed-over values → JSON text; covers what React can pass to the client, plus server references. */
/** @param {unknown[]} values */
function serialize(values) {
  /** @type {Set<object>} */
  const seen = new Set()
  /** @param {unknown} v @returns {unknown} */
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
      /** @type {Record<string, unknown>} */
      const o = {}
      const record = /** @type {Record<string, unknown>} */ (v)
      for (const k of Object.keys(record)) o[k] = enc(record[k])
      return { $: 'o', v: o }
    } finally {
      seen.delete(v)
    }
  }
  return JSON.stringify(values.map(enc))
}

/** @param {string} text */
function deserialize(text) {
  /** @param {unknown} value @returns {unknown} */
  const dec = (value) => {
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) return value.map(dec)
    const v = /** @type {Tagged} */ (value)
    switch (v.$) {
      case 'u':
        return undefined
      case 'n':
        return Number(v.v)
      case 'b':
        return BigInt(/** @type {string} */ (v.v))
      case 'd':
        return new Date(/** @type {string} */ (v.v))
      case 'm':
        return new Map(/** @type {[unknown, unknown][]} */ (v.v).map(([k, x]) => [dec(k), dec(x)]))
      case 's':
        return new Set(/** @type {unknown[]} */ (v.v).map(dec))
      case 'r': {
        const fn = lookupAction(v.id)
        if (!fn) throw new Error(FAILED)
        return v.bound ? fn.bind(null, ...v.bound.map(dec)) : fn
      }
      default: {
        /** @type {Record<string, unknown>} */
        const o = {}
        const fields = /** @type {Record<string, unknown>} */ (v.v)
        for (const k of Object.keys(fields)) o[k] = dec(fields[k])
        return o
      }
    }
  }
  return dec(JSON.parse(text))
}

/** @param {string} actionId @param {unknown[]} values */
export function encrypt(actionId, values) {
  return host.encrypt(actionId + serialize(values))
}

/** @param {string} actionId @param {unknown} token the bound first argument (a promise of it, too) */
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
/** @param {ServerReference} action @param {unknown[]} values */
export function bind(action, values) {
  return action.bind(null, encrypt(action.$$id, values))
}
