// next/headers: cookies() and headers(), awaitable and (for older examples) usable synchronously.
import { getRequestStore } from '../request-store.js'

/** @import { RequestStore } from '../request-store.js' */
import { inCacheScope, routePrefix } from '../cache-store.js'

/** Next's error for request data read inside a cached function. @param {'cookies' | 'headers'} api */
function refuseInCache(api) {
  if (!inCacheScope()) return
  throw new Error(
    `${routePrefix()}\`${api}()\` can't be read inside \`"use cache"\`. Read it outside the cached function and pass what you need as an argument.\nLearn more: https://nextjs.org/docs/messages/next-request-in-use-cache`,
  )
}

class ReadonlyHeadersError extends Error {
  constructor() {
    super(
      'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers',
    )
  }
}

/** @param {import('../../../contract/sandbox').Pairs} entries */
function readonlyHeaders(entries) {
  const h = new Headers(entries)
  for (const m of ['set', 'append', 'delete']) {
    Object.defineProperty(h, m, {
      value: () => {
        throw new ReadonlyHeadersError()
      },
    })
  }
  return h
}

/** @typedef {Parameters<RequestStore['cookieWrites']['set']>[1]} StoredWrite */
/** @typedef {string | { name: string }} CookieName */

/** @param {RequestStore} store */
function cookieStore(store) {
  const visible = () => {
    const all = new Map(store.cookies)
    for (const [name, w] of store.cookieWrites) {
      if (w.value === '' && w.maxAge === 0) all.delete(name)
      else all.set(name, /** @type {string} set() always writes one */ (w.value))
    }
    return all
  }
  const assertMutable = () => {
    if (store.phase !== 'action') {
      throw new Error(
        'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
      )
    }
  }
  const api = {
    /** @param {CookieName} name */
    get(name) {
      const key = typeof name === 'object' ? name.name : name
      const all = visible()
      return all.has(key) ? { name: key, value: all.get(key) } : undefined
    },
    /** @param {CookieName} [name] */
    getAll(name) {
      const list = [...visible()].map(([n, value]) => ({ name: n, value }))
      return name === undefined
        ? list
        : list.filter((c) => c.name === (typeof name === 'object' ? name.name : name))
    },
    /** @param {string} name */
    has(name) {
      return visible().has(name)
    },
    /**
     * @param {string | { name: string, value?: unknown }} nameOrOptions @param {unknown} [value]
     * @param {Omit<StoredWrite, 'name' | 'value'>} [options]
     */
    set(nameOrOptions, value, options = {}) {
      assertMutable()
      const c = /** @type {Omit<StoredWrite, 'value'> & { value?: unknown }} */ (
        typeof nameOrOptions === 'object'
          ? { ...nameOrOptions }
          : { ...options, name: nameOrOptions, value }
      )
      c.name = String(c.name)
      c.value = c.value === undefined ? '' : String(c.value)
      store.cookieWrites.set(c.name, /** @type {StoredWrite} */ (c))
      return api
    },
    /** @param {string | { name: string }} nameOrOptions */
    delete(nameOrOptions) {
      assertMutable()
      const o = typeof nameOrOptions === 'object' ? nameOrOptions : { name: nameOrOptions }
      store.cookieWrites.set(String(o.name), {
        ...o,
        name: String(o.name),
        value: '',
        maxAge: 0,
        expires: new Date(0),
      })
      return api
    },
    clear() {
      for (const name of visible().keys()) api.delete(name)
      return api
    },
    toString() {
      return [...visible()].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('; ')
    },
    get size() {
      return visible().size
    },
    [Symbol.iterator]() {
      return [...visible()].map(([n, value]) => [n, { name: n, value }])[Symbol.iterator]()
    },
  }
  return api
}

/** A promise that also carries the store's members, as Next 15+ does for sync access. */
/** @template {object} T @param {T} target */
function exotic(target) {
  const promise = Promise.resolve(target)
  for (const key of Reflect.ownKeys(target)) {
    const desc = /** @type {PropertyDescriptor} an own key's */ (
      Object.getOwnPropertyDescriptor(target, key)
    )
    if (typeof desc.value === 'function')
      Reflect.defineProperty(promise, key, { value: desc.value.bind(target) })
    else if (desc.get)
      Reflect.defineProperty(promise, key, {
        get: () => /** @type {Record<PropertyKey, unknown>} */ (target)[key],
      })
  }
  return promise
}

export function cookies() {
  refuseInCache('cookies')
  return exotic(cookieStore(getRequestStore('cookies')))
}

export function headers() {
  refuseInCache('headers')
  const h = readonlyHeaders(getRequestStore('headers').headers)
  const p = Promise.resolve(h)
  for (const m of [
    'get',
    'has',
    'forEach',
    'entries',
    'keys',
    'values',
    'set',
    'append',
    'delete',
  ]) {
    const method = /** @type {Record<string, (...args: unknown[]) => unknown>} */ (
      /** @type {unknown} */ (h)
    )[m]
    Reflect.defineProperty(p, m, { value: method.bind(h) })
  }
  Reflect.defineProperty(p, Symbol.iterator, { value: () => h.entries() })
  return p
}

export function draftMode() {
  const state = { isEnabled: false, enable() {}, disable() {} }
  return Object.assign(Promise.resolve(state), state)
}
