import { NextResponse, type NextRequest } from 'next/server'
// Nextra's locale middleware: `/` and unprefixed paths go to the NEXT_LOCALE cookie's or
// Accept-Language's locale; a prefixed path sets the cookie.
import { middleware as localeMiddleware } from 'nextra/locales'

// Each playground preview runs on an origin of its own (`<id>.preview.<site host>`, served by
// this same server) so playground code cannot read the docs' cookies or storage, nor another
// preview's. On those hosts the preview runtime (public/runtime/) sits at the origin root, and
// /api/live/* reaches the live server same-origin, so Next's CSRF check passes as in a deployed
// app (and the live server binds each session to the preview origin that opened it).
const PREVIEW_HOST = /^(?:[a-z0-9-]+\.)?preview\./i

/**
 * The preview page's CSP: scripts from its own origin (the reader's code is compiled and
 * evaluated there: 'unsafe-eval'), requests to its own origin only, no plugins, forms posting
 * home, and only the docs site may frame it.
 */
function previewCsp(host: string): string {
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

function previewRoute(request: NextRequest, host: string) {
  const { pathname } = request.nextUrl
  if (pathname.startsWith('/api/live/')) return NextResponse.next()
  // Files keep their name; any other path is a route of the playground app: the runtime page.
  const target = /\.[a-z0-9]+$/i.test(pathname) ? `/runtime${pathname}` : '/runtime/index.html'
  const response = NextResponse.rewrite(new URL(target, request.url))
  response.headers.set('content-security-policy', previewCsp(host))
  return response
}

export function middleware(request: NextRequest) {
  const host = request.headers.get('host') ?? ''
  if (PREVIEW_HOST.test(host)) return previewRoute(request, host)
  return localeMiddleware(request)
}

export const config = {
  matcher: [
    // The live server, static files and the sitemap are locale-free.
    '/((?!api/|_next/|runtime/|sitemap\\.xml|robots\\.txt|favicon\\.ico|.*\\.[a-z0-9]+$).*)',
    // Every request to a preview host.
    { source: '/:path*', has: [{ type: 'host', value: '(?:[a-z0-9-]+\\.)?preview\\..*' }] },
  ],
}
