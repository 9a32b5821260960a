// The isolate's host bridge: the only doors out of a session's isolate. The sandbox process
// (sandbox/isolate-session.mjs) puts these copied-value callbacks on the isolate's global before
// the runtime loads; runtime/shims/host-bridge.js takes them and deletes the globals, so
// playground code never sees them. Types only.

export interface HostBridge {
  /** Arms or clears a timer the isolate's setTimeout/setInterval stand for (result ignored). */
  timer(op: 'set' | 'clear', id: number, ms: number): void
  /** One console line of the session (result ignored). */
  log(level: string, text: string): void
  /** n random bytes (at most 65536). */
  random(n: number): number[]
  /** plaintext → base64 AES-GCM token; the key never enters the isolate. null: no key. */
  encrypt(text: string): string | null
  /** token → plaintext, or null when it does not authenticate. */
  decrypt(token: string): string | null
}

/**
 * The host's console caps (sandbox/isolate-session.mjs log()), so the isolate stops formatting and
 * copying out what the host would drop. 0 bytes: no cap per call.
 */
export interface ConsoleLimits {
  entryChars: number
  callBytes: number
}

/** The globals that carry the bridge until the runtime takes it. */
export interface HostBridgeGlobals {
  __hostConsoleLimits: ConsoleLimits
  __hostTimer: HostBridge['timer']
  __hostLog: HostBridge['log']
  __hostRandom: HostBridge['random']
  __hostEncrypt: HostBridge['encrypt']
  __hostDecrypt: HostBridge['decrypt']
}
