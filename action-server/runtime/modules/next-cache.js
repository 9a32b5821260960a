// next/cache: revalidation is recorded so the response carries x-action-revalidated (and the
// re-rendered tree) exactly when Next's would, and applied to the session's data cache
// (cache-store.js), which `'use cache'` functions and `unstable_cache` read.
import { getRequestStore } from '../request-store.js'
import { clone } from '../clone.js'
import {
  cached,
  addTags,
  setLife,
  expireTags,
  staleTags,
  expirePath,
  PROFILES,
} from '../cache-store.js'

// Next 16's messages (dist/server/web/spec-extension/revalidate.js).
const ACTION_ONLY = {
  updateTag:
    'updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag',
  refresh:
    'refresh can only be called from within a Server Action. See more info here: https://nextjs.org/docs/app/api-reference/functions/refresh',
}

/** @param {'updateTag' | 'refresh'} name */
function actionOnly(name) {
  const store = getRequestStore(name)
  if (store.phase !== 'action') throw new Error(ACTION_ONLY[name])
  return store
}

/** @param {string} path @param {'page' | 'layout'} [type] */
export function revalidatePath(path, type) {
  if (typeof path !== 'string') throw new Error('revalidatePath expects a string path')
  getRequestStore('revalidatePath').revalidatedPaths.push(type ? `${path}:${type}` : path)
  expirePath(path, type)
}

/**
 * Next 16: with a cache profile ('max', { expire: 60 }…) the tag goes stale-while-revalidate, so the
 * action's answer neither carries x-action-revalidated nor renders the page; without one (the
 * deprecated form) or with `{ expire: 0 }` it expires at once, like updateTag.
 * @param {string} tag @param {string | { expire?: number }} [profile]
 */
/** @param {string} tag @param {string | { expire?: number }} [profile] */
export function revalidateTag(tag, profile) {
  const store = getRequestStore('revalidateTag')
  if (!profile) {
    console.warn(
      '"revalidateTag" without the second argument is now deprecated, add second argument of "max" or use "updateTag". See more info here: https://nextjs.org/docs/messages/revalidate-tag-single-arg',
    )
  }
  const expiresNow = !profile || (typeof profile === 'object' && profile.expire === 0)
  if (expiresNow) {
    store.revalidatedTags.push(String(tag))
    expireTags([String(tag)])
  } else staleTags([String(tag)])
}

/** Expires the tag now: the action's own re-render reads fresh data. @param {string} tag */
export function updateTag(tag) {
  actionOnly('updateTag').revalidatedTags.push(String(tag))
  expireTags([String(tag)])
}

/** Renders the page again in the action's answer; cached data is left as it is. */
export function refresh() {
  actionOnly('refresh').refreshed = true
}

let anonymous = 0

/**
 * unstable_cache(fn, keyParts?, { tags?, revalidate? }): results are kept as JSON, as Next's
 * incremental cache keeps them (a Date comes back as a string).
 * @template {(...args: never[]) => Promise<unknown>} F
 * @param {F} fn @param {string[]} [keyParts]
 * @param {{ tags?: string[], revalidate?: number | false }} [options]
 * @returns {F}
 */
export function unstable_cache(fn, keyParts, options = {}) {
  if (typeof fn !== 'function') throw new Error('unstable_cache expects a function')
  const id = `${keyParts ? JSON.stringify(keyParts) : `#${++anonymous}`}:${String(fn).slice(0, 2000)}`
  const revalidate =
    typeof options.revalidate === 'number' && options.revalidate >= 0
      ? options.revalidate
      : PROFILES.max.expire
  if (options.revalidate === 0) return fn
  const tags = Array.isArray(options.tags) ? options.tags : []
  return /** @type {F} */ (
    async (...args) =>
      cached(`u:${id}:${JSON.stringify(args)}`, () => fn(...args), {
        kind: 'unstable_cache',
        tags,
        life: { revalidate, expire: 0xfffffffe },
        copy: (json) => (json === undefined ? undefined : JSON.parse(/** @type {string} */ (json))),
      })
  )
}

/** A copy for each reader, as Next deserializes one; values a copy cannot hold (elements) as they are. */
/** @param {unknown} value */
function copyOut(value) {
  try {
    return clone(value)
  } catch {
    return value
  }
}

/**
 * What the compiler wraps every `'use cache'` function in (file or function level): `id` names the
 * function, `args` and `bound` (the variables it closes over) make the key.
 * @param {string} id @param {unknown[]} args @param {unknown[]} bound
 * @param {(...args: unknown[]) => unknown} fn @param {unknown} self
 */
export function $$cacheCall(id, args, bound, fn, self) {
  let key
  try {
    key = `c:${id}:${JSON.stringify([args, bound], keyPart)}`
  } catch {
    key = null
  }
  if (key === null) return fn.apply(self, args) // arguments a key cannot hold: not cached
  return cached(key, () => fn.apply(self, args), {
    kind: 'use cache',
    life: PROFILES.default,
    copy: copyOut,
  })
}

/** @param {string} _ @param {unknown} v */
function keyPart(_, v) {
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'function' || typeof v === 'symbol') throw new Error('not a key')
  if (v instanceof Map) return { $map: [...v] }
  if (v instanceof Set) return { $set: [...v] }
  return v
}

/** @param {...string} tags */
export function cacheTag(...tags) {
  addTags(tags)
}
/** @param {string | { stale?: number, revalidate?: number, expire?: number }} profile */
export function cacheLife(profile) {
  setLife(profile)
}
export function unstable_noStore() {}
/** @param {string} path */
export function unstable_expirePath(path) {
  revalidatePath(path)
}
/** @param {string} tag */
export function unstable_expireTag(tag) {
  revalidateTag(tag)
}
export const unstable_cacheTag = cacheTag
export const unstable_cacheLife = cacheLife
