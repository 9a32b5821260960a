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
import { seed, dumpTables, restoreTables, dbWrites } from './modules/db.js'
import { render, renderHtml, callFormAction } from './page-requests.js'
import { loadSsr } from './ssr-layer.js'

// Frozen so playground code can neither replace nor wrap what the host calls into.
const api = Object.freeze({
  define,
  fireTimer,
  clearAllTimers,
  configure,
  seed: (data) => seed(data),
  dumpTables,
  restoreTables,
  dbWrites,
  loadServerModules,
  registerActions,
  callAction,
  renderRejection,
  render,
  renderHtml,
  callFormAction,
  loadSsr,
})

Object.defineProperty(globalThis, '__live', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: false,
})
