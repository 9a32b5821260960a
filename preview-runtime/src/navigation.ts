// A small `next/navigation` for client files: the playground is one app with routes under app/.
import { useSyncExternalStore } from 'react'

type Navigate = (path: string, mode: 'push' | 'replace' | 'refresh') => void

let currentPath = '/'
let navigate: Navigate = () => {}
const subscribers = new Set<() => void>()

export function setNavigationHandler(handler: Navigate) {
  navigate = handler
}

export function setCurrentPath(path: string) {
  currentPath = path
  subscribers.forEach((notify) => notify())
}

const subscribe = (notify: () => void) => {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

const router = {
  push: (href: string) => navigate(href, 'push'),
  replace: (href: string) => navigate(href, 'replace'),
  refresh: () => navigate(currentPath, 'refresh'),
  back: () => history.back(),
  forward: () => history.forward(),
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
