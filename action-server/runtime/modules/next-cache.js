// next/cache: the playground has no data cache, but revalidation is recorded so the response
// carries x-action-revalidated (and, later, the re-rendered tree) exactly when Next's would.
import { getRequestStore } from '../request-store.js'

function actionOnly(name) {
  const store = getRequestStore(name)
  if (store.phase !== 'action') {
    throw new Error(`${name} can only be called from within a Server Action.`)
  }
  return store
}

export function revalidatePath(path, type) {
  if (typeof path !== 'string') throw new Error('revalidatePath expects a string path')
  getRequestStore('revalidatePath').revalidatedPaths.push(type ? `${path}:${type}` : path)
}

export function revalidateTag(tag, _profile) {
  getRequestStore('revalidateTag').revalidatedTags.push(String(tag))
}

export function updateTag(tag) {
  actionOnly('updateTag').revalidatedTags.push(String(tag))
}

export function refresh() {
  actionOnly('refresh').refreshed = true
}

export function unstable_cache(fn) {
  return (...args) => fn(...args)
}
export function unstable_noStore() {}
export function unstable_expirePath(path) {
  revalidatePath(path)
}
export function unstable_expireTag(tag) {
  revalidateTag(tag)
}
export function cacheTag() {}
export function cacheLife() {}
export const unstable_cacheTag = cacheTag
export const unstable_cacheLife = cacheLife
