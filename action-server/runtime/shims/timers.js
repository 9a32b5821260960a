// Timers run on the child process's event loop; the callback comes back through fireTimer.
import { host } from './host-bridge.js'

// any[]: a reader's callback takes whatever setTimeout hands it (lib.dom's TimerHandler does the same)
/** @typedef {(...args: any[]) => void} TimerCallback */

/** @type {Map<number, { fn: TimerCallback, args: unknown[], repeat: boolean, delay: number }>} */
const timers = new Map()
let nextId = 1

/** @param {unknown} fn @param {unknown} ms @param {unknown[]} args @param {boolean} repeat */
function schedule(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeError('Callback must be a function')
  const id = nextId++
  const delay = Math.max(0, Number(ms) || 0)
  timers.set(id, { fn: /** @type {TimerCallback} */ (fn), args, repeat, delay })
  host.timer('set', id, delay)
  return id
}

/** @param {number} id */
function cancel(id) {
  if (timers.delete(id)) host.timer('clear', id, 0)
}

/** Called by the host when a call breached a limit: what it scheduled never runs. */
export function clearAllTimers() {
  timers.clear()
}

/** Called by the host when a timer is due. */
/** @param {number} id */
export function fireTimer(id) {
  const t = timers.get(id)
  if (!t) return
  if (t.repeat) host.timer('set', id, t.delay)
  else timers.delete(id)
  t.fn(...t.args)
}

export const timerGlobals = {
  /** @param {TimerCallback} fn @param {number} [ms] @param {unknown[]} args @returns {number} */
  setTimeout: (fn, ms, ...args) => schedule(fn, ms, args, false),
  /** @param {TimerCallback} fn @param {number} [ms] @param {unknown[]} args @returns {number} */
  setInterval: (fn, ms, ...args) => schedule(fn, ms, args, true),
  /** @param {TimerCallback} fn @param {unknown[]} args @returns {number} */
  setImmediate: (fn, ...args) => schedule(fn, 0, args, false),
  // cancel(undefined) deletes nothing, as clearTimeout() does
  clearTimeout: /** @type {(id?: number) => void} */ (cancel),
  clearInterval: /** @type {(id?: number) => void} */ (cancel),
  clearImmediate: /** @type {(id?: number) => void} */ (cancel),
  /** @param {() => void} fn */
  queueMicrotask: (fn) => {
    void Promise.resolve().then(fn)
  },
}
