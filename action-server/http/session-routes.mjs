// The session endpoints: create, deploy files, read the server console, toggle the sign-in cookie.
import { randomBytes } from 'node:crypto'
import { clientKey } from '../sessions/rate-limit.mjs'
import { sendJson, sendError } from './reply.mjs'
import { readBody } from './body.mjs'
import { serializeSetCookie, isEmbedded, AUTH_COOKIE } from './cookies.mjs'
import { compileFiles, capErrors, DeployError } from '../compiler/compile-files.mjs'
import { checkOriginHeaders, sessionHost } from './origin.mjs'
import { formatBytes } from '../config.mjs'

/**
 * @typedef {{ allowedOrigins: string[], bodyBytes: number, bodyLabel: string, taint: boolean }}
 *   SessionConfig what the playground's next.config sets, within this server's caps
 */

/**
 * The settings the isolate read from next.config → this session's, never above the server's own
 * caps: a bodySizeLimit over LIVE_BODY_BYTES is clamped (the reader is told in the console). The
 * isolate already refused one Next's config check refuses (a deploy error).
 * @param {{ allowedOrigins?: string[], bodySizeLimit?: string | number | null,
 *   bodySizeBytes?: number | null, taint?: boolean, warnings?: string[] } | null | undefined} read
 * @param {{ bodyBytes: number }} config @param {(level: string, text: string) => void} log
 * @returns {SessionConfig | null}
 */
export function sessionConfig(read, config, log) {
  if (!read) return null
  for (const w of (read.warnings || []).slice(0, 5)) log('warn', String(w).slice(0, 500))
  let bodyBytes = config.bodyBytes
  let bodyLabel = formatBytes(config.bodyBytes)
  const limit = read.bodySizeLimit
  const value = Number(read.bodySizeBytes)
  if (limit !== null && limit !== undefined && value >= 1) {
    if (value > config.bodyBytes) {
      log(
        'warn',
        `experimental.serverActions.bodySizeLimit (${String(limit)}) is above this server's limit of ${formatBytes(config.bodyBytes)}: the playground gets ${formatBytes(config.bodyBytes)}.`,
      )
    } else {
      bodyBytes = Math.floor(value)
      bodyLabel = String(limit) // Next prints the value as written: "Body exceeded 500kb limit."
    }
  }
  return {
    allowedOrigins: Array.isArray(read.allowedOrigins) ? read.allowedOrigins.slice(0, 50) : [],
    bodyBytes,
    bodyLabel,
    taint: read.taint === true,
  }
}
/** @import { IncomingMessage } from 'node:http' */
/** @import { AuthRequest, AuthResponse, CreateSessionResponse, DeployErrorsResponse, DeployRequest, DeployResponse } from '../../contract/http.js' */
/** @import { RouteContext, SessionContext } from '../types.js' */

/** The reader's address: the socket's, or behind a trusted proxy the one it forwarded. */
/** @param {IncomingMessage} req @param {string[]} [trusted] */
export function clientAddress(req, trusted = []) {
  const socket = String(req.socket?.remoteAddress || '').replace(/^::ffff:/i, '')
  if (!trusted.includes(socket)) return socket
  const forwarded = String(req.headers['x-forwarded-for'] || '')
    .slice(-200)
    .split(',')
    .at(-1)
    ?.trim()
  return forwarded || socket
}

/** @param {RouteContext} ctx */
export async function createSession(ctx) {
  // Bound to the origin that opens it (Next's CSRF rule first: that Origin must be its Host).
  const origin = checkOriginHeaders(ctx.req.headers, ctx.config.allowedOrigins)
  if (!origin.ok)
    return sendError(ctx.res, 403, 'csrf', 'Sessions are opened from their own origin.')
  const verdict = await ctx.sessionLimiter.take(
    clientKey(clientAddress(ctx.req, ctx.config.trustedProxies)),
  )
  if (!verdict.ok) {
    return sendError(
      ctx.res,
      429,
      'rate-limited',
      `Too many new sessions from this client; try again in ${verdict.retryAfter} s.`,
      { 'retry-after': String(verdict.retryAfter) },
    )
  }
  const session = await ctx.sessions.create({ host: sessionHost(ctx.req.headers) })
  /** @type {CreateSessionResponse} */
  const body = { session: session.id }
  sendJson(ctx.res, 201, body)
}

/**
 * A JSON body, not yet checked: every field is the reader's to get wrong.
 * @param {RouteContext} ctx @param {number} limit @returns {Promise<Record<string, unknown>>}
 */
async function readJson(ctx, limit) {
  const { tooLarge, bytes } = await readBody(ctx.req, limit)
  if (tooLarge)
    throw new DeployError(
      413,
      'source-too-large',
      `The request body is larger than ${limit} bytes.`,
    )
  try {
    return JSON.parse(bytes.toString('utf8') || '{}')
  } catch {
    throw new DeployError(400, 'bad-request', 'The request body must be JSON.')
  }
}

/**
 * PUT files: { files, mode?: 'development' | 'production', seed?: { collection: [records] },
 * data?: 'keep' | 'reset' }. The session's rows survive a redeploy ('keep', as under `next dev`);
 * the seed fills a fresh database only: the first deploy, or one with data: 'reset'.
 * @param {SessionContext} ctx
 */
