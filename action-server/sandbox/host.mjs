// The site's side of the sandbox: forks the child on demand, sends it requests, and makes sure a
// dead or stuck child fails the calls it held instead of hanging or taking the site down.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createOutbox } from './channel.mjs'

const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url))

export class SandboxError extends Error {
  constructor(reason, message) {
    super(message)
    this.reason = reason
  }
}

export function createSandboxHost({
  config,
  onLogs = () => {},
  onSessionDied = () => {},
  onRestart = () => {},
}) {
  let child = null
  let ready = null
  let generation = 0
  let nextId = 1
  const pending = new Map() // id → { resolve, reject, timer }

  function start() {
    generation++
    const proc = fork(CHILD, [], {
      execArgv: ['--no-node-snapshot'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { NODE_ENV: process.env.NODE_ENV || 'production', PATH: process.env.PATH }, // no secrets
    })
    child = proc
    proc.outbox = createOutbox((batch) => {
      try {
        proc.send(batch)
      } catch {} // the 'exit' handler fails what was pending
    })
    proc.on('message', ({ batch }) => {
      for (const msg of batch) receive(msg)
    })
    proc.on('exit', (code, signal) => {
      if (child === proc) {
        child = null
        ready = null
      }
      const err = new SandboxError(
        'sandbox-crashed',
        `The sandbox process stopped (${signal || `exit code ${code}`}). Deploy again to restart this playground.`,
      )
      for (const [id, p] of pending) {
        if (p.proc !== proc) continue
        pending.delete(id)
        clearTimeout(p.timer)
        p.reject(err)
      }
      onRestart(generation)
    })
    proc.on('error', () => {}) // 'exit' follows and does the cleanup
    const gen = generation
    ready = send(
      proc,
      {
        op: 'init',
        limits: pickLimits(config),
        key: Buffer.from(config.encryptionKey).toString('base64'),
      },
      60_000,
    ).then(() => gen)
    ready.catch(() => {})
    return ready
  }

  function receive(msg) {
    if (msg.type === 'logs') return onLogs(msg.batch)
    if (msg.type === 'died') return onSessionDied(msg.session, msg.reason)
    const p = pending.get(msg.id)
    if (!p) return
    pending.delete(msg.id)
    clearTimeout(p.timer)
    if (msg.ok) p.resolve(msg.result)
    else p.reject(new Error(msg.error.message))
  }

  function send(proc, msg, timeoutMs) {
    const id = nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(
          new SandboxError(
            'sandbox-timeout',
            'The sandbox did not answer in time and was restarted.',
          ),
        )
        // A child that misses its own deadline is stuck: replace it.
        if (child === proc) proc.kill('SIGKILL')
      }, timeoutMs)
      pending.set(id, { resolve, reject, timer, proc })
      proc.outbox.push({ ...msg, id })
    })
  }

  async function request(msg, timeoutMs) {
    if (!child) void start() // its failure reaches us through `ready`
    const gen = await ready
    if (!child)
      throw new SandboxError(
        'sandbox-crashed',
        'The sandbox process stopped. Deploy again to restart this playground.',
      )
    const result = await send(child, msg, timeoutMs)
    return { gen, result }
  }

  // The child enforces the wall limit itself; ours is the backstop for a child that hangs.
  const callTimeout = () => config.wallMs + 5_000

  return {
    get generation() {
      return generation
    },
    /** → { generation, actions } | { errors } */
    async deploy(payload) {
      const { gen, result } = await request(
        { op: 'deploy', ...payload },
        Math.max(30_000, config.cpuMs * 20),
      )
      return { ...result, generation: gen }
    },
    async action(session, call) {
      return (await request({ op: 'action', session, request: call }, callTimeout())).result
    },
    /** op: 'render' | 'html' | 'formAction'; call: { path, headers, cookies, body? } */
    async page(op, session, call) {
      return (await request({ op, session, request: call }, callTimeout())).result
    },
    async reject(payload) {
      return (await request({ op: 'reject', ...payload }, callTimeout())).result
    },
    async dispose(session) {
      if (!child) return
      await send(child, { op: 'dispose', session }, 10_000).catch(() => {})
    },
    async stats() {
      return (await request({ op: 'stats' }, 10_000)).result
    },
    async crashForTests() {
      if (!child) return
      await send(child, { op: 'crash' }, 10_000).catch(() => {})
    },
    async close() {
      const proc = child
      child = null
      ready = null
      if (!proc) return
      await new Promise((resolve) => {
        proc.once('exit', resolve)
        proc.kill('SIGTERM')
        setTimeout(() => proc.kill('SIGKILL'), 2000).unref()
      })
    },
  }
}

function pickLimits(config) {
  const { cpuMs, wallMs, memoryMb, logEntryChars } = config
  return { cpuMs, wallMs, memoryMb, logEntryChars }
}
