// The runtime bundled into every session isolate. Shims first: React and zod read globals at load.
import './shims/install.js'
import { define } from './module-system.js'
import { fireTimer, clearAllTimers } from './shims/timers.js'
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

// Frozen so playground code can neither replace nor wrap what the host calls into.
/** @type {Readonly<import('../../contract/sandbox').IsolateApi>} what the sandbox process calls */
const api = Object.freeze({
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
})

Object.defineProperty(globalThis, '__live', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: false,
})
