// The session's data cache: what `'use cache'` functions and `unstable_cache` keep between
// requests, with Next 16's semantics — cacheLife's stale/revalidate/expire, cacheTag, tags marked
// stale by `revalidateTag(tag, profile)` (the next read gets the stale value and refreshes it in
// the background), expired at once by `updateTag(tag)`, `revalidateTag(tag)` without a profile,
// `revalidatePath(path)`. It lives in the session's isolate, like Next's default in-memory cache
// handler lives in one server process: a redeploy, a rebuilt isolate (limit breach, restarted
// sandbox) or another instance taking the session starts it empty. Bounded in entries and bytes.
import { peekRequestStore } from './request-store.js'

export const MAX_ENTRIES = 200
export const MAX_BYTES = 1024 * 1024
const MAX_ENTRY_BYTES = 256 * 1024
const MAX_KEY_CHARS = 4096
const MAX_TAGS = 128 // Next's limit per entry
const MAX_TAG_CHARS = 256 // Next's limit per tag
const NEVER = 0xfffffffe

/** @typedef {{ stale?: number, revalidate: number, expire: number }} CacheLife seconds */

/**
 * next@16's built-in profiles (dist/server/config-shared.js, `cacheLife`).
 * @type {Record<string, CacheLife> & { default: CacheLife }}
 */
export const PROFILES = {
  default: { stale: 300, revalidate: 60 * 15, expire: NEVER },
  seconds: { stale: 30, revalidate: 1, expire: 60 },
  minutes: { stale: 60 * 5, revalidate: 60, expire: 60 * 60 },
  hours: { stale: 60 * 5, revalidate: 60 * 60, expire: 60 * 60 * 24 },
  days: { stale: 60 * 5, revalidate: 60 * 60 * 24, expire: 60 * 60 * 24 * 7 },
  weeks: { stale: 60 * 5, revalidate: 60 * 60 * 24 * 7, expire: 60 * 60 * 24 * 30 },
  max: { stale: 60 * 5, revalidate: 60 * 60 * 24 * 30, expire: 60 * 60 * 24 * 365 },
}

/**
 * @typedef {{ value: unknown, tags: Set<string>, path: string, createdAt: number, life: CacheLife,
 *   stale: boolean, bytes: number, refreshing: boolean }} Entry
 * @typedef {{ tags: Set<string>, life: CacheLife | null, kind: 'use cache' | 'unstable_cache' }} Scope
 */

/** @type {Map<string, Entry>} insertion order = least recently used first */
const entries = new Map()
let totalBytes = 0
/** @type {Map<string, Promise<unknown>>} misses being computed */
const inFlight = new Map()
/** @type {Scope | null} the scope whose synchronous part is running */
let current = null
/** @type {Scope[]} scopes still running (awaiting) */
const pending = []

/** Next's `Route "/posts": ` prefix of its cache errors: the route of the call in flight. */
export function routePrefix() {
  const request = peekRequestStore()
  return request ? `Route "${pathnameOf(request.url)}": ` : ''
}

/** @param {'cacheTag' | 'cacheLife'} api */
function outsideError(api) {
  const slug = api === 'cacheTag' ? 'cache-tag' : 'cache-life'
  return new Error(
    `${routePrefix()}\`${api}()\` can only be called inside a \`"use cache"\` or \`"use cache: private"\` function.\nLearn more: https://nextjs.org/docs/messages/${slug}-outside-use-cache`,
  )
}

/** The "use cache" function running, for cacheTag/cacheLife and the dynamic-API check. */
export function activeScope() {
  return current || pending[pending.length - 1] || null
}

/** Whether a "use cache" function is running its synchronous part right now. */
export function inCacheScope() {
  return current !== null && current.kind === 'use cache'
}

/**
 * A rough byte size of a value, stopping once past `limit` (attacker-sized values cost at most
 * that much work).
 * @param {unknown} value @param {number} limit
 */
