// The only doors to the host: copied-value callbacks the child process puts on the global before
// the runtime loads. We take them and delete the globals so playground code cannot call them.
const g = globalThis;
export const host = {
  timer: g.__hostTimer, // (op: 'set'|'clear', id, ms) — ignored-result callback
  log: g.__hostLog, // (level, text) — ignored-result callback
  random: g.__hostRandom, // (n) → array of n random bytes
};
delete g.__hostTimer;
delete g.__hostLog;
delete g.__hostRandom;
