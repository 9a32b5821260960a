// The only doors to the host: copied-value callbacks the child process puts on the global before
// the runtime loads. We take them and delete the globals so playground code cannot call them.
// Their types: contract/bridge.d.ts (the sandbox process sets them, sandbox/isolate-session.mjs).
const g = globalThis
const given = /** @type {import('../../../contract/bridge').HostBridgeGlobals} */ (
  /** @type {unknown} */ (g)
)
const hostTimer = given.__hostTimer
const hostLog = given.__hostLog
// ivm runs an ignored-result callback after the entry that made it: a call made on the host's main
// thread waits for as many as it made before it answers (sandbox/isolate-session.mjs enterSync).
let deferred = 0
/** How many ignored-result calls (timer, log) the runtime has made to the host so far. */
export function deferredCalls() {
  return deferred
}
/** @type {import('../../../contract/bridge').HostBridge} set before the runtime loads */
export const host = /** @type {import('../../../contract/bridge').HostBridge} */ ({
  timer: (op, id, ms) => {
    deferred++
    hostTimer(op, id, ms)
  }, // ignored-result callback
  log: (level, text) => {
    deferred++
    hostLog(level, text)
  }, // ignored-result callback
  random: g.__hostRandom, // (n) → array of n random bytes
  encrypt: g.__hostEncrypt, // (plaintext) → base64 AES-GCM token; the key never enters the isolate
  decrypt: g.__hostDecrypt, // (token) → plaintext, or null when the token does not authenticate
})
/** @type {import('../../../contract/bridge').ConsoleLimits} copied in before the runtime loads */
export const consoleLimits = g.__hostConsoleLimits ?? { entryChars: Infinity, callBytes: 0 }
const taken = /** @type {Partial<import('../../../contract/bridge').HostBridgeGlobals>} */ (g)
delete taken.__hostConsoleLimits
delete taken.__hostTimer
delete taken.__hostLog
delete taken.__hostRandom
delete taken.__hostEncrypt
delete taken.__hostDecrypt
