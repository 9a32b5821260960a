// Next's links prefetch every page they show as soon as the browser is idle after hydration, and
// in the pages router a prefetch also evaluates the page's chunk. Beside a chapter's sidebar that
// is ten chapters (~1 MB of script) parsed and run on the docs page's main thread just when the
// playground in view loads its editor and preview: its first preview came ~230 ms later (issue
// 14). So while a playground is starting, prefetches a link makes on sight wait, and go once its
// preview has shown. A reader's hover or touch (a `priority` prefetch: intent) never waits.
import Router from 'next/router'

type Prefetch = (url: string, asPath?: string, options?: { priority?: boolean }) => Promise<void>

let holds = 0
const waiting = new Map<string, Parameters<Prefetch>>()
let original: Prefetch | null = null

function flush() {
  if (!original) return
  for (const args of waiting.values()) original(...args).catch(() => {}) // as next/link: best effort
  waiting.clear()
}

/** Wraps the page router's prefetch once it exists (from _app, which runs before it does). */
export function installLinkPrefetchGate() {
  if (typeof window === 'undefined') return
  Router.ready(() => {
    const router = Router.router
    if (!router || original) return
    const prefetch = router.prefetch.bind(router) as Prefetch
    original = prefetch
    // Next's public router instance calls this property at each call, so links see the wrapper.
    router.prefetch = ((...args: Parameters<Prefetch>) => {
      if (holds === 0 || args[2]?.priority) return prefetch(...args)
      waiting.set(`${args[0]} ${args[1] ?? ''}`, args)
      return Promise.resolve()
    }) as typeof router.prefetch
  })
}

/**
 * Holds on-sight prefetches until the returned release is called (once; later calls do nothing).
 * The last release lets the held ones go.
 */
export function holdLinkPrefetch(): () => void {
  holds += 1
  let released = false
  return () => {
    if (released) return
    released = true
    holds -= 1
    if (holds === 0) flush()
  }
}
