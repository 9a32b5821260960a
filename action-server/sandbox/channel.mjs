// IPC with batching: every message sent during one turn of the event loop goes out as one
// process.send(). Under load this divides the (expensive) IPC writes and reads per request.
/**
 * @template M
 * @typedef {{ push(msg: M): void, flush(): void }} Outbox
 */

/**
 * @template M
 * @param {(batch: import('../../contract/sandbox.js').Batch<M>) => void} send
 * @returns {Outbox<M>}
 */
export function createOutbox(send) {
  /** @type {M[]} */
  let queue = []
  let scheduled = false
  function flush() {
    scheduled = false
    if (!queue.length) return
    const batch = queue
    queue = []
    send({ batch })
  }
  return {
    push(msg) {
      queue.push(msg)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
    flush,
  }
}

/**
 * A sandbox process's process.send. The host can die between two of our writes: the write then
 * fails (EPIPE), which Node would throw as an unhandled 'error' event, stack trace and all. As on
 * 'disconnect', nothing is left to answer, so the process ends quietly.
 * @param {import('../../contract/sandbox.js').Batch<unknown>} batch
 */
export function sendToHost(batch) {
  if (!process.connected) return // 'disconnect' is on its way and ends the process
  process.send?.(batch, undefined, undefined, (/** @type {Error | null} */ error) => {
    if (error) process.exit(0)
  })
}
