// The sandbox process: holds one isolate per session and answers the host over IPC.
// Started by host.mjs with --no-node-snapshot (isolated-vm needs it). If it dies, only the
// sessions' sandboxes die with it; the site keeps serving.
import { IsolateSession, LimitError, codeCacheBytes, syncEntryCount } from './isolate-session.mjs'
import { getRuntimeBundle } from './runtime-bundle.mjs'
import { actionId } from '../compiler/action-id.mjs'
import { createOutbox, sendToHost } from './channel.mjs'
import { createClosureCrypto } from './closure-crypto.mjs'
/** @import { Mode, SandboxFailure } from '../../contract/http.js' */
/** @import { DeployError } from '../../contract/http.js' */
/** @import { CallRefused } from '../../contract/sandbox.js' */
/** @import { Batch, IsolateError, SandboxCall, SandboxDeploy, SandboxLimits, SandboxMessage, SandboxOp, SandboxRequestOf, SandboxResults, TablesDump } from '../../contract/sandbox.js' */
/** @import { LogInput } from '../../contract/session.js' */

/** @type {import('./channel.mjs').Outbox<SandboxMessage>} */
const outbox = createOutbox(sendToHost)

/** @type {SandboxLimits} set by init */
let limits = /** @type {any} */ (null)
/** @type {Buffer} set by init */
let key = /** @type {any} */ (null)
/** @type {((session: string) => ReturnType<typeof createClosureCrypto>) | null} */
let closureCrypto = null
/** @type {Map<string, IsolateSession>} */
const sessions = new Map()
/** @type {Map<Mode, IsolateSession>} mode → IsolateSession used to render host-decided rejections */
const system = new Map()

// Server console entries are batched: one IPC message per tick, not per console.log.
/** @type {Map<string, LogInput[]>} */
const pendingLogs = new Map()
let flushScheduled = false
/** @param {string} session @param {LogInput} entry */
function queueLog(session, entry) {
  let list = pendingLogs.get(session)
  if (!list) pendingLogs.set(session, (list = []))
  list.push(entry)
  if (!flushScheduled) {
    flushScheduled = true
    setImmediate(flushLogs)
  }
}
function flushLogs() {
  flushScheduled = false
  if (!pendingLogs.size) return
  const batch = [...pendingLogs]
  pendingLogs.clear()
  outbox.push({ type: 'logs', batch })
}

/** @param {string} session @param {SandboxFailure} reason */
function onDeath(session, reason) {
  outbox.push({ type: 'died', session, reason })
}

/** @param {Mode} mode an isolate with the runtime loaded, nobody's yet */
async function startIsolate(mode) {
  const s = new IsolateSession({
    id: `spare:${mode}`,
    mode,
    limits,
    onLog: () => {},
    onDeath: () => {},
    closureCrypto: null,
  })
  const { code } = await getRuntimeBundle(mode)
  await s.start(code)
  return s
}

/**
 * One isolate per mode started ahead of the next deploy: starting one (runtime load and run) is
 * ~25 ms of a deploy's ~40, on the path of every first preview and every edit. A spare is taken
 * once, and the next one is started a moment later, after the render that follows a deploy.
 */
const SPARE_DELAY_MS = 250
/** @type {Map<Mode, { started: Promise<IsolateSession | null>, ready: boolean }>} */
const spares = new Map()
/** @type {Set<Mode>} */
const sparesDue = new Set()

/** @param {Mode} mode */
function refillSpare(mode) {
  if (spares.has(mode) || sparesDue.has(mode)) return
  sparesDue.add(mode)
  setTimeout(() => {
    sparesDue.delete(mode)
    if (spares.has(mode)) return
    /** @type {{ started: Promise<IsolateSession | null>, ready: boolean }} */
    const spare = { started: Promise.resolve(null), ready: false }
    spare.started = startIsolate(mode).then(
      (s) => {
        spare.ready = true
        return s
      },
      () => {
        // The next deploy starts its own isolate and asks for a spare again.
        if (spares.get(mode) === spare) spares.delete(mode)
        return null
      },
    )
    spares.set(mode, spare)
  }, SPARE_DELAY_MS)
}

