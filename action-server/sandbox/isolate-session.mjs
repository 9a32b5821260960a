// One session's isolate: created per deploy, fed the runtime bundle, then the session's modules.
// Runs in the sandbox child process only.
import ivm from 'isolated-vm'
import { randomFillSync } from 'node:crypto'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { createEntryGate } from './entry-gate.mjs'

/** @import { HostBridge } from '../../contract/bridge.js' */
/** @import { SandboxFailure, Mode } from '../../contract/http.js' */
/** @import { CallName, IsolateApi, IsolateApiName, SandboxLimits, CompiledModule, Settled } from '../../contract/sandbox.js' */
/** @import { LogInput } from '../../contract/session.js' */

const RUNTIME_FILE = 'file:///live-runtime.js'
const MEMORY_CHECK_MS = 100

/** One per process, like ivm's thread pool: its size is ivm's (std::thread::hardware_concurrency() + 1). */
const entryGate = createEntryGate({ slots: cpus().length + 1, holdMs: 5 })

/**
 * A session whose calls have shown they are short enters its isolate on this process's main
 * thread (applySync) instead of ivm's pool, whose thread hop each way costs ~45 µs of CPU per
 * entry on a quiet box and more under load (issue 14). Such an entry holds the main thread, and
 * so every session of the process, while it runs, up to its CPU budget. So only a session whose
 * last SYNC_TRUST calls each used less than SYNC_CALL_MS of its isolate (CPU time) gets one, and
 * one such call that uses more ends that for the session for good (its Trust outlives a
 * redeploy): a hostile session can stall its neighbours once, by one call's budget at most.
 * A longer call or timer on the pool only starts the count again (a fresh isolate's first calls
 * compile the runtime's code).
 */
const SYNC_TRUST = 3
const SYNC_CALL_MS = 20

/** @typedef {{ slow: boolean }} Trust what a sandbox process remembers of a session across its isolates */

let syncEntries = 0
/** Calls this process made on its main thread so far (stats). */
export function syncEntryCount() {
  return syncEntries
}

export class LimitError extends Error {
  /** @param {SandboxFailure} reason @param {string} message */
  constructor(reason, message) {
    super(message)
    this.reason = reason
  }
}

/**
 * ivm measures an isolate's "CPU" time as time spent inside it, waits for a core included, and its
 * timeouts are wall time. On a box with more runnable threads than cores an honest 30 ms call can
 * take 500 ms there, so the budget in isolate time is the CPU budget × the box's contention (run
 * queue ÷ cores, from the 1-minute load average, between 1 and 2: more would let busy isolates hold pool threads longer). A quiet box gets the plain limit.
 */
let contentionFactor = 1
let contentionAt = 0
export function contention() {
  const now = Date.now()
  if (now - contentionAt > 1000) {
    contentionAt = now
    contentionFactor = Math.min(2, Math.max(1, loadavg()[0] / availableParallelism()))
  }
  return contentionFactor
}

/** A CPU budget in ms → the time it may take inside an isolate now. */
/** @param {number} cpuMs */
export function isolateMs(cpuMs) {
  return Math.ceil(cpuMs * contention())
}

/** Compiled runtime scripts share V8's code cache, so each new isolate skips the parse. */
/** @type {Map<Mode, ivm.ExternalCopy<ArrayBuffer>>} mode → V8's code cache */
const codeCache = new Map()

/** @param {ivm.Isolate} isolate @param {Mode} mode @param {string} code */
async function compileRuntime(isolate, mode, code) {
  const cachedData = codeCache.get(mode)
  /** @type {ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer> }} what produceCachedData adds */
  const script = await isolate.compileScript(code, {
    filename: RUNTIME_FILE,
    ...(cachedData ? { cachedData } : { produceCachedData: true }),
  })
  if (!cachedData && script.cachedData) keepCodeCache(mode, script.cachedData)
  return script
}

/** How long after a first render or action its code cache is made again. */
const WARM_DELAY_MS = 1000
/** `${mode} ${kind}`: the code cache was made again after an isolate first did that. */
const warmedBy = new Set()

