// Playground files as the preview sees them: paths without a leading slash ("app/page.tsx"), the
// directive each file starts with, and the hidden config the editor adds (locale, strings).

export type Directive = 'use client' | 'use server' | null

export const CONFIG_FILE = 'playground.config.json'
export const SOURCE_EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js']

export interface PlaygroundConfig {
  /** Texts the preview itself may show, already in the reader's language. */
  strings: Record<string, string>
  /** Route rendered first. */
  startPath: string
}

export function toPath(sandpackPath: string): string {
  return sandpackPath.replace(/^\/+/, '')
}

export function isSource(path: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext))
}

const DIRECTIVE = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])(use client|use server)\1/

export function directiveOf(source: string): Directive {
  const match = DIRECTIVE.exec(source)
  return match ? (match[2] as Directive) : null
}

export function parseConfig(source: string | undefined): PlaygroundConfig {
  const fallback: PlaygroundConfig = { strings: {}, startPath: '/' }
  if (!source) return fallback
  try {
    return { ...fallback, ...JSON.parse(source) }
  } catch {
    return fallback
  }
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? '' : path.slice(0, i)
}

function normalize(parts: string[]): string {
  const out: string[] = []
  for (const part of parts) {
    if (part === '' || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return out.join('/')
}

/** "./actions" from "app/ui.tsx" → "app/actions.ts" when that file exists; bare specifiers → null. */
export function resolveFile(
  specifier: string,
  from: string,
  exists: (path: string) => boolean,
): string | null {
  let base: string
  if (specifier.startsWith('@/')) base = normalize(specifier.slice(2).split('/'))
  else if (specifier.startsWith('./') || specifier.startsWith('../'))
    base = normalize([...dirname(from).split('/'), ...specifier.split('/')])
  else if (specifier.startsWith('/')) base = normalize(specifier.split('/'))
  else return null
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`),
  ]
  return candidates.find(exists) ?? null
}
