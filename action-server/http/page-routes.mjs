// The playground's pages: GET …/render (Flight, for the preview), GET …/html (the page as HTML)
// and POST …/html (a form posted without JavaScript: origin → body size → decode → run → respond,
// the action pipeline's order, answering 303 + Location after a redirect or the page again).
import { checkOriginHeaders } from './origin.mjs'
import { readBody } from './body.mjs'
import {
  serializeSetCookie,
  isEmbedded,
  playgroundCookies,
  rememberCookieNames,
} from './cookies.mjs'
import { sendError, sendText } from './reply.mjs'
import {
  visibleHeaders,
  readFormEntries,
  PAGE_CACHE_CONTROL,
  ROUTER_VARY,
  allowedOriginsOf,
  bodyLimitOf,
} from './action-pipeline.mjs'
import { FORM_ACTION } from './events.mjs'
/** @import { IncomingMessage, OutgoingHttpHeaders } from 'node:http' */
/** @import { RefusalReason } from '../../contract/http.js' */
/** @import { FormAnswer, FormCall, HtmlAnswer, PageCall, PageRedirect, SandboxResults } from '../../contract/sandbox.js' */
/** @import { SessionContext } from '../types.js' */
/** @import { FormEntry } from '../../contract/sandbox.js' */
/** @typedef {'render' | 'html' | 'formAction'} PageOp */

const NO_STORE = 'no-cache, no-store, max-age=0, must-revalidate'
// The HTML is a playground's, served on the site's origin: no script ever runs in it (the no-JS
// flow needs none), so `dangerouslySetInnerHTML` in an example cannot reach the site's cookies or
// storage. Forms and links keep working.
// Forms may only post to this session's HTML endpoint: a fake sign-in form posting off-site is
// refused by the browser.
/** @param {SessionContext} ctx */
function htmlSecurity(ctx) {
  const host = String(ctx.req.headers.host || '')
  const socket = /** @type {{ encrypted?: boolean } | undefined} */ (ctx.req.socket)
  const proto =
    socket?.encrypted || ctx.req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'
  const formAction = /^[a-z0-9.-]+(?::\d{1,5})?$/i.test(host)
    ? `${proto}://${host}${htmlBase(ctx)}`
    : "'none'"
  return {
    'content-security-policy': `sandbox allow-forms allow-same-origin; script-src 'none'; object-src 'none'; base-uri 'none'; form-action ${formAction}`,
    'x-content-type-options': 'nosniff',
  }
}
const STATUSES = new Set([200, 401, 403, 404, 500])

/** `?path=/posts/7?x=1` → the playground URL to render; only same-app paths. */
/** @param {IncomingMessage} req */
function requestedPath(req) {
  const raw = new URL(req.url || '/', 'http://x').searchParams.get('path') || '/'
  const path = raw.slice(0, 2048)
  return path.startsWith('/') && !path.startsWith('//') ? path : null
}

/** @param {SessionContext} ctx @param {string} path @returns {PageCall} */
function pageRequest(ctx, path) {
  return {
    path,
    headers: visibleHeaders(ctx.req),
    cookies: playgroundCookies(ctx.session, ctx.req.headers.cookie),
  }
}

const htmlBase = (/** @type {SessionContext} */ ctx) =>
  `${ctx.config.basePath}/${ctx.session.id}/html`

/** The reader's language for the few words this server writes itself: `?lang=`, else Accept-Language. */
/** @param {SessionContext} ctx */
function localeOf(ctx) {
  const known = Object.keys(ctx.messages || {})
  const asked = new URL(ctx.req.url || '/', 'http://x').searchParams.get('lang')
  if (asked && known.includes(asked)) return asked
  for (const part of String(ctx.req.headers['accept-language'] || '').split(',', 20)) {
    const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase()
    if (known.includes(tag)) return tag
  }
  return 'en'
}

