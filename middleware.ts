import type { NextRequest } from 'next/server'
// Nextra's locale middleware: `/` and unprefixed paths go to the NEXT_LOCALE cookie's or
// Accept-Language's locale. Prefixed paths and the preview hosts are scripts/server.mjs's.
import { middleware as localeMiddleware } from 'nextra/locales'

export function middleware(request: NextRequest) {
  return localeMiddleware(request)
}

export const config = {
  // Only paths without a locale: Next's client fetches and re-renders again, after hydration,
  // any page a matcher covers. The live server, static files and the sitemap are locale-free.
  matcher: [
    '/((?!(?:en|fr|de)(?:/|$)|api/|_next/|runtime/|sitemap\\.xml|robots\\.txt|favicon\\.ico|.*\\.[a-z0-9]+$).*)',
  ],
}
