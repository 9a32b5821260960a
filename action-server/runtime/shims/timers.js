// Timers run on the child process's event loop; the callback comes back through fireTimer.
import { host } from './host-bridge.js'

const timers = new Map()
let nextId = 1

function schedule(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeError('Callback must be a function')
  const id = nextId++
  const delay = Math.max(0, Number(ms) || 0)
  timers.set(id, { fn, args, repeat, delay })
  host.timer('set', id, delay)
  return id
}

function cancel(id) {
  if (timers.delete(id)) host.timer('clear', id, 0)
}

/** Called by the host when a call breached a limit: what it scheduled never runs. */
export function clearAllTimers() {
  timers.clear()
}

/** Called by the host when a timer is due. */
export function fireTimer(id) {
  const t = timers.get(id)
  if (!t) return
  if (t.repeat) host.timer('set', id, t.delay)
  else timers.delete(id)
  t.fn(...t.args)
}

export const timerGlobals = {
  setTimeout: (fn, ms, ...args) => schedule(fn, ms, args, false),
  setInterval: (fn, ms, ...args) => schedule(fn, ms, args, true),
  setImmediate: (fn, ...args) => schedule(fn, 0, args, false),
  clearTimeout: cancel,
  clearInterval: cancel,
  clearImmediate: cancel,
  queueMicrotask: (fn) => {
    void Promise.resolve().then(fn)
  },
}
