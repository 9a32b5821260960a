// Properties the shims define with Object.defineProperty (read-only, not enumerable), so that
// playground code enumerating an instance sees what Node's would show.
export {}

declare module '../shims/blob.js' {
  interface Blob {
    readonly _bytes: Uint8Array
  }
}

declare module '../shims/headers.js' {
  interface Headers {
    readonly _map: Map<string, string>
  }
}
