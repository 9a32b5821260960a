// The site's side of the sandbox: a pool of sandbox processes, sessions spread over them.
// Sessions are data held here (their deploy, their database rows); an isolate in a child is only a
// cache of that data. A child that crashes, outgrows its RSS budget or stops answering is replaced,
// and its sessions are rebuilt from this data on their next call. A late or runaway call ends that
// call (and, if it stays stuck, that session), never a process the other sessions share.
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createOutbox } from './channel.mjs'
import { applyTablesReport } from './kept-tables.mjs'
/** @import { ChildProcess } from 'node:child_process' */
/** @import { ActionCall, Batch, FormCall, PageCall, SandboxCall, SandboxDeploy, SandboxMessage, SandboxOp, SandboxRequest, SandboxResults, TablesDump } from '../../contract/sandbox.js' */
/** @import { LogInput } from '../../contract/session.js' */
/** @import { SandboxFailure } from '../../contract/http.js' */
/** @import { Config } from '../types.js' */

/**
 * @typedef {object} Slot One place in the pool: the process in it now, and its history.
 * @property {number} index
 * @property {SandboxProc | null} proc
 * @property {Promise<number> | null} ready resolves to the generation once the child answered init
 * @property {number} generation
 * @property {number} restarts
 * @property {number} peakRss
 * @property {number} lastRss
 * @property {number | null | undefined} pid
 * @property {number} sessions
 */
/**
 * @typedef {ChildProcess & {
 *   slot: Slot,
 *   outbox: import('./channel.mjs').Outbox<SandboxCall>,
 *   replacedFor?: string,
 * }} SandboxProc
 */
/**
 * @typedef {{ op: 'action', request: ActionCall }
 *   | { op: 'render' | 'html', request: PageCall }
 *   | { op: 'formAction', request: FormCall }} SessionCall One call of a session, queued.
 */
/**
 * @typedef {object} SessionState A session as the site holds it: the data its isolate is rebuilt from.
 * @property {Slot} slot
 * @property {SandboxDeploy | null} deploy
 * @property {TablesDump | null} tables
 * @property {SandboxProc | null} loadedOn
 * @property {{ msg: SessionCall, resolve: (value: any) => void, reject: (err: unknown) => void }[]} queue
 * @property {boolean} running
 */

const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url))
const KILL_GRACE_MS = 1000 // SIGTERM, then SIGKILL
const HEALTH_MS = 1000 // RSS check of every child
const CALL_SLACK_MS = 10_000 // past the wall limit the child enforces itself
const STUCK_MS = 10_000 // a child that does not answer a dispose in this time is replaced
const PAGE = 4096

export class SandboxError extends Error {
  /** @param {SandboxFailure} reason @param {string} message @param {number} [status] */
  constructor(reason, message, status = 500) {
    super(message)
    this.reason = reason
    this.status = status
  }
}

/** RSS of a process from /proc (Linux; works even when the child's main thread is busy). */
/** @param {number | undefined} pid */
function rssOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE
  } catch {
    return 0
  }
}

/**
 * @param {{
 *   config: Config,
 *   onLogs?: (batch: [string, LogInput[]][]) => void,
 *   onSessionDied?: (session: string, reason: SandboxFailure) => void,
 *   onRestart?: (generation: number) => void,
 * }} options
 */
