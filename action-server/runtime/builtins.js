// Modules playground code may import. `require` keeps them lazy: esbuild only evaluates a module
// the first time it is required, so a session that never imports zod never pays for it.
import { reactWithTaint, jsxWithTaint } from './taint.js'

/** @template T @param {() => T} fn @returns {() => T} */
const once = (fn) => {
  /** @type {T | undefined} */
  let value
  return () => (value ??= fn())
}

/** @type {Record<string, () => unknown>} */
export const builtins = {
  // React as playground code sees it: taint-checked element factories (see taint.js).
  react: once(() => reactWithTaint(require('react'))),
  'react/jsx-runtime': once(() => jsxWithTaint(require('react/jsx-runtime'))),
  'react/jsx-dev-runtime': once(() => jsxWithTaint(require('react/jsx-dev-runtime'))),
  'react-dom': () => require('react-dom'),
  'next/link': () => require('./modules/next-link.js'),
  'live/closures': () => require('./modules/closures.js'),
  zod: () => require('zod'),
  'zod/v4': () => require('zod/v4'),
  'zod/mini': () => require('zod/mini'),
  'next/headers': () => require('./modules/next-headers.js'),
  'next/cache': () => require('./modules/next-cache.js'),
  'next/navigation': () => require('./modules/next-navigation.js'),
  'server-only': () => require('./modules/server-only.js'),
  'client-only': () => require('./modules/client-only.js'),
  '@/lib/db': () => require('./modules/db-public.js'),
  '@/lib/auth': () => require('./modules/auth.js'),
}

export const BUILTIN_NAMES = Object.keys(builtins)