/**
 * session → what this process learnt of its calls (isolate-session.mjs SYNC_TRUST): kept across
 * its deploys and rebuilds, so a session that ran one long call never enters on the main thread
 * again. Dropped with the session.
 * @type {Map<string, import('./isolate-session.mjs').Trust>}
 */
const trusts = new Map()
/** @param {string} id */
function trustOf(id) {
  let trust = trusts.get(id)
  if (!trust) trusts.set(id, (trust = { slow: false }))
  return trust
}

/** @param {string} id @param {Mode} mode */
async function newIsolate(id, mode) {
  const spare = spares.get(mode)
  spares.delete(mode)
  refillSpare(mode)
  // One still starting is nearer done than a new one.
  let s = spare ? await spare.started : null
  if (!s || s.dead) s = await startIsolate(mode)
  s.adopt({
    id,
    onLog: queueLog,
    onDeath,
    closureCrypto: closureCrypto && closureCrypto(id),
    trust: trustOf(id),
  })
  return s
}

/** @param {Mode} mode */
async function systemIsolate(mode) {
  let s = system.get(mode)
  if (!s || s.dead) {
    s = await newIsolate(`system:${mode}`, mode)
    s.onLog = () => {} // React's own logs of these synthetic errors are not the reader's
    system.set(mode, s)
  }
  return s
}

/** @type {Map<string, SandboxDeploy>} session → its last good deploy, to rebuild the isolate after a breach */
const deploys = new Map()

/**
 * A new isolate with the deploy's modules; `tables` (a db dump) replaces the seed when given.
 * `held`: the site holds exactly those rows (it sent them), so calls report only their changes;
 * otherwise (a seed, the old isolate's own dump) the next report carries every table.
 * @param {SandboxDeploy} msg @param {TablesDump} [tables] @param {boolean} [held]
 * @returns {Promise<SandboxResults['deploy']>}
 */
