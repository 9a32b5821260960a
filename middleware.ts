// Nextra's locale middleware: `/` and unprefixed paths go to the NEXT_LOCALE cookie's or
// Accept-Language's locale; a prefixed path sets the cookie.
export { middleware } from 'nextra/locales'

export const config = {
  // The live server, static files and the sitemap are locale-free.
  matcher: ['/((?!api/|_next/|runtime/|sitemap\\.xml|robots\\.txt|favicon\\.ico|.*\\.[a-z0-9]+$).*)']
}