/** A playground URL → the same page on this server's HTML endpoint, so the no-JS flow stays here. */
/** @param {SessionContext} ctx @param {string} path */
function htmlUrl(ctx, path) {
  const embedded = /[?&]embedded=1(?:&|$)/.test(ctx.req.url || '') ? '&embedded=1' : ''
  const lang = /[?&]lang=([a-z]{2})(?:&|$)/.exec(ctx.req.url || '')
  return `${htmlBase(ctx)}?path=${encodeURIComponent(path)}${embedded}${lang ? `&lang=${lang[1]}` : ''}`
}

const EXTERNAL_REDIRECT =
  'This action redirects to {url}. The playground does not leave its preview.'

/** A redirect off the playground is shown, never followed: no off-site 3xx from the site's origin. */
/** @param {SessionContext} ctx @param {unknown} target @param {OutgoingHttpHeaders} extra */
function sendExternalRedirect(ctx, target, extra) {
  const text = (ctx.messages?.[localeOf(ctx)]?.externalRedirect || EXTERNAL_REDIRECT).split('{url}')
  const url = `<code>${escapeHtml(String(target).slice(0, 2048))}</code>`
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Redirect</title></head><body><p role="status" data-live-notice="external-redirect">${text.map(escapeHtml).join(url)}</p></body></html>`
  ctx.res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': NO_STORE,
    'content-length': Buffer.byteLength(html),
    'x-live-reason': 'external-redirect',
    ...htmlSecurity(ctx),
    ...extra,
  })
  ctx.res.end(html)
}

const LINK_TAGS = new Set(['a', 'form', 'area'])
const isSpace = (/** @type {number} */ c) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13

/**
 * Root-relative links and form actions in the HTML point back at the HTML endpoint. One linear
 * scan (each character is looked at a bounded number of times): the HTML is the playground's, as
 * large as its render made it, and this runs on the site's own thread, outside any CPU limit.
 */
/** @param {string} html @param {(path: string) => string} toUrl */
export function rewriteLinks(html, toUrl) {
  const n = html.length
  let out = ''
  let copied = 0
  let i = html.indexOf('<')
  while (i !== -1) {
    let k = i + 1
    while (k < n && /[A-Za-z0-9]/.test(html[k])) k++
    if (!LINK_TAGS.has(html.slice(i + 1, k).toLowerCase())) {
      i = html.indexOf('<', k)
      continue
    }
    // Attributes up to the tag's end: name, then an optional quoted or unquoted value.
    while (k < n && html.charCodeAt(k) !== 62 /* > */) {
      const c = html.charCodeAt(k)
      if (isSpace(c) || c === 47 /* / */) {
        k++
        continue
      }
      const nameStart = k
      while (k < n) {
        const d = html.charCodeAt(k)
        if (isSpace(d) || d === 61 /* = */ || d === 62 || d === 47) break
        k++
      }
      if (k === nameStart) k++ // a stray "=": step over it
      const name = html.slice(nameStart, k).toLowerCase()
      while (k < n && isSpace(html.charCodeAt(k))) k++
      if (html.charCodeAt(k) !== 61) continue
      k++
      while (k < n && isSpace(html.charCodeAt(k))) k++
      const quote = html[k]
      let start
      let end
      if (quote === '"' || quote === "'") {
        start = k + 1
        end = html.indexOf(quote, start)
        if (end === -1) end = n
        k = end + 1
      } else {
        start = k
        while (k < n && !isSpace(html.charCodeAt(k)) && html.charCodeAt(k) !== 62) k++
        end = k
      }
      if (quote !== '"' || (name !== 'href' && name !== 'action')) continue
      const value = html.slice(start, end)
      if (!value.startsWith('/') || value.startsWith('//')) continue
      const path = value
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#x27;|&#39;/g, "'")
      out += html.slice(copied, start) + toUrl(path).replace(/&/g, '&amp;')
      copied = end
    }
    i = k < n ? html.indexOf('<', k) : -1
  }
  return copied ? out + html.slice(copied) : html
}

/** @param {SessionContext} ctx @param {HtmlAnswer | FormAnswer} result untrusted */
function setCookies(ctx, result) {
  const path = `${ctx.config.basePath}/${ctx.session.id}`
  const embedded = isEmbedded(ctx.req)
  const given = 'cookieWrites' in result ? result.cookieWrites : undefined
  const writes = (Array.isArray(given) ? given : []).slice(0, 50)
  rememberCookieNames(ctx.session, writes)
  return writes.map((c) => serializeSetCookie(c, path, { embedded })).filter((c) => c !== null)
}

const escapeHtml = (/** @type {unknown} */ s) =>
  String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A form post the server could not finish (busy, queue full, a limit, a restarted sandbox) loses
 * nothing: the page says why in the reader's language and holds every field that was sent, ready
 * to go again with one button, as no script may run here. Files cannot be put back into a form
 * without script; the page says so.
 * @param {SessionContext} ctx @param {RefusalReason} reason @param {string} message
 * @param {FormEntry[]} form
 */
function keptFormPage(ctx, reason, message, form) {
  const locale = localeOf(ctx)
  /** @type {Record<string, string | undefined>} */
  const words = { ...KEPT_FORM, ...ctx.messages?.[locale] }
  // The site's words for the reason; a restarted or crashed sandbox reads as a failed one.
  const why =
    words[`reason:${reason}`] ||
    (reason.startsWith('sandbox-') && words['reason:sandbox-error']) ||
    message
  const path = requestedPath(ctx.req) || '/'
  const multipart = /^multipart\/form-data/i.test(String(ctx.req.headers['content-type'] || ''))
  let fields = ''
  let files = 0
  for (const [name, value] of form) {
    if (typeof value === 'string')
      fields += `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`
    else if (value.name || value.bytes.length) files++ // an empty file input sends an empty entry
  }
  const note = files
    ? `<p data-live-notice="files-not-kept">${escapeHtml(words.formFilesAgain)}</p>`
    : ''
  return (
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(words.formNotSent)}</title></head><body>` +
    `<h1>${escapeHtml(words.formNotSent)}</h1><p role="alert" data-live-notice="form-not-sent">${escapeHtml(why)}</p>` +
    `<form method="post" action="${escapeHtml(htmlUrl(ctx, path))}"${multipart ? ' enctype="multipart/form-data"' : ''} data-live-kept-form>` +
    `${fields}<p>${escapeHtml(words.formKept)}</p>${note}<button type="submit">${escapeHtml(words.formResend)}</button></form></body></html>`
  )
}