async function build(msg, tables, held = true) {
  // The previous build keeps serving until the new one has loaded.
  const s = await newIsolate(msg.session, msg.mode)
  try {
    await s.enter('configure', [{ buildId: msg.buildId, mode: msg.mode, routes: msg.routes || [] }])
    if (tables) {
      await s.enter('restoreTables', [tables])
      if (held) await s.enter('markTablesReported', [])
    } else if (msg.seed) await s.enter('seed', [msg.seed])
    await s.define(msg.modules)
    // Reader code: evaluated in the isolate, under its limits; only plain settings come out.
    let config = null
    if (msg.nextConfig) {
      try {
        config = await s.call('readNextConfig', [msg.nextConfig])
      } catch (err) {
        if (err instanceof LimitError) throw err
        s.dispose()
        const at = errorLocation(msg.nextConfig, /** @type {Partial<IsolateError>} */ (err ?? {}))
        // An error of the runtime's own check (bodySizeLimit) is the config file's.
        const ours = msg.modules.some((m) => m.file === at.file)
        return { errors: [ours ? at : { ...at, file: msg.nextConfig, line: null, column: null }] }
      }
    }
    await s.enter('setTaint', [config?.taint === true])
    // …and React's taint APIs unless it enables experimental.taint.
    const taint = (msg.taintImports || [])[0]
    if (taint && !config?.taint) {
      s.dispose()
      return {
        errors: [
          {
            file: taint.file,
            line: taint.line,
            column: null,
            message: `You're importing \`${taint.name}\` from React which requires \`experimental.taint: true\` in your Next.js config. Learn more: https://nextjs.org/docs/app/api-reference/config/next-config-js/taint`,
          },
        ],
      }
    }
    // Next's compiler refuses 'use cache' unless next.config enables cacheComponents.
    const cacheFile = (msg.cacheFiles || [])[0]
    if (cacheFile && !config?.cacheComponents) {
      s.dispose()
      return {
        errors: [
          {
            file: cacheFile,
            line: null,
            column: null,
            message:
              'To use "use cache", please enable the feature flag `cacheComponents` in your Next.js config.\n\nRead more: https://nextjs.org/docs/app/api-reference/directives/use-cache#usage',
          },
        ],
      }
    }
    const loaded = await s.enter('loadServerModules', [msg.serverFiles])
    /** @type {(DeployError & { reason?: string })[]} */
    const errors = []
    /** @type {Record<string, string>} */
    const actions = {}
    /** @type {Record<string, { file: string, name: string }>} */
    const ids = {}
    for (const file of msg.serverFiles) {
      const r = loaded[file] || { error: { message: 'Module did not load.' } }
      if (r.error) {
        errors.push(errorLocation(file, r.error))
        continue
      }
      for (const name of r.exports) {
        const id = actionId(key, file, name)
        actions[`${file}#${name}`] = id
        ids[id] = { file, name }
      }
    }
    // Inline 'use server' functions were hoisted by the compiler under generated export names.
    const inline = msg.inlineActions || {}
    const inlineFiles = Object.keys(inline)
    const inlineLoaded = inlineFiles.length
      ? await s.enter('loadServerModules', [inlineFiles, true])
      : /** @type {Awaited<ReturnType<typeof s.enter<'loadServerModules'>>>} */ ({})
    for (const file of inlineFiles) {
      const r = inlineLoaded[file]
      if (r && r.error && !errors.length) {
        errors.push(errorLocation(file, r.error))
        continue
      }
      for (const name of inline[file]) {
        const id = actionId(key, file, name)
        actions[`${file}#${name}`] = id
        ids[id] = { file, name }
      }
    }
    if (errors.length) {
      s.dispose()
      return { errors }
    }
    await s.enter('registerActions', [ids])
    sessions.get(msg.session)?.dispose()
    sessions.set(msg.session, s)
    return { actions, config }
  } catch (err) {
    s.dispose()
    if (err instanceof LimitError)
      return {
        errors: [
          { file: null, line: null, column: null, message: err.message, reason: err.reason },
        ],
      }
    const e = /** @type {Error} */ (err)
    return { errors: [errorLocation(null, { message: e.message, stack: e.stack })] }
  }
}

/**
 * Every op the site may ask for, answering its result (contract/sandbox.d.ts).
 * @type {{ [Op in SandboxOp]: (msg: SandboxRequestOf<Op> & { id: number }) => SandboxResults[Op] | Promise<SandboxResults[Op]> }}
 */
