// Routes /api/live/* to the session endpoints and the action pipeline.
import { sendError, sendJson } from './reply.mjs'
import { SessionRefusal } from '../sessions/refusal.mjs'
import { handleAction } from './action-pipeline.mjs'
import { createSession, deployFiles, readLogs, setAuth, endSession } from './session-routes.mjs'
import { renderPage, htmlPage, postForm } from './page-routes.mjs'
import {
  applyDeclaredOrigin,
  checkSessionOrigin,
  COMPOSE_ORIGIN,
  declaredOrigin,
  docsHostOf,
} from './origin.mjs'
import { readEvents, recordRequest } from './events.mjs'
/** @import { IncomingMessage, ServerResponse } from 'node:http' */
/** @import { HealthResponse } from '../../contract/http.js' */
/** @import { LiveRequest, RouteContext, RouteDeps, SessionContext } from '../types.js' */

/** @typedef {(ctx: SessionContext) => void | Promise<void>} SessionHandler */

/** @type {Record<string, Record<string, SessionHandler | undefined> | undefined>} path segment after the session id → { method: handler } */
const SESSION_ROUTES = {
  '': { DELETE: endSession },
  files: { PUT: deployFiles },
  logs: { GET: readLogs },
  events: { GET: readEvents },
  auth: { POST: setAuth },
  render: { GET: renderPage },
  html: { GET: htmlPage, POST: postForm },
}

/** @param {ServerResponse} res @param {string | undefined} method @param {string[]} allowed */
function methodNotAllowed(res, method, allowed) {
  sendError(res, 405, 'method-not-allowed', `Method ${method} is not allowed here.`, {
    allow: allowed.join(', '),
  })
}

/** @param {RouteDeps} deps */
export function createRouter(deps) {
  const { config, sessions } = deps
  const prefix = `${config.basePath}/`

  /** @param {LiveRequest} req @param {ServerResponse} res @returns {Promise<void>} */
  const route = async function route(req, res) {
    const path = (req.url || '/').split('?')[0]
    if (!path.startsWith(prefix)) return sendError(res, 404, 'not-found', 'Not found.')
    const parts = path.slice(prefix.length).split('/')
    /** @type {RouteContext} */
    const ctx = { ...deps, req, res }

    // Several instances (REDIS_URL): which one answered, for operators and the failover test.
    if (sessions.kind === 'redis') res.setHeader('x-live-instance', config.instanceName)
    if (parts[0] === 'health' && parts.length === 1) {
      if (req.method !== 'GET') return methodNotAllowed(res, req.method, ['GET'])
      /** @type {HealthResponse} */
      const health = await sessions.health()
      return sendJson(res, health.ok ? 200 : 503, health)
    }
    if (parts[0] === 'sessions' && parts.length === 1) {
      if (req.method !== 'POST') return methodNotAllowed(res, req.method, ['POST'])
      return createSession(ctx)
    }
    if (parts.length > 2) return sendError(res, 404, 'not-found', 'Not found.')
    const [sessionId, sub = ''] = parts
    const isActionPath = sub === 'action'
    const routes = SESSION_ROUTES[sub]
    if (!isActionPath && !routes) return sendError(res, 404, 'not-found', 'Not found.')
    const handle = routes?.[String(req.method)]
    if (!isActionPath && !handle)
      return methodNotAllowed(res, req.method, Object.keys(routes || {}))
    // The action path answers 405 before anything else, as Next does for non-POST methods.
    // (405 comes before anything that needs the session.)
    if (isActionPath && req.method !== 'POST')
      return handleAction(/** @type {SessionContext} */ (ctx))

    // A session answers only its own origin: another preview's origin does not see it at all (nor
    // keep it alive). Actions and no-JS form posts keep Next's own CSRF answer (their pipelines
    // check Origin). The docs page that embeds the preview may read (with CORS) what the server
    // recorded.
    const isRead = sub === 'logs' || sub === 'events'
    const candidate = await sessions.open(sessionId, { touch: false })
    // The request composer's declared Origin, on a call (action or no-JS form post) only.
    if (candidate && req.headers[COMPOSE_ORIGIN] !== undefined) {
      const isCall = isActionPath || (sub === 'html' && req.method === 'POST')
      const declared = isCall ? declaredOrigin(req.headers, candidate.host) : null
      if (declared === null)
        return sendError(
          res,
          400,
          'bad-request',
          `${COMPOSE_ORIGIN} is honoured only on an action or form post from the session's own origin.`,
        )
      applyDeclaredOrigin(req, declared)
    }
    // A session that has ended is read against the host it was addressed to: the docs page still
    // polling it is told it ended (below), where a 404 or a CORS failure would be an error in the
    // reader's console.
    const readHost = candidate?.host ?? req.headers.host ?? null
    const readers = isRead ? docsHostOf(readHost) : []
    const verdict =
      candidate && checkSessionOrigin(req.headers, candidate.host, config.allowedOrigins, readers)
    const own = verdict && verdict.why !== 'host'
    const session = !own ? null : isRead ? candidate : await sessions.open(sessionId)
    const reader = candidate
      ? verdict?.reader
      : isRead && checkSessionOrigin(req.headers, readHost, config.allowedOrigins, readers).reader
    if (reader) {
      res.setHeader('access-control-allow-origin', reader)
      res.setHeader('vary', 'Origin')
    }
    if (verdict?.why === 'origin' && !isActionPath && !(sub === 'html' && req.method === 'POST'))
      return sendError(res, 403, 'csrf', 'This session belongs to another origin.')
    if (!candidate && reader) {
      /** @type {import('../../contract/http.js').RecordPage<never>} */
      const ended = { entries: [], next: 0, dropped: 0, ended: true }
      return sendJson(res, 200, ended)
    }
    if (!session) {
      return sendError(
        res,
        404,
        'unknown-session',
        `Unknown or expired session "${String(sessionId).slice(0, 40)}". Create one with POST ${config.basePath}/sessions.`,
      )
    }
    /** @type {SessionContext} */
    const sessionCtx = Object.assign(ctx, {
      session,
      log: (/** @type {string} */ level, /** @type {string} */ text) =>
        session.logs.push({ level, text }),
    })
    if (!isRead) recordRequest(sessionCtx)
    const handler = isActionPath
      ? () => handleAction(sessionCtx)
      : async () => /** @type {SessionHandler} */ (handle)(sessionCtx)
    // Reading what the server recorded and ending the session take no turn; every other call may
    // change state.
    if (isRead || sub === '') return handler()
    return sessions.run(session, res, handler)
  }

  // The session store declined (Redis mode: gone, busy elsewhere, fenced out, unreachable).
  /** @param {IncomingMessage} req @param {ServerResponse} res */
  return async function routeOrRefuse(req, res) {
    try {
      return await route(/** @type {LiveRequest} */ (req), res)
    } catch (err) {
      if (!(err instanceof SessionRefusal)) throw err
      const retry = err.status === 503 ? { 'retry-after': '1' } : {}
      return sendError(res, err.status, err.reason, err.message, retry)
    }
  }
}
