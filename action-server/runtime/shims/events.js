// Event and EventTarget from event-target-shim (a spec-following implementation); the classes
// Flight and React's scheduler need on top of them are small enough to keep here.
import {
  Event,
  EventTarget,
  defineEventAttribute,
  setErrorHandler,
  setWarningHandler,
} from 'event-target-shim'

export { Event, EventTarget }

// A listener's error is reported, as browsers do, instead of breaking the dispatch loop.
setErrorHandler((error) => console.error(error))
setWarningHandler(() => {})

export class DOMException extends Error {
  constructor(message = '', name = 'Error') {
    super(message)
    this.name = name
  }
}

export class AbortSignal extends EventTarget {
  constructor() {
    super()
    this.aborted = false
    /** @type {unknown} */
    this.reason = undefined
  }
  throwIfAborted() {
    if (this.aborted) throw this.reason
  }
  /** @param {unknown} [reason] */
  static abort(reason) {
    const c = new AbortController()
    c.abort(reason)
    return c.signal
  }
  /** @param {number} ms */
  static timeout(ms) {
    const c = new AbortController()
    setTimeout(() => c.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms)
    return c.signal
  }
}
defineEventAttribute(AbortSignal.prototype, 'abort')

export class AbortController {
  constructor() {
    this.signal = new AbortSignal()
  }
  /** @param {unknown} [reason] */
  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const s = this.signal
    if (s.aborted) return
    s.aborted = true
    s.reason = reason
    s.dispatchEvent(new Event('abort'))
  }
}

class MessageEvent extends Event {
  /** @param {string} type @param {{ data?: unknown }} [init] */
  constructor(type, init = {}) {
    super(type, /** @type {import("event-target-shim").Event.EventInit} */ (init))
    this.data = init.data
  }
}

class MessagePort extends EventTarget {
  constructor() {
    super()
    /** @type {MessagePort | null} */
    this._other = null
  }
  // Delivered as a late microtask rather than a host timer: React schedules its pings through
  // here, and a round trip to the host per ping would dominate the cost of a call.
  /** @param {unknown} data */
  postMessage(data) {
    const other = /** @type {MessagePort} */ (this._other) // MessageChannel pairs them
    void Promise.resolve()
      .then(() => {})
      .then(() => other.dispatchEvent(new MessageEvent('message', { data })))
  }
  start() {}
  close() {}
}
defineEventAttribute(MessagePort.prototype, 'message')

export class MessageChannel {
  constructor() {
    this.port1 = new MessagePort()
    this.port2 = new MessagePort()
    this.port1._other = this.port2
    this.port2._other = this.port1
  }
}
