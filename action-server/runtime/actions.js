// One action call, in the order Next runs it: decode the reply, check the arguments, run the
// function inside the request scope, then render Next 16's { a, q, i, t?, b } with React's Flight
// server.
import { createRequestStore, enterRequest, leaveRequest } from './request-store.js'
import { load } from './module-system.js'
import {
  decodeReply,
  registerServerReference,
  createTemporaryReferenceSet,
  renderToBytes,
  stringHash,
} from './flight.js'
import { isRedirectError, isHTTPAccessFallbackError } from './modules/next-navigation.js'
import { format } from './shims/console.js'
import { host } from './shims/host-bridge.js'
import { setRoutes, matchRoute, listRoutes } from './pages.js'
import { routeElement, renderStore, parseRedirect } from './render.js'
import { setActions } from './action-registry.js'
import { setActionIdLookup } from './ssr-layer.js'
import { actionPayload, pagePayload } from './payload.js'
import { assertUntainted } from './taint.js'
import { plainActionAnswer } from './plain-flight.js'

/** @typedef {((...args: unknown[]) => unknown) & { $$typeof?: symbol }} ActionFunction */
/** @import { ActionAnswer, ActionBody, ActionCall, IsolateApi, IsolateConfig, LoadedModule } from '../../contract/sandbox' */
/** @import { Mode } from '../../contract/http' */
/** @import { RequestStore } from './request-store.js' */

const MAX_ARGS = 1000
/** @type {{ buildId: string, mode: Mode, actions: Record<string, { file: string, name: string }> }} */
const state = { buildId: 'development', mode: 'development', actions: {} }

/** The serverModuleMap decodeReply resolves ids with: id → the module's file and export. */
/** @type {import('react-server-dom-webpack/server.browser').ServerManifest} */
const serverManifest = new Proxy(
  {},
  {
    get(_, id) {
      const a =
        typeof id === 'string' && Object.prototype.hasOwnProperty.call(state.actions, id)
          ? state.actions[id]
          : null
      return a ? { id: a.file, chunks: [], name: a.name } : undefined
    },
  },
)

/** @type {IsolateApi['configure']} */
export function configure({ buildId, mode, routes }) {
  state.buildId = buildId
  state.mode = mode
  if (routes) setRoutes(routes)
  return listRoutes()
}

export function getMode() {
  return state.mode
}

/** Evaluates the 'use server' modules and lists what each exports, so the host can give ids. */
/** @type {IsolateApi['loadServerModules']} */
export function loadServerModules(files, inline = false) {
  /** @type {Record<string, LoadedModule>} */
  const out = {}
  for (const file of files) {
    try {
      const exports = load(file)
      const names = Object.keys(exports).filter((k) => k !== '__esModule')
      // A component file with hoisted inline actions may export anything else (metadata, …).
      if (!inline)
        for (const name of names) {
          if (typeof exports[name] !== 'function') {
            throw new Error(
              `A "use server" file can only export async functions, found ${typeof exports[name]}.\nRead more: https://nextjs.org/docs/messages/invalid-use-server-value`,
            )
          }
        }
      out[file] = { exports: names }
    } catch (err) {
      out[file] = { error: describeError(err) }
    }
  }
  return out
}

/** ids: { actionId: { file, name } } */
/** @type {IsolateApi['registerActions']} */
export function registerActions(ids) {
  state.actions = ids
  /** @type {Map<string, Function>} */
  const fns = new Map()
  /** @type {Map<string, string>} */
  const byName = new Map()
  for (const [id, { file, name }] of Object.entries(ids)) {
    const fn = /** @type {ActionFunction} checked by loadServerModules */ (load(file)[name])
    if (!fn.$$typeof) registerServerReference(fn, id, null)
    fns.set(id, fn)
    byName.set(`${file}#${name}`, id)
  }
  setActions(fns)
  setActionIdLookup((file, name) => byName.get(`${file}#${name}`) || null)
}

/** The serverManifest React's decodeReply / decodeAction resolve ids with. */
export function getServerManifest() {
  return serverManifest
}