/** @type {Map<Mode, number>} mode → bytes of its code cache (stats) */
const codeCacheSize = new Map()

/** @param {Mode} mode @param {ivm.ExternalCopy<ArrayBuffer>} cache */
function keepCodeCache(mode, cache) {
  codeCache.set(mode, cache)
  codeCacheSize.set(mode, cache.copy().byteLength) // once per mode, or twice when warmed
}

/** Bytes of V8's code cache this process holds for the runtime, all modes. */
export function codeCacheBytes() {
  let bytes = 0
  for (const size of codeCacheSize.values()) bytes += size
  return bytes
}

/**
 * The process's CPU time (process.cpuUsage()) as of at most MARK_MS ago, to mark where a call
 * starts. getrusage sums every thread of the process: with two of them busy it takes 8–13 µs
 * against 3 µs on an idle process, once per call (issue 14). A mark taken up to MARK_MS early
 * can only overstate the CPU a call got, by MARK_MS × cores at most, which leans a timeout
 * towards `cpu-limit`, never the other way.
 */
const MARK_MS = 5
let cpuMark = process.cpuUsage()
let cpuMarkAt = performance.now()
export function processCpuMark() {
  const now = performance.now()
  if (now - cpuMarkAt >= MARK_MS) {
    cpuMark = process.cpuUsage()
    cpuMarkAt = now
  }
  return cpuMark
}

/**
 * CPU this process used since `since` (a processCpuMark()), in ms: all its threads, so at least
 * what any one isolate of it used.
 * @param {NodeJS.CpuUsage} since
 */