export function createSandboxHost({
  config,
  onLogs = () => {},
  onSessionDied = () => {},
  onRestart = () => {},
}) {
  let nextId = 1
  let closed = false
  let warmed = false
  /** @type {Map<number, { resolve: (value: any) => void, reject: (err: unknown) => void, timer: NodeJS.Timeout, proc: SandboxProc }>} */
  const pending = new Map()
  /** @type {Slot[]} */
  const slots = Array.from({ length: config.sandboxProcesses }, (_, index) => ({
    index,
    proc: null,
    ready: null,
    generation: 0,
    restarts: 0,
    peakRss: 0,
    lastRss: 0,
    pid: null,
    sessions: 0,
  }))
  /** @type {Map<string, SessionState>} */
  const states = new Map()

  /** @param {Slot} slot */
  function start(slot) {
    slot.generation++
    const child = fork(CHILD, [], {
      // --jitless: readers' code runs here, and no machine code generated at run time means no JIT
      // bugs to exploit. It is also faster: every session's isolate would JIT the same runtime on
      // its own, and each gets too few calls to repay it (bench/reports/server.md, issue 14).
      execArgv: ['--no-node-snapshot', '--no-expose-wasm', '--jitless'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { NODE_ENV: process.env.NODE_ENV || 'production', PATH: process.env.PATH }, // no secrets
    })
    /** @type {SandboxProc} */
    const proc = Object.assign(child, {
      slot,
      outbox: createOutbox((/** @type {Batch<SandboxCall>} */ batch) => {
        try {
          child.send(batch)
        } catch {} // the 'exit' handler fails what was pending
      }),
    })
    slot.proc = proc
    slot.pid = proc.pid
    proc.on('message', (/** @type {Batch<SandboxMessage>} */ { batch }) => {
      for (const msg of batch) receive(proc, msg)
    })
    proc.on('exit', (code, signal) => {
      if (slot.proc === proc) {
        slot.proc = null
        slot.ready = null
      }
      if (!closed) slot.restarts++
      const err = new SandboxError(
        proc.replacedFor ? 'sandbox-restarted' : 'sandbox-crashed',
        proc.replacedFor
          ? `The sandbox process was replaced (${proc.replacedFor}) while this call ran; call again.`
          : `The sandbox process stopped (${signal || `exit code ${code}`}); call again.`,
      )
      for (const [id, p] of pending) {
        if (p.proc !== proc) continue
        pending.delete(id)
        clearTimeout(p.timer)
        p.reject(err)
      }
      onRestart(slot.generation)
    })
    proc.on('error', () => {}) // 'exit' follows and does the cleanup
    const gen = slot.generation
    slot.ready = send(
      proc,
      {
        op: 'init',
        limits: pickLimits(config),
        key: Buffer.from(config.encryptionKey).toString('base64'),
      },
      60_000,
    ).then(() => gen)
    slot.ready.catch(() => {})
    return slot.ready
  }

  /** Replaces a child: its in-flight calls fail, its sessions are rebuilt on their next call. */
  /** @param {SandboxProc} proc @param {string} why */
  function replace(proc, why) {
    if (proc.replacedFor) return
    proc.replacedFor = why
    if (proc.slot.proc === proc) {
      proc.slot.proc = null
      proc.slot.ready = null
    }
    proc.kill('SIGTERM')
    setTimeout(() => proc.kill('SIGKILL'), KILL_GRACE_MS).unref()
  }

  const health = setInterval(() => {
    for (const slot of slots) {
      const proc = slot.proc
      if (!proc) continue
      const rss = rssOf(proc.pid)
      slot.lastRss = rss
      if (rss > slot.peakRss) slot.peakRss = rss
      if (rss > config.sandboxRssBytes)
        replace(proc, `RSS ${Math.round(rss / 2 ** 20)} MB over its budget`)
    }
  }, HEALTH_MS)
  health.unref()

  /** @param {SandboxProc} proc @param {SandboxMessage} msg */
  function receive(proc, msg) {
    if ('type' in msg && msg.type === 'logs') return onLogs(msg.batch)
    if ('type' in msg) {
      const st = states.get(msg.session)
      if (st && st.loadedOn === proc && msg.reason !== 'memory-limit') st.loadedOn = null
      // An isolate V8 could not stop leaves a thread behind: only a new process is clean.
      if (msg.reason === 'crashed') replace(proc, 'an isolate failed to terminate')
      return onSessionDied(msg.session, msg.reason)
    }
    const p = pending.get(msg.id)
    if (!p) return
    pending.delete(msg.id)
    clearTimeout(p.timer)
    if (msg.ok) p.resolve(msg.result)
    else p.reject(new Error(String(msg.error.message).slice(0, 2000)))
  }

  /**
   * One request to a child; its answer (or a SandboxError when it does not come in time).
   * @template {SandboxOp} Op
   * @param {SandboxProc} proc
   * @param {SandboxRequest & { op: Op }} msg
   * @param {number} timeoutMs
   * @param {() => void} [onTimeout]
   * @returns {Promise<SandboxResults[Op]>}
   */
  function send(proc, msg, timeoutMs, onTimeout) {
    const id = nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(
          new SandboxError(
            'sandbox-timeout',
            'The sandbox did not answer in time; this call was stopped.',
          ),
        )
        if (onTimeout) onTimeout()
        else replace(proc, 'it stopped answering')
      }, timeoutMs)
      pending.set(id, { resolve, reject, timer, proc })
      proc.outbox.push({ ...msg, id })
    })
  }

  /** @param {Slot} slot @returns {Promise<SandboxProc>} */
  async function liveProc(slot) {
    if (closed) throw new SandboxError('sandbox-restarted', 'The live server is shutting down.')
    if (!warmed) {
      // The whole pool starts with the first request, so no reader waits for a fork later.
      warmed = true
      for (const other of slots) if (!other.proc) void start(other)
    }
    if (!slot.proc) void start(slot) // its failure reaches us through `ready`
    await slot.ready
    if (!slot.proc)
      throw new SandboxError('sandbox-crashed', 'The sandbox process stopped; call again.')
    return slot.proc
  }

  /** @param {string} session @returns {SessionState} */
  function stateOf(session) {
    let st = states.get(session)
    if (!st) {
      // The least loaded process takes the new session.
      const slot = slots.reduce((a, b) => (b.sessions < a.sessions ? b : a))
      slot.sessions++
      st = { slot, deploy: null, tables: null, loadedOn: null, queue: [], running: false }
      states.set(session, st)
    }
    return st
  }

  /** Loads the session into its child when the child is new (crash, replacement): same build, same rows. */
  /** @param {string} session @param {SessionState} st @param {SandboxProc} proc */
  async function ensureLoaded(session, st, proc) {
    if (!st.deploy || st.loadedOn === proc) return
    const result = await send(
      proc,
      { op: 'deploy', ...st.deploy, tables: st.tables },
      deployTimeout(),
    )
    if ('errors' in result) throw new SandboxError('sandbox-restarted', result.errors[0].message)
    st.loadedOn = proc
  }

  /** One call of a session: waits its turn in the session's queue; its deadline starts when it runs. */
  /**
   * @template {SessionCall} Call
   * @param {string} session @param {Call} msg
   * @returns {Promise<SandboxResults[Call['op']]>}
   */
  function enqueue(session, msg) {
    const st = stateOf(session)
    if (st.queue.length >= config.sessionQueue)
      return Promise.reject(
        new SandboxError(
          'queue-full',
          `This playground already has ${st.queue.length} calls waiting; wait for them to finish.`,
          429,
        ),
      )
    return new Promise((resolve, reject) => {
      st.queue.push({ msg, resolve, reject })
      pump(session, st)
    })
  }

  /** @param {string} session @param {SessionState} st */
  function pump(session, st) {
    const job = st.running ? undefined : st.queue.shift()
    if (!job) return
    st.running = true
    void runJob(session, st, job.msg)
      .then(job.resolve, job.reject)
      .finally(() => {
        st.running = false
        pump(session, st)
      })
  }

  /** @param {string} session @param {SessionState} st @param {SessionCall} msg */
  async function runJob(session, st, msg) {
    const proc = await liveProc(st.slot)
    await ensureLoaded(session, st, proc)
    // The child enforces the wall limit itself; this is the backstop for a session that hangs:
    // the session's isolate is dropped (rebuilt on its next call), the process keeps serving.
    const result = await send(proc, { ...msg, session }, config.wallMs + CALL_SLACK_MS, () => {
      if (st.loadedOn === proc) st.loadedOn = null
      // Only a process that cannot even drop an isolate is replaced (a busy box is slow, not stuck).
      void send(proc, { op: 'dispose', session }, STUCK_MS).catch(() => {})
    })
    if (result && 'tables' in result && result.tables !== undefined) {
      st.tables = applyTablesReport(st.tables, result.tables) // the rows as the call left them
      delete result.tables
    }
    return result
  }

  const deployTimeout = () => Math.max(30_000, config.cpuMs * 20)

  return {
    get generation() {
      return slots[0].generation
    },
    /**
     * → { actions } | { errors }. Like `next dev`, the rows outlive a code edit: the new build
     * starts from the rows the site holds (bounded by the runtime's report cap), or from its seed
     * when there are none or `resetData` asks for a fresh database.
     * @param {SandboxDeploy} payload
     * @param {{ resetData?: boolean }} [options]
     */
    async deploy(payload, { resetData = false } = {}) {
      const st = stateOf(payload.session)
      const proc = await liveProc(st.slot)
      const tables = resetData ? null : st.tables
      const result = await send(proc, { op: 'deploy', ...payload, tables }, deployTimeout())
      if ('actions' in result) {
        st.deploy = payload
        st.tables = tables
        st.loadedOn = proc
      }
      return { ...result, generation: st.slot.generation }
    },
    /** @param {string} session @param {ActionCall} call */
    action(session, call) {
      return enqueue(session, { op: /** @type {const} */ ('action'), request: call })
    },
    /**
     * @template {'render' | 'html' | 'formAction'} Op
     * @param {Op} op @param {string} session
     * @param {Op extends 'formAction' ? FormCall : PageCall} call
     * @returns {Promise<SandboxResults[Op]>}
     */
    page(op, session, call) {
      return enqueue(session, /** @type {SessionCall & { op: Op }} */ ({ op, request: call }))
    },
    /** @param {Omit<SandboxRequest & { op: 'reject' }, 'op'>} payload */
    async reject(payload) {
      const proc = await liveProc(slots[0])
      return send(proc, { op: 'reject', ...payload }, config.wallMs + CALL_SLACK_MS)
    },
    /** The data a session is rebuilt from (a shared store keeps it): { deploy, tables }. */
    /** @param {string} session */
    snapshot(session) {
      const st = states.get(session)
      return st ? { deploy: st.deploy, tables: st.tables } : { deploy: null, tables: null }
    },
    /** Takes a session's data from a shared store; its isolate is rebuilt from it on the next call. */
    /** @param {string} session @param {{ deploy: SandboxDeploy | null, tables: TablesDump | null }} data */
    adopt(session, { deploy, tables }) {
      const st = stateOf(session)
      st.deploy = deploy
      st.tables = tables
      if (st.loadedOn && st.slot.proc)
        void send(st.slot.proc, { op: 'dispose', session }, 10_000).catch(() => {})
      st.loadedOn = null
    },
    /** @param {string} session */
    async dispose(session) {
      const st = states.get(session)
      if (!st) return
      states.delete(session)
      st.slot.sessions--
      for (const job of st.queue.splice(0))
        job.reject(new SandboxError('redeployed', 'The playground was closed.'))
      const proc = st.slot.proc
      if (proc) await send(proc, { op: 'dispose', session }, 10_000).catch(() => {})
    },
    /** Per process: pid, RSS now and at its peak, sessions, restarts. */
    processes() {
      return slots.map((s) => ({
        index: s.index,
        pid: s.pid,
        rss: s.lastRss,
        peakRss: s.peakRss,
        sessions: s.sessions,
        restarts: s.restarts,
      }))
    },
    async stats() {
      const out = []
      for (const slot of slots) {
        if (!slot.proc) continue
        out.push(await send(await liveProc(slot), { op: 'stats' }, 10_000))
      }
      return {
        sessions: out.reduce((n, s) => n + s.sessions, 0),
        memory: out.reduce((n, s) => n + s.memory, 0),
        spares: out.reduce((n, s) => n + s.spares, 0),
        codeCacheBytes: out.reduce((n, s) => n + s.codeCacheBytes, 0),
        syncEntries: out.reduce((n, s) => n + s.syncEntries, 0),
      }
    },
    /** Test hook: the child holding `session` (or the first) kills itself. */
    /** @param {string} [session] */
    async crashForTests(session) {
      const slot = (session && states.get(session)?.slot) || slots[0]
      if (!slot.proc) return
      await send(slot.proc, { op: 'crash' }, 10_000).catch(() => {})
    },
    async close() {
      closed = true
      clearInterval(health)
      await Promise.all(
        slots.map(async (slot) => {
          const proc = slot.proc
          slot.proc = null
          slot.ready = null
          if (!proc || proc.exitCode !== null || proc.signalCode) return
          await new Promise((resolve) => {
            proc.once('exit', resolve)
            proc.kill('SIGTERM')
            setTimeout(() => proc.kill('SIGKILL'), KILL_GRACE_MS * 2).unref()
          })
        }),
      )
    },
  }
}

/** @param {Config} config @returns {import('../../contract/sandbox.js').SandboxLimits} */
function pickLimits(config) {
  const { cpuMs, wallMs, memoryMb, logEntryChars, logCallBytes } = config
  return { cpuMs, wallMs, memoryMb, logEntryChars, logCallBytes }
}
