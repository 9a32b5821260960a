// The runtime bundled into every session isolate. Shims first: React and zod read globals at load.
import './shims/install.js'
import { define } from './module-system.js'
import { fireTimer, clearAllTimers } from './shims/timers.js'
import { newCall } from './shims/console.js'
import { deferredCalls } from './shims/host-bridge.js'
import {
  configure,
  loadServerModules,
  registerActions,
  callAction,
  renderRejection,
} from './actions.js'
import { seed, dumpTables, restoreTables, tablesReport, markTablesReported } from './modules/db.js'
import { render, renderHtml, callFormAction } from './page-requests.js'
import { loadSsr } from './ssr-layer.js'
import { readNextConfig } from './next-config.js'
import { setTaintEnabled } from './taint.js'

// A call that wrote to the database carries what it changed out in its answer (no second entry
// into the isolate), for the site to rebuild the session elsewhere (modules/db.js tablesReport).
/**
 * @template {unknown[]} A
 * @template R
 * @param {(...args: A) => Promise<R>} fn
 * @returns {(...args: A) => Promise<R | (R & { tables: import('../../contract/sandbox').TablesReport | null })>}
 */
function reportingTables(fn) {
  return async (...args) => {
    const result = await fn(...args)
    if (!result || typeof result !== 'object') return result
    const tables = tablesReport()
    return tables === undefined ? result : { ...result, tables }
  }
}

/** @typedef {import('../../contract/sandbox').CallName} CallName */
/** @typedef {import('../../contract/sandbox').Settled} Settled */

/**
 * A call begun in a synchronous entry (sandbox/isolate-session.mjs): its answer is taken by
 * `settled` in a second one once the first entry's microtasks have run, or awaited through
 * `pending` when it waits on a timer. Only the latest call is kept; calls of a session run one
 * at a time.
 * @type {{ promise: Promise<unknown>, done: boolean, ok: boolean, value: unknown, deferredAt: number } | null}
 */
let begun = null

/** @param {CallName} name @param {unknown[]} args */
function begin(name, args) {
  const call = /** @type {(...a: unknown[]) => Promise<unknown>} */ (api[name])
  const deferredAt = deferredCalls()
  const st = { promise: new Promise((resolve) => resolve(call(...args))), done: false, ok: false }
  /** @type {typeof st & { value: unknown, deferredAt: number }} */
  const entry = Object.assign(st, { value: undefined, deferredAt })
  entry.promise.then(
    (value) => Object.assign(entry, { done: true, ok: true, value }),
    (error) => Object.assign(entry, { done: true, ok: false, value: error }),
  )
  begun = entry
}

/** @returns {Settled | null} null while the begun call still waits */
function settled() {
  const entry = begun
  if (!entry || !entry.done) return null
  begun = null
  return { ok: entry.ok, value: entry.value, deferred: deferredCalls() - entry.deferredAt }
}

function pending() {
  const entry = begun
  begun = null
  return entry ? entry.promise : Promise.reject(new Error('No call of this session is pending.'))
}

/** @type {import('../../contract/sandbox').IsolateApi} what the sandbox process calls */
const entries = {
  begin,
  settled,
  pending,
  define,
  fireTimer,
  clearAllTimers,
  configure,
  seed: (/** @type {import('../../contract/sandbox').Tables} */ data) => seed(data),
  dumpTables,
  restoreTables,
  loadServerModules,
  registerActions,
  callAction: reportingTables(callAction),
  renderRejection,
  render: reportingTables(render),
  renderHtml: reportingTables(renderHtml),
  callFormAction: reportingTables(callFormAction),
  markTablesReported,
  loadSsr,
  readNextConfig,
  setTaint: (/** @type {boolean} */ on) => setTaintEnabled(on),
}
// Every entry but a timer's starts the console count again: the host starts its own at each call,
// and a timer left running shares its call's. A reset the host did not make only sends lines the
// host then drops, never loses one. Frozen so playground code can neither replace nor wrap them.
const api = Object.freeze(
  /** @type {typeof entries} */ (
    Object.fromEntries(
      Object.entries(entries).map(([name, fn]) => [
        name,
        fn === fireTimer || fn === clearAllTimers || fn === settled || fn === pending
          ? fn
          : (/** @type {unknown[]} */ ...args) => {
              newCall()
              return /** @type {(...a: unknown[]) => unknown} */ (fn)(...args)
            },
      ]),
    )
  ),
)

Object.defineProperty(globalThis, '__live', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: false,
})