export async function deployFiles(ctx) {
  const { session, config } = ctx
  try {
    // JSON escaping can double the size of the source; the source limit itself is checked below.
    const body = /** @type {Partial<DeployRequest>} */ (
      await readJson(ctx, config.sourceBytes * 2 + 256 * 1024)
    )
    if (body.mode !== undefined && body.mode !== 'development' && body.mode !== 'production') {
      throw new DeployError(400, 'bad-request', 'mode must be "development" or "production".')
    }
    if (
      body.seed !== undefined &&
      (typeof body.seed !== 'object' || body.seed === null || Array.isArray(body.seed))
    ) {
      throw new DeployError(
        400,
        'bad-request',
        'seed must be an object of collection name → array of records.',
      )
    }
    if (body.data !== undefined && body.data !== 'keep' && body.data !== 'reset') {
      throw new DeployError(400, 'bad-request', 'data must be "keep" or "reset".')
    }
    const compiled = compileFiles(body.files, config)
    if (compiled.errors) {
      /** @type {DeployErrorsResponse} */
      const answer = { errors: compiled.errors }
      return sendJson(ctx.res, 422, answer, { reason: 'compile-error' })
    }

    const mode = body.mode || session.mode
    const buildId = randomBytes(9).toString('base64url')
    // Deploys of one session run one at a time, last one wins.
    const previous = session.deploying || Promise.resolve()
    const deploying = previous
      .catch(() => {})
      .then(() =>
        ctx.host.deploy(
          {
            session: session.id,
            mode,
            buildId,
            modules: compiled.modules,
            serverFiles: compiled.serverFiles,
            inlineActions: compiled.inlineActions,
            routes: compiled.routes,
            nextConfig: compiled.nextConfig,
            cacheFiles: compiled.cacheFiles,
            taintImports: compiled.taintImports,
            seed: body.seed || null,
          },
          { resetData: body.data === 'reset' },
        ),
      )
    session.deploying = deploying
    const result = await deploying
    if ('errors' in result) {
      const limit = result.errors.find((e) => e.reason)
      result.errors = capErrors(result.errors)
      for (const e of result.errors)
        ctx.log(
          'error',
          `⨯ ${e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : ''}${e.message}`,
        )
      /** @type {DeployErrorsResponse} */
      const answer = {
        errors: result.errors.map(({ file, line, column, message }) => ({
          file,
          line,
          column,
          message,
        })),
      }
      const reason = /** @type {import('../../contract/http.js').RefusalReason} */ (
        limit?.reason || 'module-error'
      )
      // The box was too busy to load the files in time: nothing wrong with them, ask again.
      if (reason === 'server-busy')
        return sendError(ctx.res, 503, reason, answer.errors[0]?.message ?? '', {
          'retry-after': '1',
        })
      return sendJson(ctx.res, 422, answer, { reason })
    }
    const settings = sessionConfig(result.config, config, ctx.log)
    session.mode = mode
    session.build = {
      config: settings,
      id: buildId,
      actions: result.actions,
      byId: new Map(Object.entries(result.actions).map(([key, id]) => [id, key])),
      routes: compiled.routes.map((r) => r.path),
      names: compiled.actionNames,
    }
    // `render`: this server renders app/**/page.tsx (GET …/render); `routes`: the pages it found.
    /** @type {DeployResponse} */
    const answer = {
      build: buildId,
      actions: result.actions,
      names: compiled.actionNames,
      mode,
      render: true,
      routes: session.build.routes,
    }
    sendJson(ctx.res, 200, answer)
  } catch (caught) {
    if (caught instanceof DeployError)
      return sendError(ctx.res, caught.status, caught.reason, caught.message)
    const err =
      /** @type {{ message?: string, reason?: import('../../contract/http.js').RefusalReason }} */ (
        caught
      )
    ctx.log('error', `⨯ Deploy failed: ${err.message}`)
    return sendError(
      ctx.res,
      500,
      err.reason || 'sandbox-error',
      `The playground could not be deployed: ${err.message}`,
    )
  }
}

/** @param {SessionContext} ctx */
export function readLogs(ctx) {
  const since = Number(new URL(ctx.req.url || '/', 'http://x').searchParams.get('since') || 0)
  sendJson(ctx.res, 200, ctx.session.logs.since(Number.isFinite(since) ? since : 0))
}

/**
 * POST auth { user: "user_1" | null }: the playground's sign-in toggle for `@/lib/auth`.
 * @param {SessionContext} ctx
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * The sign-in name: at most 100 UTF-16 units, cut on a character boundary; text that is not
 * well formed (a lone surrogate) cannot be a cookie value.
 * @param {unknown} value
 */
function userName(value) {
  const text = String(value)
  let name = text.slice(0, 100)
  // The cut must not leave half of a pair.
  if (text.length > 100 && /[\ud800-\udbff]$/.test(name)) name = name.slice(0, -1)
  if (LONE_SURROGATE.test(name))
    throw new DeployError(400, 'bad-request', 'user must be well-formed text.')
  return name
}

/** @param {SessionContext} ctx */
export async function setAuth(ctx) {
  const { session, config } = ctx
  try {
    const body = /** @type {Partial<AuthRequest>} */ (await readJson(ctx, 4096))
    const user = body.user == null ? null : userName(body.user)
    const path = `${config.basePath}/${session.id}`
    const embedded = isEmbedded(ctx.req)
    const cookie = user
      ? serializeSetCookie(
          { name: AUTH_COOKIE, value: user, httpOnly: true, sameSite: 'lax' },
          path,
          { embedded },
        )
      : serializeSetCookie({ name: AUTH_COOKIE, value: '', maxAge: 0, expires: 0 }, path, {
          embedded,
        })
    ctx.log('info', user ? `Signed in as ${user}` : 'Signed out')
    /** @type {AuthResponse} */
    const answer = { user }
    sendJson(ctx.res, 200, answer, { headers: { 'set-cookie': cookie ?? undefined } })
  } catch (err) {
    if (err instanceof DeployError) return sendError(ctx.res, err.status, err.reason, err.message)
    throw err
  }
}

/** @param {SessionContext} ctx */
export async function endSession(ctx) {
  await ctx.sessions.delete(ctx.session.id)
  ctx.res.writeHead(204).end()
}
