// The only doors to the host: copied-value callbacks the child process puts on the global before
// the runtime loads. We take them and delete the globals so playground code cannot call them.
const g = globalThis
export const host = {
  timer: g.__hostTimer, // (op: 'set'|'clear', id, ms) — ignored-result callback
  log: g.__hostLog, // (level, text) — ignored-result callback
  random: g.__hostRandom, // (n) → array of n random bytes
  encrypt: g.__hostEncrypt, // (plaintext) → base64 AES-GCM token; the key never enters the isolate
  decrypt: g.__hostDecrypt, // (token) → plaintext, or null when the token does not authenticate
}
delete g.__hostTimer
delete g.__hostLog
delete g.__hostRandom
delete g.__hostEncrypt
delete g.__hostDecrypt