const ops = {
  init(msg) {
    limits = msg.limits
    key = Buffer.from(msg.key, 'base64')
    closureCrypto = (session) => createClosureCrypto(key, session) // one key per session
    // Warm both runtimes so the first deploy does not pay for esbuild; readers start in
    // development (as `next dev`), so that mode gets a spare isolate at once.
    return Promise.all([getRuntimeBundle('development'), getRuntimeBundle('production')]).then(
      () => {
        refillSpare('development')
        return { pid: process.pid }
      },
    )
  },

  /**
   * { session, mode, buildId, modules, serverFiles, inlineActions, routes, seed, tables? } →
   * { actions } | { errors }. `tables` (the rows the site kept) replaces the seed on a rebuild.
   */
  async deploy(msg) {
    const { tables, ...deploy } = msg
    const r = await build(deploy, tables || undefined)
    if ('actions' in r) deploys.set(msg.session, deploy)
    return r
  },

  /** { session, request } → the runtime's response, or a limit breach to render. */
  async action(msg) {
    const s = sessions.get(msg.session)
    if (!s || s.dead) {
      const dead = s?.dead
      return { unavailable: dead ? dead.reason : 'no-sandbox', message: dead?.message }
    }
    try {
      // A JSON string crosses into the isolate faster than a structured copy of the same object;
      // multipart bodies carry bytes and go as they are.
      const request = 'text' in msg.request.body ? JSON.stringify(msg.request) : msg.request
      const result = await s.call('callAction', [request])
      s.warmCodeCache('action')
      return result
    } catch (err) {
      if (err instanceof LimitError) {
        s.log('error', `⨯ ${err.message}`)
        // A page rendered again into the answer may have been stopped inside React's work loop.
        if (!s.dead) await rebuild(msg.session, s)
        return { limit: err.reason, message: err.message }
      }
      throw err
    }
  },

  /** { session, request: { path, headers, cookies } } → { status, reason, redirect, flight } */
  render(msg) {
    return pageCall(msg, (s, req) => s.call('render', [JSON.stringify(req)]))
  },

  /** → { status, reason, redirect, html } */
  html(msg) {
    return pageCall(msg, async (s, req) => {
      await ensureSsr(s)
      return s.call('renderHtml', [JSON.stringify(req)])
    })
  },

  /** { session, request: { path, body: { form }, headers, cookies } } → 303 or the page again */
  formAction(msg) {
    return pageCall(msg, async (s, req) => {
      await ensureSsr(s)
      return s.call('callFormAction', [req])
    })
  },

  /** { mode, buildId, message, reason, status } → a Flight body with the error row. */
  async reject(msg) {
    const s = await systemIsolate(msg.mode)
    await s.enter('configure', [{ buildId: msg.buildId, mode: msg.mode }])
    const r = await s.call('renderRejection', [{ message: msg.message, reason: msg.reason }])
    return { ...r, status: msg.status || r.status }
  },

  dispose(msg) {
    sessions.get(msg.session)?.dispose()
    sessions.delete(msg.session)
    deploys.delete(msg.session)
    trusts.delete(msg.session)
    return {}
  },

  stats() {
    const spareCount = [...spares.values()].filter((spare) => spare.ready).length
    return {
      sessions: sessions.size,
      memory: process.memoryUsage().rss,
      spares: spareCount,
      codeCacheBytes: codeCacheBytes(),
      syncEntries: syncEntryCount(),
    }
  },

  /** Test hook: lets the crash-recovery test kill this process from the inside. */
  crash() {
    setImmediate(() => process.kill(process.pid, 'SIGKILL'))
    return {}
  },
}

/** Runs one page request with the same limits, console and failure handling as an action. */
/**
 * @template Req, Answer
 * @param {{ session: string, request: Req }} msg
 * @param {(s: IsolateSession, request: Req) => Promise<Answer>} fn
 * @returns {Promise<Answer | CallRefused>}
 */
async function pageCall(msg, fn) {
  const s = sessions.get(msg.session)
  if (!s || s.dead) {
    const dead = s?.dead
    return { unavailable: dead ? dead.reason : 'no-sandbox', message: dead?.message }
  }
  try {
    const result = await fn(s, msg.request)
    s.warmCodeCache('render')
    return result
  } catch (err) {
    if (err instanceof LimitError) {
      const message = err.message.replace('Server Action', 'Rendering the page')
      s.log('error', `⨯ ${message}`)
      if (!s.dead) await rebuild(msg.session, s)
      return { limit: err.reason, message }
    }
    throw err
  }
}

/**
 * A render stopped in the middle of React's work loop leaves React's module state half-set (no
 * `finally` runs after a termination), so the session continues in a fresh isolate with the same
 * build and the same database.
 */
/** @param {string} session @param {IsolateSession} old */
async function rebuild(session, old) {
  const msg = deploys.get(session)
  if (!msg || sessions.get(session) !== old) return
  let tables = null
  try {
    tables = await old.enter('dumpTables', [])
  } catch {}
  // The old isolate's rows may hold writes the site never got: the next report sends them all.
  const r = await build(msg, tables || undefined, false).catch(() => null)
  if (!r || !('actions' in r))
    old.log('error', '⨯ The playground could not be restarted after the breach. Deploy again.')
}

