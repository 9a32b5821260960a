// Session creation per client: a token bucket (burst, then a steady rate), so one client cannot
// flood the store and push every reader's session out. Clients are keyed by socket address (an
// IPv6 client by its /64, which one host usually owns whole); the table itself is bounded.

/** @import { RateLimiter, RateVerdict } from '../../contract/session.js' */

const MAX_CLIENTS = 10_000

/** "::ffff:127.0.0.1" → "127.0.0.1"; "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64". */
/** @param {string | null | undefined} address */
export function clientKey(address) {
  const a = String(address || 'unknown').replace(/^::ffff:/i, '')
  if (!a.includes(':')) return a
  const [head, tail] = a.split('%')[0].toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/**
 * burst: tokens a new client starts with; perMinute: tokens added back per minute.
 * take(key) → { ok: true } | { ok: false, retryAfter: seconds }
 * @param {{ burst: number, perMinute: number, now?: () => number }} options
 * @returns {RateLimiter & { readonly size: number }}
 */
export function createRateLimiter({ burst, perMinute, now = Date.now }) {
  /** @type {Map<string, { tokens: number, at: number }>} insertion order = least recently seen first */
  const buckets = new Map()
  const perMs = perMinute / 60_000

  return {
    /** @param {string} key @returns {RateVerdict} */
    take(key) {
      const t = now()
      let b = buckets.get(key)
      if (b) {
        buckets.delete(key)
        b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs)
        b.at = t
      } else {
        b = { tokens: burst, at: t }
        const oldest = buckets.keys().next()
        if (buckets.size >= MAX_CLIENTS && !oldest.done) buckets.delete(oldest.value)
      }
      buckets.set(key, b)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) }
    },
    get size() {
      return buckets.size
    },
  }
}
