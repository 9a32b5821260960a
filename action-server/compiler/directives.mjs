// Reads a file's directive prologue: 'use server' and 'use client' count only at the very top,
// before any statement (comments and other directives may come first), as in Next.

const PROLOGUE_ITEM = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])(use [a-z ]+|[^'"\n]*)\1\s*;?)/

/** @param {string} source */
export function readDirectives(source) {
  /** @type {string[]} */
  const found = []
  let rest = source.replace(/^\uFEFF/, '').replace(/^#![^\n]*/, '')
  for (;;) {
    const m = PROLOGUE_ITEM.exec(rest)
    if (!m || m[0].length === 0) break
    if (m[1]) found.push(m[2])
    rest = rest.slice(m[0].length)
  }
  return found
}

/**
 * @param {string} source
 * @returns {import('../../contract/sandbox.js').CompiledModule['kind']}
 */
export function moduleKind(source) {
  const d = readDirectives(source)
  if (d.includes('use server')) return 'server'
  if (d.includes('use client')) return 'client'
  return 'shared'
}
