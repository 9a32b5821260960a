// next/navigation as client files see it while the page is rendered to HTML: the hooks read the
// URL being rendered; nothing navigates on the server.
import {
  redirect,
  permanentRedirect,
  notFound,
  forbidden,
  unauthorized,
  RedirectType,
} from '../modules/next-navigation.js'

export function createNavigation() {
  let pathname = '/'
  let search = new URLSearchParams()
  let params = {}
  const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} }
  return {
    /** @param {unknown} location @param {Record<string, string | string[]>} [p] */
    setLocation(location, p) {
      const u = new URL(String(location || '/'), 'http://playground.local')
      pathname = u.pathname
      search = u.searchParams
      params = p || {}
    },
    module: {
      useRouter: () => router,
      usePathname: () => pathname,
      useSearchParams: () => search,
      useParams: () => params,
      useSelectedLayoutSegment: () => null,
      useSelectedLayoutSegments: () => [],
      redirect,
      permanentRedirect,
      notFound,
      forbidden,
      unauthorized,
      RedirectType,
    },
  }
}
