// next/cache: the playground has no data cache, but revalidation is recorded so the response
// carries x-action-revalidated (and, later, the re-rendered tree) exactly when Next's would.
import { getRequestStore } from '../request-store.js'

/** @param {string} name */
function actionOnly(name) {
  const store = getRequestStore(name)
  if (store.phase !== 'action') {
    throw new Error(`${name} can only be called from within a Server Action.`)
  }
  return store
}

/** @param {string} path @param {'page' | 'layout'} [type] */
export function revalidatePath(path, type) {
  if (typeof path !== 'string') throw new Error('revalidatePath expects a string path')
  getRequestStore('revalidatePath').revalidatedPaths.push(type ? `${path}:${type}` : path)
}

/**
 * Next 16: with a cache profile ('max', { expire: 60 }…) the tag goes stale-while-revalidate, so the
 * action's answer neither carries x-action-revalidated nor renders the page; without one (the
 * deprecated form) or with `{ expire: 0 }` it expires at once, like updateTag.
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
  if (expiresNow) store.revalidatedTags.push(String(tag))
}

/** @param {string} tag */
export function updateTag(tag) {
  actionOnly('updateTag').revalidatedTags.push(String(tag))
}

export function refresh() {
  actionOnly('refresh').refreshed = true
}

/**
 * @template {(...args: any[]) => unknown} F
 * @param {F} fn
 */
export function unstable_cache(fn) {
  return (/** @type {Parameters<F>} */ ...args) => fn(...args)
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
export function cacheTag() {}
export function cacheLife() {}
export const unstable_cacheTag = cacheTag
export const unstable_cacheLife = cacheLife