/** The HTML layer is compiled into a session's isolate the first time it asks for HTML. */
/** @type {Map<Mode, import('isolated-vm').ExternalCopy<ArrayBuffer>>} mode → V8's code cache */
const ssrCodeCache = new Map()
/** @param {IsolateSession} s */
async function ensureSsr(s) {
  if (s.ssrLoaded) return
  const { code } = await getRuntimeBundle(s.mode, 'ssr')
  const cachedData = ssrCodeCache.get(s.mode)
  /** @type {import('isolated-vm').Script & { cachedData?: import('isolated-vm').ExternalCopy<ArrayBuffer> }} */
  const script = await s.tracked(() =>
    s.isolate.compileScript(code, {
      filename: 'file:///live-runtime-ssr.js',
      ...(cachedData ? { cachedData } : { produceCachedData: true }),
    }),
  )
  if (!cachedData && script.cachedData) ssrCodeCache.set(s.mode, script.cachedData)
  await s.tracked(() => script.run(s.context, { timeout: 10_000 }))
  await s.enter('loadSsr', [])
  s.ssrLoaded = true
}

/** Finds "file:///app/x.ts:3:7" in a stack (or an ivm syntax error) to point at the line. */
/**
 * @param {string | null} file @param {Partial<IsolateError>} error
 * @returns {DeployError}
 */
function errorLocation(file, error) {
  // Both come from playground code: cut before any processing, then only linear-time scans.
  const message = String(error.message ?? '').slice(0, MESSAGE_CHARS)
  const stack = String(error.stack ?? '').slice(0, STACK_CHARS)
  const m = /file:\/\/\/([^\s:()\]]+):(\d+):(\d+)/.exec(`${stack}\n${message}`)
  return {
    file: m ? m[1] : file,
    line: m ? Number(m[2]) : null,
    column: m ? Number(m[3]) : null,
    message: stripLocation(message),
  }
}

const MESSAGE_CHARS = 2000
const STACK_CHARS = 8000

/** Drops ivm's trailing " [file:///x.ts:1:2]" (no regex: a `\s*` before it is quadratic on spaces). */
/** @param {string} message */
function stripLocation(message) {
  if (!message.endsWith(']')) return message
  const at = message.lastIndexOf('[file:///')
  if (at < 0 || message.indexOf(']', at) !== message.length - 1) return message
  return message.slice(0, at).trimEnd()
}

process.on('message', (/** @type {Batch<SandboxCall>} */ { batch }) => {
  for (const msg of batch) void handle(msg) // answers every error itself
})

/** @param {SandboxCall} msg */
async function handle(msg) {
  if (!msg || typeof msg.id !== 'number') return
  const op = /** @type {((msg: SandboxCall) => Promise<SandboxResults[SandboxOp]>) | undefined} */ (
    ops[msg.op]
  )
  try {
    if (!op) throw new Error(`Unknown op ${msg.op}`)
    const result = await op(msg)
    flushLogs() // logs first: the reader sees the console before the response
    outbox.push({ id: msg.id, ok: true, result })
  } catch (caught) {
    flushLogs()
    const err = /** @type {{ message?: unknown, stack?: unknown } | null | undefined} */ (caught)
    outbox.push({
      id: msg.id,
      ok: false,
      error: { message: String(err?.message ?? err), stack: String(err?.stack ?? '') },
    })
  }
}

process.on('disconnect', () => process.exit(0))
process.on('SIGTERM', () => process.exit(0))
// Also when the parent was SIGKILLed and the IPC 'disconnect' never reached us: re-parented.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent || !process.connected) process.exit(0)
}, 1000).unref()
