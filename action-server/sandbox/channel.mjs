// IPC with batching: every message sent during one turn of the event loop goes out as one
// process.send(). Under load this divides the (expensive) IPC writes and reads per request.
export function createOutbox(send) {
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
