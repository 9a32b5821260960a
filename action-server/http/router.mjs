// Routes /api/live/* to the session endpoints and the action pipeline.
import { sendError, sendJson } from './reply.mjs'
import { SessionRefusal } from '../sessions/refusal.mjs'
import { handleAction } from './action-pipeline.mjs'
import { createSession, deployFiles, readLogs, setAuth, endSession } from './session-routes.mjs'
import { renderPage, htmlPage, postForm } from './page-routes.mjs'

// path segment after the session id → { method: handler }
const SESSION_ROUTES = {
  '': { DELETE: endSession },
  files: { PUT: deployFiles },
  logs: { GET: readLogs },
  auth: { POST: setAuth },
  render: { GET: renderPage },
  html: { GET: htmlPage, POST: postForm },
}

function methodNotAllowed(res, method, allowed) {
  sendError(res, 405, 'method-not-allowed', `Method ${method} is not allowed here.`, {
    allow: allowed.join(', '),
  })
}

export function createRouter(deps) {
  const { config, sessions } = deps
  const prefix = `${config.basePath}/`

  const route = async function route(req, res) {
    const path = (req.url || '/').split('?')[0]
    if (!path.startsWith(prefix)) return sendError(res, 404, 'not-found', 'Not found.')
    const parts = path.slice(prefix.length).split('/')
    const ctx = { ...deps, req, res }

    // Several instances (REDIS_URL): which one answered, for operators and the failover test.
    if (sessions.kind === 'redis') res.setHeader('x-live-instance', config.instanceName)
    if (parts[0] === 'health' && parts.length === 1) {
      if (req.method !== 'GET') return methodNotAllowed(res, req.method, ['GET'])
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
    if (!isActionPath && !routes[req.method])
      return methodNotAllowed(res, req.method, Object.keys(routes))
    // The action path answers 405 before anything else, as Next does for non-POST methods.
    if (isActionPath && req.method !== 'POST') return handleAction(ctx)

    const session = await sessions.open(sessionId, { touch: sub !== 'logs' })
    if (!session) {
      return sendError(
        res,
        404,
        'unknown-session',
        `Unknown or expired session "${String(sessionId).slice(0, 40)}". Create one with POST ${config.basePath}/sessions.`,
      )
    }
    ctx.session = session
    ctx.log = (level, text) => session.logs.push({ level, text })
    const handler = isActionPath ? () => handleAction(ctx) : () => routes[req.method](ctx)
    // Reading the console and ending the session take no turn; every other call may change state.
    if (sub === 'logs' || sub === '') return handler()
    return sessions.run(session, res, handler)
  }

  // The session store declined (Redis mode: gone, busy elsewhere, fenced out, unreachable).
  return async function routeOrRefuse(req, res) {
    try {
      return await route(req, res)
    } catch (err) {
      if (!(err instanceof SessionRefusal)) throw err
      const retry = err.status === 503 ? { 'retry-after': '1' } : {}
      return sendError(res, err.status, err.reason, err.message, retry)
    }
  }
}
