/* eslint-disable no-var, @typescript-eslint/no-empty-object-type -- globals are declared with var; each interface merges a shim class into the global of the same name */
// What a session's isolate has beyond the language (lib ES2023): the web globals
// shims/install.js installs — typed by the shims that implement them, so a global the isolate
// lacks (process, Buffer, document, Response…) fails the check — and the host bridge's globals,
// there until shims/host-bridge.js takes and deletes them.

type Timers = typeof import('../shims/timers.js').timerGlobals
declare var setTimeout: Timers['setTimeout']
declare var setInterval: Timers['setInterval']
declare var setImmediate: Timers['setImmediate']
declare var clearTimeout: Timers['clearTimeout']
declare var clearInterval: Timers['clearInterval']
declare var clearImmediate: Timers['clearImmediate']
declare var queueMicrotask: Timers['queueMicrotask']
declare var console: typeof import('../shims/console.js').console
declare var crypto: typeof import('../shims/crypto.js').crypto
declare var atob: typeof import('../shims/base64.js').atob
declare var btoa: typeof import('../shims/base64.js').btoa
declare var performance: { now(): number; readonly timeOrigin: number }
declare function structuredClone<T>(value: T, options?: { transfer?: unknown[] }): T
/** Always rejects: the playground server has no network. */
declare function fetch(...args: unknown[]): Promise<never>

declare var ReadableStream: typeof import('web-streams-polyfill').ReadableStream
type ReadableStream<R = unknown> = import('web-streams-polyfill').ReadableStream<R>
declare var WritableStream: typeof import('web-streams-polyfill').WritableStream
type WritableStream<W = unknown> = import('web-streams-polyfill').WritableStream<W>
declare var TransformStream: typeof import('web-streams-polyfill').TransformStream
type TransformStream<I = unknown, O = unknown> = import('web-streams-polyfill').TransformStream<
  I,
  O
>
declare var TextEncoder: typeof import('./exodus-encoding.js').TextEncoder
type IsolateTextEncoder = import('./exodus-encoding.js').TextEncoder
interface TextEncoder extends IsolateTextEncoder {}
declare var TextDecoder: typeof import('./exodus-encoding.js').TextDecoder
type IsolateTextDecoder = import('./exodus-encoding.js').TextDecoder
interface TextDecoder extends IsolateTextDecoder {}
declare var Blob: typeof import('../shims/blob.js').Blob
type IsolateBlob = import('../shims/blob.js').Blob
interface Blob extends IsolateBlob {}
declare var File: typeof import('../shims/blob.js').File
type IsolateFile = import('../shims/blob.js').File
interface File extends IsolateFile {}
declare var FormData: typeof import('../shims/blob.js').FormData
type IsolateFormData = import('../shims/blob.js').FormData
interface FormData extends IsolateFormData {}
declare var Event: typeof import('../shims/events.js').Event
declare var EventTarget: typeof import('../shims/events.js').EventTarget
declare var AbortController: typeof import('../shims/events.js').AbortController
type IsolateAbortController = import('../shims/events.js').AbortController
interface AbortController extends IsolateAbortController {}
declare var AbortSignal: typeof import('../shims/events.js').AbortSignal
type IsolateAbortSignal = import('../shims/events.js').AbortSignal
interface AbortSignal extends IsolateAbortSignal {}
declare var MessageChannel: typeof import('../shims/events.js').MessageChannel
declare var DOMException: typeof import('../shims/events.js').DOMException
type IsolateDOMException = import('../shims/events.js').DOMException
interface DOMException extends IsolateDOMException {}
declare var Headers: typeof import('../shims/headers.js').Headers
type IsolateHeaders = import('../shims/headers.js').Headers
interface Headers extends IsolateHeaders {}
/** Loaded on first use (install.js). */
declare var URL: typeof import('whatwg-url').URL
type IsolateURL = import('whatwg-url').URL
interface URL extends IsolateURL {}
declare var URLSearchParams: typeof import('whatwg-url').URLSearchParams
type IsolateURLSearchParams = import('whatwg-url').URLSearchParams
interface URLSearchParams extends IsolateURLSearchParams {}
declare var self: typeof globalThis
declare var global: typeof globalThis

// The host bridge (contract/bridge.d.ts), on the global only until the runtime takes it.
declare var __hostTimer:
  import('../../../contract/bridge').HostBridgeGlobals['__hostTimer'] | undefined
declare var __hostLog: import('../../../contract/bridge').HostBridgeGlobals['__hostLog'] | undefined
declare var __hostRandom:
  import('../../../contract/bridge').HostBridgeGlobals['__hostRandom'] | undefined
declare var __hostEncrypt:
  import('../../../contract/bridge').HostBridgeGlobals['__hostEncrypt'] | undefined
declare var __hostDecrypt:
  import('../../../contract/bridge').HostBridgeGlobals['__hostDecrypt'] | undefined
declare var __hostConsoleLimits:
  import('../../../contract/bridge').HostBridgeGlobals['__hostConsoleLimits'] | undefined
/** The runtime's API for the sandbox process (entry.js). */
declare var __live: import('../../../contract/sandbox').IsolateApi
/** The HTML layer's bundle hands itself over through this global (ssr/entry.js → ssr-layer.js). */
declare var __liveSsrFactory: import('../ssr/entry.js').SsrFactory | undefined