/** The words of the kept-form page when the site gave none (the live server on its own). */
const KEPT_FORM = {
  formNotSent: 'The form was not sent',
  formKept: 'Nothing you entered is lost: it is all here, ready to be sent again.',
  formResend: 'Send again',
  formFilesAgain: 'Files cannot be kept here: go back to the form to choose them again.',
}

/** Sandbox failures (limits, crash, no deploy): JSON for the preview, a small page for the HTML flow. */
/**
 * @param {SessionContext} ctx @param {PageOp} op @param {number} status
 * @param {RefusalReason} reason @param {string} message
 * @param {FormEntry[]} [form] what a no-JS form post sent, kept on the page
 */
function sendFailure(ctx, op, status, reason, message, form) {
  // A busy box is no fault of the page: 503 and when to ask again (the preview does, by itself).
  const retry = reason === 'server-busy' ? { 'retry-after': '1' } : {}
  if (reason === 'server-busy') status = 503
  if (op === 'render') return sendError(ctx.res, status, reason, message, retry)
  const html = form
    ? keptFormPage(ctx, reason, message, form)
    : `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head><body><h1>Error</h1><p>${escapeHtml(message)}</p></body></html>`
  ctx.res.writeHead(status, {
    ...retry,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': NO_STORE,
    'content-length': Buffer.byteLength(html),
    'x-live-reason': reason,
    ...htmlSecurity(ctx),
  })
  ctx.res.end(html)
}

/**
 * @template {PageOp} Op
 * @param {SessionContext} ctx @param {Op} op
 * @param {Op extends 'formAction' ? FormCall : PageCall} request
 * @returns {Promise<Exclude<SandboxResults[Op], { unavailable: unknown } | { limit: unknown }> | null>}
 */
