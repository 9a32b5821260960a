// The preview origins, served by scripts/server.mjs before Next. Each playground preview runs on
// an origin of its own (`<id>.preview.<site host>`), so playground code cannot read the docs'
// cookies or storage, nor another preview's. On those hosts the preview runtime (public/runtime/)
// sits at the origin root, and /api/live/* reaches the live server same-origin, so Next's CSRF
// check passes as in a deployed app (the live server binds each session to the preview origin
// that opened it). Done here rather than in middleware.ts: a middleware matcher that covers every
// path on some host makes Next's client believe every docs page matches middleware, and it then
// fetches and re-renders each page once more after hydration.

export const PREVIEW_HOST = /^(?:[a-z0-9_-]{1,63}\.)?preview\./i

/**
 * The preview page's CSP: scripts from its own origin (the reader's code is compiled and
 * evaluated there: 'unsafe-eval'), requests to its own origin only, no plugins, forms posting
 * home, and only the docs site may frame it.
 * @param {string} host the preview host, as the request named it
 */
export function previewCsp(host) {
  const docs = host.replace(PREVIEW_HOST, '')
  const site = process.env.NEXT_PUBLIC_SITE_URL
  const ancestors = [docs, site].filter(Boolean).join(' ')
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ')
}

const FILE = /\.[a-z0-9]+$/i

/**
 * Where a preview-host path is served from: files keep their name under /runtime/; any other
 * path is a route of the playground app, so the runtime page.
 * @param {string} pathname
 */
export function previewTarget(pathname) {
  return FILE.test(pathname) ? `/runtime${pathname}` : '/runtime/index.html'
}
