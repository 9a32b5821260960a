// Installs the web globals the isolate lacks. Imported first by the runtime entry, so React and
// zod see them when they load.
import { ReadableStream, WritableStream, TransformStream } from 'web-streams-polyfill'
import { TextEncoder, TextDecoder } from './text-encoding.js'
import { Blob, File, FormData } from './blob.js'
import {
  Event,
  EventTarget,
  AbortController,
  AbortSignal,
  MessageChannel,
  DOMException,
} from './events.js'
import { timerGlobals } from './timers.js'
import { console } from './console.js'
import { crypto } from './crypto.js'
import { atob, btoa } from './base64.js'
import { Headers } from './headers.js'
import { clone } from '../clone.js'
import './array-guard.js'

const start = Date.now()
const globals = {
  ...timerGlobals,
  ReadableStream,
  WritableStream,
  TransformStream,
  TextEncoder,
  TextDecoder,
  Blob,
  File,
  FormData,
  Event,
  EventTarget,
  AbortController,
  AbortSignal,
  MessageChannel,
  DOMException,
  Headers,
  console,
  crypto,
  atob,
  btoa,
  performance: { now: () => Date.now() - start, timeOrigin: start },
  // A transferred ArrayBuffer is handed over as is (not detached): the stream polyfill "transfers"
  // every chunk React writes, and copying each one would double the cost of a response.
  structuredClone: (
    /** @type {unknown} */ value,
    /** @type {{ transfer?: unknown[] } | undefined} */ options,
  ) =>
    value instanceof ArrayBuffer &&
    options &&
    Array.isArray(options.transfer) &&
    options.transfer.includes(value)
      ? value
      : clone(value),
  fetch: async () => {
    throw new TypeError('fetch failed: the playground server has no network access.')
  },
  self: globalThis,
  global: globalThis,
}
for (const [k, v] of Object.entries(globals)) {
  Object.defineProperty(globalThis, k, {
    value: v,
    writable: true,
    configurable: true,
    enumerable: false,
  })
}

// whatwg-url and its IDNA tables are the largest part of a fresh isolate's start: load them on
// first use (every page render uses URL; an action that never does skips the cost).
for (const name of ['URL', 'URLSearchParams']) {
  const settle = (/** @type {unknown} */ value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true })
  Object.defineProperty(globalThis, name, {
    get: () =>
      /** @type {Record<string, unknown>} */ (
        settle(/** @type {Record<string, unknown>} */ (require('./url.js'))[name])
      )[name],
    set: settle,
    configurable: true,
  })
}

// This V8 predates ArrayBuffer.prototype.detached; nothing here detaches buffers (see
// structuredClone above), so React's streaming renderers may rely on "never detached".
if (!('detached' in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, 'detached', { get: () => false, configurable: true })
}
