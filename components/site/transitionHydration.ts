// The pages router hydrates at default priority: one blocking task for the whole page (~0.7 s on a
// throttled phone for a chapter, most of Lighthouse's Total Blocking Time). Next's App Router
// hydrates inside startTransition (next/dist/client/app-index.js), which React time-slices: the
// same work in ~5 ms slices, with input handled between them. This gives the pages router's one
// hydrateRoot call (next/dist/client/index.js, made after _app is evaluated) the same priority.
import { startTransition } from 'react'
import type { hydrateRoot } from 'react-dom/client'

if (typeof window !== 'undefined') {
  // The CommonJS exports object Next calls hydrateRoot on (an ES namespace would be a copy).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require('react-dom/client') as { hydrateRoot: typeof hydrateRoot }
  const hydrate = client.hydrateRoot
  client.hydrateRoot = (...args) => {
    let root: ReturnType<typeof hydrateRoot> | undefined
    startTransition(() => {
      root = hydrate(...args)
    })
    return root!
  }
}