function sizeOf(value, limit) {
  let bytes = 0
  const stack = [value]
  const seen = new Set()
  while (stack.length && bytes <= limit) {
    const v = stack.pop()
    if (typeof v === 'string') bytes += 16 + v.length * 2
    else if (v === null || typeof v !== 'object') bytes += 8
    else if (!seen.has(v)) {
      seen.add(v)
      bytes += 32
      if (ArrayBuffer.isView(v)) bytes += v.byteLength
      else if (v instanceof Map)
        for (const [k, x] of v) {
          stack.push(k)
          stack.push(x)
        }
      else if (v instanceof Set) for (const x of v) stack.push(x)
      else
        for (const k of Object.keys(v)) stack.push(k, /** @type {Record<string, unknown>} */ (v)[k])
    }
  }
  return bytes
}

/** @param {unknown} url */
function pathnameOf(url) {
  const s = String(url || '/')
  const q = s.search(/[?#]/)
  return q === -1 ? s : s.slice(0, q)
}

/** @param {string} key */
function remove(key) {
  const e = entries.get(key)
  if (!e) return
  totalBytes -= e.bytes
  entries.delete(key)
}

/** @param {string} key @param {Entry} entry */
function store(key, entry) {
  remove(key)
  if (entry.bytes > MAX_ENTRY_BYTES) return // returned, not kept
  entries.set(key, entry)
  totalBytes += entry.bytes
  for (const [k] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break
    remove(k)
  }
}

/** Next's validateTags: strings of at most 256 characters, at most 128; the rest dropped, with a warning. */
/** @param {unknown[]} tags @param {string} api */
function validTags(tags, api) {
  /** @type {string[]} */
  const out = []
  /** @type {string[]} */
  const invalid = []
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]
    if (typeof t !== 'string') invalid.push(`tag: "${String(t)}" invalid type, must be a string`)
    else if (t.length > MAX_TAG_CHARS)
      invalid.push(`tag: "${t.slice(0, 300)}" exceeded max length of ${MAX_TAG_CHARS}`)
    else out.push(t)
    if (out.length > MAX_TAGS) {
      console.warn(
        `Warning: exceeded max tag count for ${api}, dropped tags:`,
        tags.slice(i).join(', '),
      )
      break
    }
  }
  if (invalid.length) {
    console.warn(`Warning: invalid tags passed to ${api}: `)
    for (const line of invalid.slice(0, 20)) console.log(line)
  }
  return out.slice(0, MAX_TAGS)
}

/** The first `cacheLife` of a scope wins for its profile; nested ones shorten it (Next keeps the minimum). */
/** @param {Scope} scope @param {CacheLife} fallback */
function lifeOf(scope, fallback) {
  return scope.life || fallback
}

/**
 * Runs `fn` as a cached function: a fresh entry is returned as it is; a stale one is returned and
 * refreshed in the background; a missing or expired one is computed now.
 * @param {string} key @param {() => unknown} fn @param {object} options
 * @param {'use cache' | 'unstable_cache'} options.kind
 * @param {string[]} [options.tags] tags given up front (unstable_cache)
 * @param {CacheLife} options.life the default life
 * @param {(v: unknown) => unknown} options.copy how a stored value is handed out
 */
export async function cached(key, fn, { kind, tags = [], life, copy }) {
  if (key.length > MAX_KEY_CHARS) return fn() // not worth keeping; still correct
  const now = Date.now()
  const hit = entries.get(key)
  if (hit && now - hit.createdAt < hit.life.expire * 1000) {
    entries.delete(key) // most recently used last
    entries.set(key, hit)
    const stale = hit.stale || now - hit.createdAt >= hit.life.revalidate * 1000
    if (stale && !hit.refreshing) {
      hit.refreshing = true
      // Stale-while-revalidate: this read gets the old value; the next one the new.
      compute(key, fn, { kind, tags, life }).catch(() => {
        hit.refreshing = false
      })
    }
    return copy(hit.value)
  }
  // Concurrent misses of one key (the same cached component twice on a page) share one run.
  let running = inFlight.get(key)
  if (running === undefined) {
    running = compute(key, fn, { kind, tags, life })
    inFlight.set(key, running)
    const done = () => inFlight.delete(key)
    running.then(done, done)
  }
  return copy(await running)
}

/**
 * @param {string} key @param {() => unknown} fn
 * @param {{ kind: Scope['kind'], tags: string[], life: CacheLife }} options
 */