export function processCpuMsSince(since) {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

/** Turns what ivm throws into the limit that was hit, if any. */
/**
 * ivm's timeouts are wall time: a call stopped while its whole process got less than a quarter of
 * the call's CPU budget was starved by the box, not greedy. That is `server-busy` (the caller may
 * simply ask again), not the reader's code's `cpu-limit`. In between, the two cannot be told apart
 * (a loop that got a small share of a core looks like honest work that did): `cpu-limit`, as before.
 * @param {unknown} err what ivm threw
 * @param {ivm.Isolate} isolate
 * @param {SandboxLimits} limits
 * @param {number | null} [processCpuMs] CPU the process used during the call, if known
 * @returns {LimitError | unknown}
 */
export function classifyIsolateError(err, isolate, limits, processCpuMs = null) {
  // Messages come from playground code: cut before any regex looks at them.
  const msg = String(err && /** @type {{ message?: unknown }} */ (err).message).slice(0, 2000)
  if (isolate.isDisposed || /memory limit/i.test(msg)) {
    return new LimitError(
      'memory-limit',
      `The session ran out of memory (limit ${limits.memoryMb} MB) and was stopped. Deploy again to restart it.`,
    )
  }
  if (/timed out/i.test(msg)) {
    if (processCpuMs !== null && processCpuMs < limits.cpuMs / 4)
      return new LimitError(
        'server-busy',
        `The live server was too busy to finish this call in time (it used ${Math.round(processCpuMs)} ms of its ${limits.cpuMs} ms CPU budget) and stopped it. Try again.`,
      )
    return new LimitError(
      'cpu-limit',
      `Server Action exceeded the CPU time limit (${limits.cpuMs} ms) and was stopped.`,
    )
  }
  return err
}

/** @typedef {{ [Name in IsolateApiName]: ivm.Reference<IsolateApi[Name]> }} IsolateRefs */

export class IsolateSession {
  /**
   * @param {{
   *   id: string,
   *   mode: Mode,
   *   limits: SandboxLimits,
   *   onLog: (session: string, entry: LogInput & { time: number, level: string }) => void,
   *   onDeath: (session: string, reason: SandboxFailure) => void,
   *   closureCrypto: Pick<HostBridge, 'encrypt' | 'decrypt'> | null,
   *   trust?: Trust,
   * }} options
   */
  constructor({ id, mode, limits, onLog, onDeath, closureCrypto, trust = { slow: false } }) {
    this.closureCrypto = closureCrypto
    this.trust = trust
    /** Calls in a row that used less than SYNC_CALL_MS of the isolate. */
    this.fastCalls = 0
    /** ivm operations of this isolate queued or running off the main thread: a sync entry waits for none. */
    this.busy = 0
    /** Ignored-result bridge calls (timer, log) that reached this host so far. */
    this.deferredSeen = 0
    /** @type {{ target: number, resolve: () => void } | null} a sync call waiting for its deferred calls */
    this.deferredWait = null
    this.id = id
    this.mode = mode
    this.limits = limits
    this.onLog = onLog
    this.onDeath = onDeath
    /** @type {Map<number, NodeJS.Timeout>} isolate timer id → the host's timer */
    this.timers = new Map()
    /** @type {Promise<unknown>} */
    this.queue = Promise.resolve()
    /** @type {{ fail: (err: unknown) => void, cpuStart: bigint, processCpu: NodeJS.CpuUsage } | null} the call in flight */
    this.current = null
    /** @type {{ reason: SandboxFailure, message: string } | null} */
    this.dead = null
    this.backgroundCpuNs = 0n // CPU used by timers that fire between calls
    this.logBytes = 0 // console bytes since the current call started
    this.logCut = false
    /** The runtime's source, set by start(): its code cache is made again once warm. */
    this.runtimeCode = ''
    /** @type {ivm.Isolate} set by start() */
    this.isolate = /** @type {any} */ (null)
    /** @type {ivm.Context} set by start() */
    this.context = /** @type {any} */ (null)
    /** @type {IsolateRefs | null} set by start() */
    this.api = null
    /** The HTML layer was loaded into this isolate (child.mjs). */
    this.ssrLoaded = false
    this.memoryCheckedAt = 0
    /** @type {NodeJS.Timeout | null} a memory check put off to the end of its interval */
    this.memoryCheckDue = null
  }

  /**
   * After a call, at most once per MEMORY_CHECK_MS per session: each check is one more hop onto the
   * isolate's thread, 7–8% of a call's CPU when a session is called back to back (issue 14). A
   * check skipped for that is made when the interval ends, so a breach is found late, never missed.
   */
  afterCall() {
    if (this.memoryCheckDue) return
    const wait = this.memoryCheckedAt + MEMORY_CHECK_MS - Date.now()
    if (wait <= 0) return this.checkMemory()
    this.memoryCheckDue = setTimeout(() => {
      this.memoryCheckDue = null
      this.checkMemory()
    }, wait)
  }

  cancelMemoryCheck() {
    if (this.memoryCheckDue) clearTimeout(this.memoryCheckDue)
    this.memoryCheckDue = null
  }

  /**
   * Heap plus what V8 counts outside it (array buffers, external strings): both are the session's.
   * Checked without blocking: the synchronous statistics wait for the isolate's lock, which a busy
   * isolate holds, and would stall every session of the process meanwhile.
   */
  checkMemory() {
    if (this.dead || this.isolate.isDisposed) return
    this.memoryCheckedAt = Date.now()
    // Nothing of the isolate running elsewhere: its lock is free and the statistics are at hand.
    /** @type {Promise<ivm.HeapStatistics>} */
    let stats
    if (this.busy)
      stats = this.tracked(() => entryGate.run(this, () => this.isolate.getHeapStatistics()))
    else {
      try {
        stats = Promise.resolve(this.isolate.getHeapStatisticsSync())
      } catch (err) {
        stats = Promise.reject(err)
      }
    }
    stats
      .then((h) => {
        // ivm already stops an allocation past the limit (array buffers included); this is the net
        // for memory that got past it. Twice the limit: garbage of a refused allocation is no breach.
        const used = h.used_heap_size + h.externally_allocated_size
        if (used <= 2 * this.limits.memoryMb * 1024 * 1024) return
        this.die(
          'memory-limit',
          `The session ran out of memory (limit ${this.limits.memoryMb} MB, array buffers included) and was stopped. Deploy again to restart it.`,
        )
      })
      .catch(() => {}) // disposed meanwhile
  }

  /** A breach ends the call and everything it scheduled. */
  clearTimers() {
    for (const h of this.timers.values()) clearTimeout(h)
    this.timers.clear()
    // The isolate forgets them too, or an interval would re-arm itself on its next tick.
    if (this.api && !this.dead) {
      // ivm's Reference#apply returns a promise here; its result is ignored.
      const clear = /** @type {IsolateRefs} */ (this.api).clearAllTimers
      this.tracked(() =>
        clear.apply(undefined, [], { timeout: isolateMs(this.limits.cpuMs) }),
      ).catch(() => {})
    }
  }

  /** @param {string} runtimeCode */
  async start(runtimeCode) {
    const { memoryMb } = this.limits
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      onCatastrophicError: (message) => this.die('crashed', String(message)),
    })
    const context = await this.isolate.createContext()
    this.context = context
    const g = context.global
    // The host bridge (contract/bridge.d.ts): what crosses is copied; arguments are the isolate's.
    // Read at each call: a spare isolate gets its session's key when a deploy adopts it.
    /** @type {HostBridge} */
    const bridge = {
      // Counted even when they fail: a sync call waits for as many as it made (enterSync).
      timer: (op, id, ms) => {
        try {
          this.timer(op, id, ms)
        } finally {
          this.noteDeferred()
        }
      },
      log: (level, text) => {
        try {
          this.log(level, text)
        } finally {
          this.noteDeferred()
        }
      },
      random: (n) => Array.from(randomFillSync(new Uint8Array(Math.min(65536, n >>> 0)))),
      encrypt: (text) => this.closureCrypto?.encrypt(String(text).slice(0, 1 << 20)) ?? null,
      decrypt: (token) => this.closureCrypto?.decrypt(String(token).slice(0, 1 << 21)) ?? null,
    }
    await g.set('__hostTimer', new ivm.Callback(bridge.timer, { ignored: true }))
    await g.set('__hostLog', new ivm.Callback(bridge.log, { ignored: true }))
    await g.set('__hostRandom', new ivm.Callback(bridge.random))
    await g.set('__hostEncrypt', new ivm.Callback(bridge.encrypt))
    await g.set('__hostDecrypt', new ivm.Callback(bridge.decrypt))
    /** @type {import('../../contract/bridge.js').ConsoleLimits} */
    const consoleLimits = {
      entryChars: this.limits.logEntryChars,
      callBytes: this.limits.logCallBytes || 0,
    }
    await g.set('__hostConsoleLimits', new ivm.ExternalCopy(consoleLimits).copyInto())
    // No WebAssembly: its memory lives outside the heap limit (the child also runs --no-expose-wasm).
    await g.delete('WebAssembly')
    this.runtimeCode = runtimeCode
    const script = await compileRuntime(this.isolate, this.mode, runtimeCode)
    await script.run(context, { timeout: 5000 })
    const live = await g.get('__live', { reference: true })
    const api = /** @type {Partial<Record<IsolateApiName, ivm.Reference<any>>>} */ ({})
    /** @type {IsolateApiName[]} */
    const names = [
      'begin',
      'settled',
      'pending',
      'define',
      'fireTimer',
      'clearAllTimers',
      'configure',
      'seed',
      'loadServerModules',
      'registerActions',
      'callAction',
      'renderRejection',
      'render',
      'renderHtml',
      'callFormAction',
      'loadSsr',
      'dumpTables',
      'restoreTables',
      'markTablesReported',
      'readNextConfig',
      'setTaint',
    ]
    for (const name of names) {
      api[name] = await live.get(name, { reference: true })
    }
    this.api = /** @type {IsolateRefs} */ (api)
  }

  /**
   * V8's code cache made at compile time holds only the functions compiled by then. Made again in
   * an isolate that has rendered a page (or answered an action), it holds that path's bytecode as
   * well, and the next isolates skip compiling it (a session's first render of the forms example:
   * 31–40 → 13–19 ms). The same source and name hit this isolate's compilation cache, so this
   * costs a serialization, once per mode and kind per process. The cache holds bytecode made from
   * the runtime's source alone: nothing of the session's code or data. It takes ~16 ms of the
   * isolate's thread: a moment after the answer, off the reader's first preview.
   * @param {'render' | 'action'} kind what this isolate has just done
   */
  warmCodeCache(kind) {
    const key = `${this.mode} ${kind}`
    if (warmedBy.has(key) || this.dead) return
    warmedBy.add(key)
    setTimeout(() => {
      if (this.dead) return warmedBy.delete(key) // the next isolate to do it tries again
      this.tracked(() =>
        this.isolate.compileScript(this.runtimeCode, {
          filename: RUNTIME_FILE,
          produceCachedData: true,
        }),
      )
        .then((/** @type {ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer> }} */ s) => {
          if (s.cachedData) keepCodeCache(this.mode, s.cachedData)
        })
        .catch(() => warmedBy.delete(key)) // disposed meanwhile
    }, WARM_DELAY_MS)
  }

  /**
   * A spare (started before any session needed it, runtime loaded, never entered since) becomes
   * a session's: its id, where its logs and death go, its closure key, its trust.
   * @param {Pick<IsolateSession, 'id' | 'onLog' | 'onDeath' | 'closureCrypto' | 'trust'>} owner
   */
  adopt({ id, onLog, onDeath, closureCrypto, trust }) {
    this.id = id
    this.onLog = onLog
    this.onDeath = onDeath
    this.closureCrypto = closureCrypto
    this.trust = trust
  }

  /**
   * Runs an ivm operation of this isolate that takes a pool thread, counted in `busy`.
   * @template T @param {() => Promise<T>} start @returns {Promise<T>}
   */
  async tracked(start) {
    this.busy++
    try {
      return await start()
    } finally {
      this.busy--
    }
  }

  noteDeferred() {
    this.deferredSeen++
    const wait = this.deferredWait
    if (wait && this.deferredSeen >= wait.target) {
      this.deferredWait = null
      wait.resolve()
    }
  }

  /** The session may enter on the main thread now (see SYNC_TRUST). */
  syncReady() {
    return !this.dead && !this.trust.slow && this.fastCalls >= SYNC_TRUST && this.busy === 0
  }

  /**
   * A call (or timer) used `ms` of the isolate: short calls earn sync entries; a long one on the
   * main thread ends them for good, on the pool it starts the count again.
   * @param {number} ms @param {'call' | 'timer'} kind @param {boolean} sync
   */
  noteEntryTime(ms, kind, sync) {
    if (ms < SYNC_CALL_MS) {
      if (kind === 'call') this.fastCalls++
      return
    }
    this.fastCalls = 0
    if (sync) this.trust.slow = true
  }

  /** @param {unknown} level @param {unknown} text */
  log(level, text) {
    if (this.logCut) return
    const max = this.limits.logEntryChars
    const s = String(text)
    const entry = s.length > max ? `${s.slice(0, max)}… [cut]` : s
    // One call's console (and the timers it left) is capped in bytes; the rest is dropped here, before
    // it crosses to the site, so a flood costs other sessions nothing.
    this.logBytes += entry.length
    const cap = this.limits.logCallBytes || Infinity
    if (this.logBytes > cap) {
      this.logCut = true
      this.onLog(this.id, {
        time: Date.now(),
        level: 'error',
        text: `⨯ Console output over ${Math.round(cap / 1024)} KB in one call; the rest was dropped.`,
      })
      return
    }
    this.onLog(this.id, { time: Date.now(), level: String(level).slice(0, 10), text: entry })
  }

  /** @param {'set' | 'clear'} op @param {number} id @param {number} ms */
  timer(op, id, ms) {
    if (this.dead) return
    const prev = this.timers.get(id)
    if (prev) clearTimeout(prev)
    this.timers.delete(id)
    if (op !== 'set') return
    const handle = setTimeout(
      () => {
        this.timers.delete(id)
        const inCall = !!this.current
        const before = this.isolate.cpuTime
        this.enter('fireTimer', [id])
          .catch((err) => this.failCurrent(err))
          .finally(() => {
            if (this.dead) return
            this.noteEntryTime(Number(this.isolate.cpuTime - before) / 1e6, 'timer', false)
            if (inCall) return
            // Timers left running after their call share one CPU budget until the next call.
            this.backgroundCpuNs += this.isolate.cpuTime - before
            if (this.backgroundCpuNs > BigInt(isolateMs(this.limits.cpuMs)) * 1_000_000n) {
              this.clearTimers()
              this.backgroundCpuNs = 0n
              this.log(
                'error',
                `⨯ Timers left running after a Server Action used more than ${this.limits.cpuMs} ms of CPU and were stopped.`,
              )
            }
          })
      },
      Math.min(ms, 2 ** 31 - 1),
    )
    this.timers.set(id, handle)
  }

  /** CPU left for the call in flight; every entry into the isolate is capped by it. */
  budget() {
    const allowed = isolateMs(this.limits.cpuMs)
    if (!this.current) return allowed
    const used = Number(this.isolate.cpuTime - this.current.cpuStart) / 1e6
    return Math.max(1, Math.floor(allowed - used))
  }

  /**
   * Calls one function of the runtime's API with copied arguments, under the call's CPU budget.
   * @template {IsolateApiName} Name
   * @param {Name} name
   * @param {Parameters<IsolateApi[Name]>} args
   * @param {{ promise?: boolean }} [options]
   * @returns {Promise<Awaited<ReturnType<IsolateApi[Name]>>>}
   */
  async enter(name, args, { promise = false } = {}) {
    if (this.dead) throw new LimitError(this.dead.reason, this.dead.message)
    const api = /** @type {IsolateRefs} */ (this.api)
    try {
      const result = await this.tracked(() =>
        entryGate.run(this, () => {
          // Checked once a pool thread is ours: the session may have died, or spent budget, meanwhile.
          if (this.dead) throw new LimitError(this.dead.reason, this.dead.message)
          return /** @type {ivm.Reference<any>} */ (api[name]).apply(undefined, args, {
            timeout: this.budget(),
            arguments: { copy: true },
            result: { copy: true, promise },
          })
        }),
      )
      // Copied out of the isolate: the shape its API promises (contract/sandbox.d.ts), unchecked.
      return /** @type {Awaited<ReturnType<IsolateApi[Name]>>} */ (result)
    } catch (err) {
      if (err instanceof LimitError) throw err // the session died while this entry waited
      throw this.entryError(err)
    }
  }

  /**
   * A call on the main thread: `begin` runs it up to its first wait, `settled` takes its answer.
   * One that waits on a timer is awaited from the pool like any other.
   * @template {CallName} Name
   * @param {Name} name
   * @param {Parameters<IsolateApi[Name]>} args
   * @returns {Promise<Awaited<ReturnType<IsolateApi[Name]>>>}
   */
  async enterSync(name, args) {
    const api = /** @type {IsolateRefs} */ (this.api)
    // ivm's argument types cannot follow a generic call name.
    const begin = /** @type {ivm.Reference<any>} */ (api.begin)
    const seen = this.deferredSeen
    /** @type {Settled | null} */
    let out
    try {
      syncEntries++
      begin.applySync(undefined, [name, args], {
        timeout: this.budget(),
        arguments: { copy: true },
      })
      out = api.settled.applySync(undefined, [], { timeout: this.budget(), result: { copy: true } })
    } catch (err) {
      throw this.entryError(err)
    }
    if (!out) return /** @type {any} */ (this.enter('pending', [], { promise: true }))
    // Its console lines (and timers) reach the host after the entry: the answer goes after them.
    const target = seen + out.deferred
    if (this.deferredSeen < target && !this.dead)
      await /** @type {Promise<void>} */ (
        new Promise((resolve) => (this.deferredWait = { target, resolve }))
      )
    if (!out.ok) throw out.value
    return /** @type {Awaited<ReturnType<IsolateApi[Name]>>} */ (out.value)
  }

  /** What ivm threw → the limit that was hit, if any; a memory breach ends the session. */
  /** @param {unknown} err */
  entryError(err) {
    const since = this.current?.processCpu
    const e = classifyIsolateError(
      err,
      this.isolate,
      this.limits,
      since ? processCpuMsSince(since) : null,
    )
    if (e instanceof LimitError && e.reason === 'memory-limit') this.die('memory-limit', e.message)
    return e
  }

  /** @param {unknown} err */
  failCurrent(err) {
    if (err instanceof LimitError) this.clearTimers()
    if (this.current) this.current.fail(err)
    else if (err instanceof LimitError) this.log('error', `⨯ ${err.message}`)
  }

  /** Modules are compiled one script each so stack traces name the playground's files. */
  /** @param {CompiledModule[]} modules */
  async define(modules) {
    const since = process.cpuUsage()
    for (const m of modules) {
      const script = await this.tracked(() =>
        this.isolate.compileScript(m.code, { filename: `file:///${m.file}` }),
      )
      try {
        await this.tracked(() =>
          script.run(this.context, { timeout: isolateMs(this.limits.cpuMs) }),
        )
      } catch (err) {
        // A module's own endless loop stays its error (with its place); a busy box is no error of it.
        const e = classifyIsolateError(err, this.isolate, this.limits, processCpuMsSince(since))
        throw e instanceof LimitError && e.reason === 'server-busy' ? e : err
      }
    }
  }

  /** Calls run one at a time, each under the CPU budget and a wall-clock deadline. */
  /**
   * @template {CallName} Name
   * @param {Name} name
   * @param {Parameters<IsolateApi[Name]>} args
   * @returns {Promise<Awaited<ReturnType<IsolateApi[Name]>>>}
   */
  call(name, args) {
    /** @returns {Promise<Awaited<ReturnType<IsolateApi[Name]>>>} */
    const run = () =>
      new Promise((resolve, reject) => {
        let settled = false
        const sync = this.syncReady()
        /** @param {(value: any) => void} fn @param {unknown} value */
        const finish = (fn, value) => {
          if (settled) return
          settled = true
          clearTimeout(deadline)
          const start = this.current?.cpuStart
          if (this.dead)
            this.trust.slow ||= sync // a memory breach on the main thread counts as long
          else if (start !== undefined)
            this.noteEntryTime(Number(this.isolate.cpuTime - start) / 1e6, 'call', sync)
          this.current = null
          this.afterCall()
          fn(value)
        }
        const deadline = setTimeout(() => {
          this.clearTimers()
          finish(
            reject,
            new LimitError(
              'wall-limit',
              `Server Action did not finish within ${this.limits.wallMs} ms and was stopped.`,
            ),
          )
        }, this.limits.wallMs)
        this.current = {
          cpuStart: this.isolate.cpuTime,
          processCpu: processCpuMark(),
          fail: (err) => finish(reject, err),
        }
        this.backgroundCpuNs = 0n
        this.logBytes = 0
        this.logCut = false
        ;(sync ? this.enterSync(name, args) : this.enter(name, args, { promise: true })).then(
          (v) => finish(resolve, v),
          (e) => {
            if (e instanceof LimitError) this.clearTimers()
            finish(reject, e)
          },
        )
      })
    const p = this.queue.then(run, run)
    this.queue = p.catch(() => {})
    return p
  }

  /** @param {SandboxFailure} reason @param {string} message */
  die(reason, message) {
    if (this.dead) return
    this.dead = { reason, message }
    this.deferredWait?.resolve()
    this.deferredWait = null
    this.clearTimers()
    this.cancelMemoryCheck()
    this.failCurrent(new LimitError(reason, message)) // logged by whoever reports the failure
    this.onDeath(this.id, reason)
    try {
      if (!this.isolate.isDisposed) this.isolate.dispose()
    } catch {}
  }

  dispose() {
    this.deferredWait?.resolve()
    this.deferredWait = null
    this.clearTimers()
    this.cancelMemoryCheck()
    this.dead = this.dead || {
      reason: 'redeployed',
      message: 'The playground was redeployed or closed while this call was waiting.',
    }
    try {
      if (!this.isolate.isDisposed) this.isolate.dispose()
    } catch {}
  }
}
