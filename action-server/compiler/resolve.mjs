// Resolves import specifiers of a playground file to another playground file or a built-in module.
import { posix } from 'node:path'

export const BUILTIN_MODULES = new Set([
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'next/link',
  'zod',
  'zod/v4',
  'zod/mini',
  'next/headers',
  'next/cache',
  'next/navigation',
  'server-only',
  'client-only',
  '@/lib/db',
  '@/lib/auth',
])

const EXTENSIONS = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.jsx',
  '.mjs',
  '.json',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.jsx',
]

/** → 'builtin:<name>' | '<file path>' | null */
/** @param {string} spec @param {string} fromFile @param {Set<string>} files @returns {string | null} */
export function resolveSpecifier(spec, fromFile, files) {
  let base = null
  if (spec.startsWith('./') || spec.startsWith('../'))
    base = posix.join(posix.dirname(fromFile), spec)
  else if (spec.startsWith('@/')) base = spec.slice(2)
  else if (spec.startsWith('/')) base = spec.slice(1)
  if (base !== null && !base.startsWith('..')) {
    for (const ext of EXTENSIONS) if (files.has(base + ext)) return base + ext
  }
  // A playground's own lib/db.ts wins over the built-in one.
  if (BUILTIN_MODULES.has(spec)) return `builtin:${spec}`
  return null
}
