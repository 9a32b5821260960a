import { NextResponse, type NextRequest } from 'next/server'
// Nextra's locale middleware: `/` and unprefixed paths go to the NEXT_LOCALE cookie's or
// Accept-Language's locale; a prefixed path sets the cookie.
import { middleware as localeMiddleware } from 'nextra/locales'

// The playground preview runs on its own origin (`preview.<site host>`, served by this same
// server) so playground code cannot read the docs' cookies or storage. On that host the preview
// runtime (public/runtime/) sits at the origin root, and /api/live/* reaches the live server
// same-origin, so Next's CSRF check passes as in a deployed app.
const PREVIEW_HOST = /^preview\./i

function previewRoute(request: NextRequest) {
  const { pathname } = request.nextUrl
  if (pathname.startsWith('/api/live/')) return NextResponse.next()
  // Files keep their name; any other path is a route of the playground app: the runtime page.
  const target = /\.[a-z0-9]+$/i.test(pathname) ? `/runtime${pathname}` : '/runtime/index.html'
  return NextResponse.rewrite(new URL(target, request.url))
}

export function middleware(request: NextRequest) {
  if (PREVIEW_HOST.test(request.headers.get('host') ?? '')) return previewRoute(request)
  return localeMiddleware(request)
}

export const config = {
  matcher: [
    // The live server, static files and the sitemap are locale-free.
    '/((?!api/|_next/|runtime/|sitemap\\.xml|robots\\.txt|favicon\\.ico|.*\\.[a-z0-9]+$).*)',
    // Every request to the preview host.
    { source: '/:path*', has: [{ type: 'host', value: 'preview\\..*' }] },
  ],
}
