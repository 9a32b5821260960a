// How many isolate entries of this process run at once. isolated-vm runs each entry on a pool of
// hardware_concurrency + 1 threads and, when they are all busy, on a new thread made for that one
// entry (src/lib/thread_pool.cc). Under load on a small box most entries got a fresh thread: its
// creation, exit, stack unmapping and TLB flushes were ~12% of the box's CPU (issue 14). Entries
// wait here for a pool thread instead, taking turns by session so one session's backlog (a burst
// of timers) never queues another session's call behind it.
//
// A slot is given back when the entry settles, or after `holdMs` at the latest. An entry can
// stay pending without using its thread (an action awaiting its own timer, which is another
// entry), and a long computation should not hold back short ones: past `holdMs` others may start,
// on new threads as before. So the gate can delay an entry by about `holdMs`, never deadlock.

/**
 * @typedef {{ fn: () => Promise<unknown>, resolve: (v: any) => void, reject: (e: unknown) => void }} Job
 * @typedef {{ run<T>(key: object, fn: () => Promise<T>): Promise<T>, readonly running: number, readonly waiting: number }} EntryGate
 */

/**
 * @param {{ slots: number, holdMs: number }} options
 * @returns {EntryGate}
 */
export function createEntryGate({ slots, holdMs }) {
  let free = slots
  let waiting = 0
  /** @type {Map<object, Job[]>} a key's jobs, in order */
  const queues = new Map()
  /** @type {object[]} keys with a job waiting and none holding a slot, in turn order */
  const turn = []
  /** @type {Set<object>} keys whose entry holds a slot */
  const holding = new Set()

  function pump() {
    while (free > 0 && turn.length) {
      const key = /** @type {object} */ (turn.shift())
      const queue = /** @type {Job[]} */ (queues.get(key))
      const job = /** @type {Job} */ (queue.shift())
      if (!queue.length) queues.delete(key)
      waiting--
      free--
      holding.add(key)
      let done = false
      const release = () => {
        if (done) return
        done = true
        clearTimeout(timer)
        free++
        holding.delete(key)
        if (queues.has(key)) turn.push(key)
        pump()
      }
      const timer = setTimeout(release, holdMs)
      /** @type {Promise<unknown>} */
      let p
      try {
        p = job.fn()
      } catch (err) {
        p = Promise.reject(err)
      }
      p.then(
        (v) => {
          release()
          job.resolve(v)
        },
        (e) => {
          release()
          job.reject(e)
        },
      )
    }
  }

  return {
    run(key, fn) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(key)
        if (queue) queue.push({ fn, resolve, reject })
        else {
          queues.set(key, [{ fn, resolve, reject }])
          if (!holding.has(key)) turn.push(key)
        }
        waiting++
        pump()
      })
    },
    get running() {
      return slots - free
    },
    get waiting() {
      return waiting
    },
  }
}
