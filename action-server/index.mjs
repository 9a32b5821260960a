// The live action server: runs playground Server Actions in per-session sandboxes with Next.js 16
// semantics. Runs without Next; pages/api/live/[...path].ts only forwards requests here.
import { loadConfig } from './config.mjs'
import { openSessionStore } from './sessions/session-store.mjs'
import { createSandboxHost } from './sandbox/host.mjs'
import { createRouter } from './http/router.mjs'
import { sendError } from './http/reply.mjs'
/** @import { IncomingMessage, ServerResponse } from 'node:http' */
/** @import { SessionStore } from '../contract/session.js' */
/** @import { Config, Messages } from './types.js' */

/**
 * options: { env?: object (defaults to process.env), messages?: object, ...config overrides }
 * → { handle(req, res), close(), config, sessions, host }
 * @param {{ env?: Record<string, string | undefined>, messages?: Messages } & Partial<Record<keyof Config, unknown>>} [options]
 */
export function createActionServer(options = {}) {
  // messages: { en: { externalRedirect: '… {url} …' }, fr: …, de: … }, the site's UI strings.
  const { env = process.env, messages = {}, ...overrides } = options
  const config = loadConfig(env, overrides)

  /** @type {SessionStore<ServerResponse>} */
  let sessions
  const host = createSandboxHost({
    config,
    onLogs(batch) {
      for (const [id, entries] of batch) {
        const s = sessions.peek(id)
        if (s) for (const e of entries) s.logs.push(e)
      }
    },
  })
  // In memory by default; in Redis, shared by every instance, when REDIS_URL is set.
  const store = openSessionStore(config, { host })
  sessions = store.sessions
  const sessionLimiter = store.sessionLimiter
  const route = createRouter({ config, sessions, host, sessionLimiter, messages })

  /** @param {IncomingMessage} req @param {ServerResponse} res */
  async function handle(req, res) {
    try {
      await route(req, res)
    } catch (err) {
      // A bug of ours must not take the site down: answer 500 and keep serving.
      console.error('[action-server]', err)
      if (!res.headersSent)
        sendError(res, 500, 'server-error', 'The playground server failed to answer.')
      else res.destroy()
    }
  }

  return {
    handle,
    config,
    sessions,
    host,
    async close() {
      await sessions.close()
      await host.close()
    },
  }
}
