// A small `next/navigation` for client files: the playground is one app with routes under app/.
// The preview keeps its own history of routes (history.ts keeps the frame out of the docs page's
// session history): links, router.push/replace, redirects and the editor's address bar move along
// it, and its back/forward buttons (and router.back/forward) walk it.
import { useSyncExternalStore } from 'react'

export type NavigationMode = 'push' | 'replace' | 'refresh'
type Navigate = (path: string, mode: NavigationMode) => void

let currentPath = '/'
let navigate: Navigate = () => {}
const subscribers = new Set<() => void>()

/** Routes visited, oldest first, and where the preview stands in them. Bounded. */
const MAX_ENTRIES = 50
let entries: string[] = ['/']
let index = 0

export function setNavigationHandler(handler: Navigate) {
  navigate = handler
}

/** Records a route shown: a push adds an entry (dropping any forward ones), a replace rewrites it. */
export function recordRoute(path: string, mode: NavigationMode) {
  if (mode === 'push' && entries[index] !== path) {
    entries = [...entries.slice(0, index + 1), path].slice(-MAX_ENTRIES)
    index = entries.length - 1
  } else entries[index] = path
}

/** Starts a fresh history at `path` (a new app was compiled from scratch). */
export function resetHistory(path: string) {
  entries = [path]
  index = 0
}

export function canGo(): { back: boolean; forward: boolean } {
  return { back: index > 0, forward: index < entries.length - 1 }
}

/** Moves along the history; returns the route to show, or null at either end. */
export function traverse(step: -1 | 1): string | null {
  const next = index + step
  if (next < 0 || next >= entries.length) return null
  index = next
  return entries[index]
}

export function setCurrentPath(path: string) {
  currentPath = path
  subscribers.forEach((notify) => notify())
}

const subscribe = (notify: () => void) => {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

/** Set by main.ts: walks the preview's own history (back/forward). */
let go: (step: -1 | 1) => void = () => {}
export function setTraverseHandler(handler: (step: -1 | 1) => void) {
  go = handler
}

const router = {
  push: (href: string) => navigate(href, 'push'),
  replace: (href: string) => navigate(href, 'replace'),
  refresh: () => navigate(currentPath, 'refresh'),
  back: () => go(-1),
  forward: () => go(1),
  prefetch: () => {},
}

export const navigation = {
  useRouter: () => router,
  usePathname: () => useSyncExternalStore(subscribe, () => currentPath.split('?')[0]),
  useSearchParams: () =>
    new URLSearchParams(useSyncExternalStore(subscribe, () => currentPath.split('?')[1] ?? '')),
  useParams: () => ({}),
  redirect: (href: string) => {
    navigate(href, 'replace')
    throw new Error('NEXT_REDIRECT')
  },
  notFound: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;404')
  },
}

/** A link the preview follows itself: same origin, plain left click, no target or download. */
export function followableLink(
  event: MouseEvent,
  origin: string,
): { path: string; mode: 'push' | 'replace' } | null {
  if (event.defaultPrevented || event.button !== 0) return null
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null
  const target = event.target
  const anchor =
    target && typeof (target as Element).closest === 'function'
      ? (target as Element).closest('a[href]')
      : null
  if (!(anchor instanceof HTMLAnchorElement)) return null
  if (anchor.hasAttribute('download')) return null
  const frame = anchor.getAttribute('target')
  if (frame && frame !== '_self') return null
  let url: URL
  try {
    url = new URL(anchor.href)
  } catch {
    return null
  }
  if (url.origin !== origin) return null
  // A link to the same page's #fragment scrolls as usual.
  if (url.hash && url.pathname + url.search === currentPath) return null
  // next/link's `replace` (see link.ts).
  return {
    path: url.pathname + url.search,
    mode: anchor.hasAttribute('data-live-replace') ? 'replace' : 'push',
  }
}