/** @param {unknown} err */
function describeError(err) {
  if (err && typeof err === 'object') {
    const e = /** @type {{ name?: string, message?: unknown, stack?: unknown }} */ (err)
    return { name: e.name, message: String(e.message), stack: String(e.stack || '') }
  }
  return { name: 'Error', message: String(err), stack: '' }
}

/** @param {ActionBody} body */
export function toBody(body) {
  if ('text' in body) return body.text
  const form = new FormData()
  for (const [name, value] of body.form) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, new File([value.bytes], value.name, { type: value.type }), value.name)
  }
  return form
}

/** @param {unknown} err anything playground code threw */
function digestOf(err) {
  const tagged = /** @type {{ digest?: unknown } | null | undefined} */ (err)
  if (tagged && typeof tagged.digest === 'string') return tagged.digest
  const text = err instanceof Error ? err.message + (err.stack || '') : String(err)
  const digest = stringHash(text)
  if (err && typeof err === 'object') {
    try {
      const target = /** @type {{ digest?: unknown }} */ (err)
      target.digest = digest
    } catch {}
  }
  return digest
}

/** @param {unknown} err */
function logError(err) {
  if (isRedirectError(err) || isHTTPAccessFallbackError(err)) return
  const text = format([err])
  host.log(
    'error',
    state.mode === 'production' ? `⨯ ${text} {\n  digest: '${digestOf(err)}'\n}` : `⨯ ${text}`,
  )
}

/** @param {unknown} err */
export function onError(err) {
  logError(err)
  return digestOf(err)
}

export const renderHooks = {
  onError,
  get mode() {
    return state.mode
  },
  get buildId() {
    return state.buildId
  },
}

/**
 * Next's revalidation kind (x-action-revalidated): 1 after revalidatePath, updateTag, revalidateTag
 * without a profile or a cookie write; 2 after refresh() alone; 0 otherwise (revalidateTag with a
 * profile is stale-while-revalidate: Next neither renders the page nor sets the header).
 */
/** @param {RequestStore} store @returns {ActionAnswer['revalidated']} */
export function revalidationKind(store) {
  if (store.revalidatedPaths.length > 0 || store.revalidatedTags.length > 0) return 1
  if (store.cookieWrites.size > 0) return 1
  return store.refreshed ? 2 : 0
}

/**
 * Next 16's action answer (see payload.js): `{a, q, i, t?, b}`, `t` holding the page rendered
 * again when the action revalidated; after redirect() to a playground route, that route's
 * navigation payload `{q, i, S, r, b, t}` instead. `extra.path` is the page to render.
 */
/**
 * @param {RequestStore} store
 * @param {{ value: unknown } | { error: unknown } | null} outcome what the action returned or threw
 * @param {import('react-server-dom-webpack/server.browser').TemporaryReferenceSet | undefined} temporaryReferences
 * @param {{ status: number, reason?: string, path?: string | null, search?: string, redirect?: string, emptyBody?: boolean }} extra
 * @returns {Promise<ActionAnswer>}
 */
async function respond(store, outcome, temporaryReferences, extra) {
  /** @type {import('react').ReactNode} */
  let tree
  let scope = null
  if (extra.path && !extra.emptyBody) {
    scope = renderStore(
      { headers: store.headers, cookies: [...store.cookies], path: extra.path },
      store,
    )
    enterRequest(scope)
    tree = routeElement(extra.path).tree
  }
  const common = {
    path: extra.search ?? extra.path,
    tree,
    buildId: state.buildId,
    mode: state.mode,
  }
  const actionResult = !outcome
    ? null
    : 'value' in outcome
      ? Promise.resolve(outcome.value)
      : rejected(outcome.error)
  const payload = extra.redirect ? pagePayload(common) : actionPayload({ ...common, actionResult })
  let flight
  try {
    // Plain data in production: the bytes React would write, without its renderer (plain-flight.js).
    const plain =
      state.mode === 'production' &&
      outcome &&
      'value' in outcome &&
      !extra.redirect &&
      tree === undefined
        ? plainActionAnswer(payload, outcome.value, temporaryReferences)
        : null
    flight = extra.emptyBody
      ? new Uint8Array(0)
      : plain || (await renderToBytes(payload, { onError, temporaryReferences }))
  } finally {
    if (scope) {
      leaveRequest(scope)
      enterRequest(store)
    }
  }
  const cookieWrites = [...store.cookieWrites.values()].map((c) => ({
    ...c,
    expires: c.expires instanceof Date ? c.expires.getTime() : c.expires,
  }))
  return {
    status: extra.status,
    reason: extra.reason || null,
    redirect: extra.redirect || null,
    revalidated: revalidationKind(store),
    cookieWrites,
    flight,
  }
}