async function callSandbox(ctx, op, request) {
  const form = op === 'formAction' ? /** @type {FormCall} */ (request).body.form : undefined
  let result
  try {
    result = await ctx.host.page(op, ctx.session.id, request)
  } catch (caught) {
    const err = /** @type {{ message: string, reason?: RefusalReason, status?: number }} */ (caught)
    ctx.log('error', `⨯ ${err.message}`)
    sendFailure(
      ctx,
      op,
      err.status || 500, // 429 for queue-full
      err.reason || 'sandbox-error',
      err.reason ? err.message : 'The playground server failed to render this page.',
      form,
    )
    return null
  }
  if ('unavailable' in result) {
    const message =
      result.message || 'This playground is not running on the server (deploy its files first).'
    sendFailure(
      ctx,
      op,
      result.unavailable === 'no-sandbox' ? 409 : 500,
      result.unavailable === 'no-sandbox' ? 'sandbox-restarted' : result.unavailable,
      message,
      form,
    )
    return null
  }
  if ('limit' in result) {
    sendFailure(ctx, op, 500, result.limit, result.message, form)
    return null
  }
  return /** @type {Exclude<SandboxResults[Op], { unavailable: unknown } | { limit: unknown }>} */ (
    result
  )
}

/** @param {SessionContext} ctx */
function badPath(ctx) {
  sendError(
    ctx.res,
    400,
    'bad-request',
    'path must be a path of the playground, like "/" or "/posts/1".',
  )
}

/** GET render?path=/ → text/x-component whose root is the page's element tree. */
/** @param {SessionContext} ctx */
export async function renderPage(ctx) {
  const path = requestedPath(ctx.req)
  if (!path) return badPath(ctx)
  const result = await callSandbox(ctx, 'render', pageRequest(ctx, path))
  if (!result) return
  const body = Buffer.from(result.flight.buffer, result.flight.byteOffset, result.flight.byteLength)
  /** @type {OutgoingHttpHeaders} */
  const headers = {
    'content-type': 'text/x-component',
    'cache-control': PAGE_CACHE_CONTROL, // Next's, for a dynamically rendered route
    ...ROUTER_VARY,
    'content-length': body.length,
  }
  if (result.reason && /^[a-z-]{1,40}$/.test(result.reason))
    headers['x-live-reason'] = result.reason
  if (result.redirect) {
    const value = `${String(result.redirect.url).replace(/[^\x20-\x7e]+/g, (s) => {
      try {
        return encodeURIComponent(s)
      } catch {
        return ''
      }
    })};${result.redirect.type}`
    if (value.length <= 2048) headers['x-action-redirect'] = value
  }
  ctx.res.writeHead(STATUSES.has(result.status) ? result.status : 500, headers)
  ctx.res.end(body)
}

/** @param {SessionContext} ctx @param {HtmlAnswer | FormAnswer} result */
function sendHtml(ctx, result) {
  const { res } = ctx
  const cookies = setCookies(ctx, result)
  const extra = cookies.length ? { 'set-cookie': cookies } : {}
  // The sandbox's answer is untrusted: read it as loosely as it may come.
  const loose = /** @type {Partial<HtmlAnswer> & { location?: unknown, revalidated?: unknown }} */ (
    result
  )
  const redirect = loose.redirect
  if (result.status === 303 || redirect) {
    // A redirect to a playground path stays on the HTML endpoint; any other URL is left as it is.
    const target =
      result.status === 303 ? loose.location : /** @type {PageRedirect} */ (redirect).url
    const internal =
      typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    if (!internal) return sendExternalRedirect(ctx, target, extra)
    const location = htmlUrl(ctx, target)
    // After a posted form the browser must GET the target (303); a page that redirects while it
    // renders answers as Next does for a GET (307 temporary, 308 permanent).
    const status =
      result.status === 303 || ctx.req.method === 'POST'
        ? 303
        : redirect?.status === 308
          ? 308
          : 307
    res.writeHead(status, { location, 'cache-control': NO_STORE, 'content-length': 0, ...extra })
    return res.end()
  }
  const html = rewriteLinks(String(loose.html), (p) => htmlUrl(ctx, p))
  /** @type {OutgoingHttpHeaders} */
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': NO_STORE,
    'content-length': Buffer.byteLength(html),
    ...htmlSecurity(ctx),
    ...extra,
  }
  if (loose.reason && /^[a-z-]{1,40}$/.test(loose.reason)) headers['x-live-reason'] = loose.reason
  if (loose.revalidated) headers['x-action-revalidated'] = '1'
  res.writeHead(STATUSES.has(result.status) ? result.status : 500, headers)
  res.end(html)
}

