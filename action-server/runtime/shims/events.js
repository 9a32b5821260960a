// EventTarget, AbortController and MessageChannel: small enough to write, needed by Flight.

export class Event {
  constructor(type, init = {}) {
    this.type = String(type)
    this.bubbles = !!init.bubbles
    this.cancelable = !!init.cancelable
    this.defaultPrevented = false
    this.timeStamp = Date.now()
  }
  preventDefault() {
    if (this.cancelable) this.defaultPrevented = true
  }
  stopPropagation() {}
  stopImmediatePropagation() {}
}

export class EventTarget {
  constructor() {
    Object.defineProperty(this, '_listeners', { value: new Map() })
  }
  addEventListener(type, fn, options) {
    if (!fn) return
    const list = this._listeners.get(type) || []
    if (!list.some((l) => l.fn === fn)) list.push({ fn, once: !!(options && options.once) })
    this._listeners.set(type, list)
  }
  removeEventListener(type, fn) {
    const list = this._listeners.get(type)
    if (list)
      this._listeners.set(
        type,
        list.filter((l) => l.fn !== fn),
      )
  }
  dispatchEvent(event) {
    Object.defineProperty(event, 'target', { value: this, configurable: true })
    const handler = this['on' + event.type]
    if (typeof handler === 'function') handler.call(this, event)
    for (const l of (this._listeners.get(event.type) || []).slice()) {
      if (l.once) this.removeEventListener(event.type, l.fn)
      if (typeof l.fn === 'function') l.fn.call(this, event)
      else l.fn.handleEvent(event)
    }
    return !event.defaultPrevented
  }
}

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
    this.reason = undefined
    this.onabort = null
  }
  throwIfAborted() {
    if (this.aborted) throw this.reason
  }
  static abort(reason) {
    const c = new AbortController()
    c.abort(reason)
    return c.signal
  }
  static timeout(ms) {
    const c = new AbortController()
    setTimeout(() => c.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms)
    return c.signal
  }
}

export class AbortController {
  constructor() {
    this.signal = new AbortSignal()
  }
  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const s = this.signal
    if (s.aborted) return
    s.aborted = true
    s.reason = reason
    s.dispatchEvent(new Event('abort'))
  }
}

class MessagePort extends EventTarget {
  constructor() {
    super()
    this.onmessage = null
    this._other = null
  }
  // Delivered as a late microtask rather than a host timer: React schedules its pings through
  // here, and a round trip to the host per ping would dominate the cost of a call.
  postMessage(data) {
    const other = this._other
    void Promise.resolve()
      .then(() => {})
      .then(() => other.dispatchEvent(Object.assign(new Event('message'), { data })))
  }
  start() {}
  close() {}
}

export class MessageChannel {
  constructor() {
    this.port1 = new MessagePort()
    this.port2 = new MessagePort()
    this.port1._other = this.port2
    this.port2._other = this.port1
  }
}