/** @param {unknown} err */
function rejected(err) {
  const p = Promise.reject(err)
  p.catch(() => {})
  return p
}

/**
 * request (or its JSON): { actionId, body: {text} | {form}, headers: [[k, v]], cookies: [[k, v]] }
 * → { status, reason, redirect, revalidated, cookieWrites, flight: Uint8Array }
 */
/** @type {IsolateApi['callAction']} */
export async function callAction(input) {
  /** @type {ActionCall} */
  const request = typeof input === 'string' ? JSON.parse(input) : input
  const store = createRequestStore({
    headers: request.headers,
    cookies: request.cookies,
    phase: 'action',
  })
  const temporaryReferences = createTemporaryReferenceSet()
  enterRequest(store)
  let step = 'decode'
  try {
    const args = await decodeReply(toBody(request.body), serverManifest, { temporaryReferences })
    if (!Array.isArray(args)) throw new Error('Invalid Server Action payload.')
    if (args.length > MAX_ARGS) {
      step = 'args'
      throw new Error(
        `Server Action arguments list is too long (${args.length}). Maximum allowed is ${MAX_ARGS}.`,
      )
    }
    step = 'run'
    const { file, name } = state.actions[request.actionId]
    const fn = /** @type {ActionFunction} */ (load(file)[name])
    const value = await fn.apply(null, args)
    assertUntainted(value) // what React's Flight server checks as it serializes the result
    // Revalidated: the page comes back in the same answer, so the preview updates in one trip.
    const path = revalidationKind(store) ? pagePath(request) : null
    return await respond(store, { value }, temporaryReferences, {
      status: 200,
      path,
      search: pagePath(request),
    })
  } catch (caught) {
    const err = caught // anything playground code threw
    if (step === 'run' && isRedirectError(err)) {
      const { url, type } = parseRedirect(err)
      // A route of the playground is rendered into the answer; anything else leaves the body empty.
      const internal = url.startsWith('/') && !url.startsWith('//') && matchRoute(url)
      return await respond(store, null, temporaryReferences, {
        status: 200,
        redirect: `${url};${type}`,
        emptyBody: !internal,
        path: internal ? url : null,
      })
    }
    if (step === 'run' && isHTTPAccessFallbackError(err)) {
      const code = Number(err.digest.split(';')[1])
      const reason = /** @type {Record<number, string>} */ ({
        404: 'not-found',
        403: 'forbidden',
        401: 'unauthorized',
      })[code]
      // Next does not skip page rendering here: the page comes back with the rejection.
      return await respond(store, { error: err }, temporaryReferences, {
        status: code,
        reason,
        path: pagePath(request),
      })
    }
    const reason = /** @type {Record<string, string>} */ ({
      decode: 'invalid-payload',
      args: 'too-many-args',
      run: 'action-error',
    })[step]
    if (step !== 'run') store.cookieWrites.clear()
    // A thrown error renders the page only when the action revalidated before throwing.
    const path = step === 'run' && revalidationKind(store) ? pagePath(request) : null
    return await respond(store, { error: err }, temporaryReferences, {
      status: 500,
      reason,
      path,
      search: pagePath(request),
    })
  } finally {
    leaveRequest(store)
  }
}

/** @param {ActionCall} request */
function pagePath(request) {
  return typeof request.path === 'string' && request.path.startsWith('/') ? request.path : '/'
}

/** A rejection decided by the host (CSRF, body size): Next renders it as the action's error. */
/** @type {IsolateApi['renderRejection']} */
export async function renderRejection({ message, reason }) {
  const store = createRequestStore({ headers: [], cookies: [], phase: 'action' })
  const err = new Error(message)
  err.stack = `Error: ${message}` // decided by the server, not thrown by the reader's code
  return respond(store, { error: err }, undefined, { status: 500, reason })
}