/** GET html?path=/ → the page rendered to HTML (client components included). */
/** @param {SessionContext} ctx */
export async function htmlPage(ctx) {
  const path = requestedPath(ctx.req)
  if (!path) return badPath(ctx)
  const result = await callSandbox(ctx, 'html', pageRequest(ctx, path))
  if (result) sendHtml(ctx, result)
}

/**
 * The action a form React rendered names: `$ACTION_ID_<id>`, or `$ACTION_REF_<n>` whose
 * `$ACTION_<n>:0` field holds `{"id", "bound"}` — for the record the network panel shows.
 * @param {[string, unknown][]} form @returns {string | null}
 */
export function formActionId(form) {
  for (const [name] of form) {
    if (name.startsWith('$ACTION_ID_')) return name.slice('$ACTION_ID_'.length, 200)
    if (!name.startsWith('$ACTION_REF_')) continue
    const field = form.find(([key]) => key === `$ACTION_${name.slice('$ACTION_REF_'.length)}:0`)
    if (!field || typeof field[1] !== 'string' || field[1].length > 64 * 1024) return null
    try {
      const id = JSON.parse(field[1])?.id
      return typeof id === 'string' ? id.slice(0, 200) : null
    } catch {
      return null
    }
  }
  return null
}

/** POST html?path=/ with a form React rendered ($ACTION_ID_…, $ACTION_REF_…, $ACTION_KEY). */
/** @param {SessionContext} ctx */
export async function postForm(ctx) {
  const { req, res, config } = ctx
  const path = requestedPath(req)
  if (!path) return badPath(ctx)
  // Same CSRF rule as an action, checked before anything is read.
  const verdict = checkOriginHeaders(req.headers, allowedOriginsOf(config, ctx.session))
  if (!verdict.ok) {
    ctx.log('error', verdict.log)
    return sendText(res, 500, 'Invalid Server Actions request.', {
      'cache-control': NO_STORE,
      'x-live-reason': 'csrf',
    })
  }
  const { bytes: limit, label } = bodyLimitOf(config, ctx.session)
  const { tooLarge, bytes } = await readBody(req, limit)
  if (tooLarge) {
    ctx.log('error', `Body exceeded ${label} limit.`)
    return sendText(res, 500, `Body exceeded ${label} limit.`, {
      'cache-control': NO_STORE,
      'x-live-reason': 'body-too-large',
    })
  }
  const type = String(req.headers['content-type'] || '')
  let form
  try {
    if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type))
      throw new Error(`unexpected content type "${type.slice(0, 80)}"`)
    form = await readFormEntries(type, bytes)
  } catch (err) {
    ctx.log('error', `⨯ Invalid form submission: ${/** @type {Error} */ (err).message}`)
    return sendText(res, 400, 'Bad Request: the form body could not be read.', {
      'cache-control': NO_STORE,
      'x-live-reason': 'invalid-payload',
    })
  }
  // For the events record (http/events.mjs): which action this form post named.
  const tagged = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (ctx.req))
  tagged[FORM_ACTION] = formActionId(form)
  const result = await callSandbox(ctx, 'formAction', { ...pageRequest(ctx, path), body: { form } })
  if (result) sendHtml(ctx, result)
}