async function compute(key, fn, { kind, tags, life }) {
  /** @type {Scope} */
  const scope = { tags: new Set(validTags(tags, kind)), life: null, kind }
  const request = peekRequestStore()
  const outer = current
  current = scope
  let promise
  try {
    promise = fn()
  } finally {
    current = outer
  }
  pending.push(scope)
  let value
  try {
    value = await promise
  } finally {
    pending.splice(pending.indexOf(scope), 1)
  }
  const kept = kind === 'unstable_cache' ? JSON.stringify(value) : value
  store(key, {
    value: kept,
    tags: scope.tags,
    path: pathnameOf(request ? request.url : '/'),
    createdAt: Date.now(),
    life: lifeOf(scope, life),
    stale: false,
    bytes: key.length * 2 + sizeOf(kept, MAX_ENTRY_BYTES),
    refreshing: false,
  })
  return kept
}

/** cacheTag(...tags) inside a "use cache" function. */
/** @param {unknown[]} tags */
export function addTags(tags) {
  const scope = activeScope()
  if (!scope || scope.kind !== 'use cache') throw outsideError('cacheTag')
  for (const t of validTags(tags, '`cacheTag()`')) {
    if (scope.tags.size < MAX_TAGS) scope.tags.add(t)
  }
}

/** cacheLife(profile) inside a "use cache" function: a profile name or { stale, revalidate, expire }. */
/** @param {unknown} profile */
export function setLife(profile) {
  const scope = activeScope()
  if (!scope || scope.kind !== 'use cache') throw outsideError('cacheLife')
  /** @type {CacheLife | undefined} */
  let life
  if (typeof profile === 'string') {
    life = PROFILES[profile]
    if (!life) {
      throw new Error(
        `Unknown \`cacheLife()\` profile "${profile.slice(0, 100)}" is not configured in next.config.js\nmodule.exports = {\n  cacheLife: {\n    "${profile.slice(0, 100)}": ...\n  }\n}`,
      )
    }
  } else if (profile && typeof profile === 'object') {
    const base = PROFILES.default
    const given = /** @type {Partial<CacheLife>} */ (profile)
    life = {
      stale: Number(given.stale ?? base.stale),
      revalidate: Number(given.revalidate ?? base.revalidate),
      expire: Number(given.expire ?? base.expire),
    }
  } else throw new Error('Invalid `cacheLife()` option. Either pass a profile name or object.')
  // Nested calls keep the shortest, as Next's propagation does.
  const prev = scope.life
  scope.life = prev
    ? {
        stale: Math.min(prev.stale ?? NEVER, life.stale ?? NEVER),
        revalidate: Math.min(prev.revalidate, life.revalidate),
        expire: Math.min(prev.expire, life.expire),
      }
    : life
}

/** updateTag / revalidateTag without a profile / { expire: 0 }: gone now (read-your-own-writes). */
/** @param {Iterable<string>} tags */
export function expireTags(tags) {
  const set = new Set(tags)
  for (const [key, e] of [...entries]) {
    for (const t of e.tags)
      if (set.has(t)) {
        remove(key)
        break
      }
  }
}

/** revalidateTag(tag, profile): stale now; the next read serves it and refreshes it. */
/** @param {Iterable<string>} tags */
export function staleTags(tags) {
  const set = new Set(tags)
  for (const e of entries.values()) {
    for (const t of e.tags)
      if (set.has(t)) {
        e.stale = true
        break
      }
  }
}

/** '/posts/[id]' against '/posts/7'; a 'layout' revalidation covers every path below. */
/** @param {string} pattern @param {string} path @param {string} [type] */
function pathMatches(pattern, path, type) {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (type === 'layout' ? got.length < want.length : got.length !== want.length) return false
  return want.every((seg, i) => seg === got[i] || /^\[.+\]$/.test(seg))
}

/** revalidatePath(path, type?): the entries made while rendering that path (or below a layout). */
/** @param {unknown} path @param {string} [type] */
export function expirePath(path, type) {
  for (const [key, e] of [...entries]) {
    if (pathMatches(pathnameOf(path), e.path, type)) remove(key)
  }
}

/** For tests and the bench: what the cache holds. */
export function cacheStats() {
  return { entries: entries.size, bytes: totalBytes }
}
