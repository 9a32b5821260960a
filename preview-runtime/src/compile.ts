// Client files → CommonJS with sucrase, in the browser. Results are cached by content, so a
// keystroke only recompiles the file that changed.
import { transform, type Options } from 'sucrase'
import { PlaygroundError } from './errors'

const cache = new Map<string, string>()

interface SucraseError extends Error {
  loc?: { line: number; column: number }
}

function options(path: string): Options {
  return {
    transforms: path.endsWith('.ts') ? ['typescript', 'imports'] : ['typescript', 'jsx', 'imports'],
    jsxRuntime: 'automatic',
    production: true,
    filePath: path,
  }
}

export function compileFile(path: string, source: string): string {
  const key = `${path}\0${source}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  let code: string
  try {
    code = transform(source, options(path)).code
  } catch (error) {
    const { loc, message } = error as SucraseError
    const text = message.replace(/^Error transforming [^:]+: /, '').replace(/ \(\d+:\d+\)$/, '')
    throw new PlaygroundError(
      text,
      loc
        ? { file: path, line: loc.line, column: loc.column + 1 }
        : { file: path, line: 1, column: 1 },
      'SyntaxError',
    )
  }
  if (cache.size > 200) cache.clear()
  cache.set(key, code)
  return code
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** One line of a source map's `mappings`: [generated column, source line, source column] per segment. */
function decodeLine(line: string, state: number[]): number[][] {
  const segments: number[][] = []
  let column = 0
  for (const segment of line.split(',')) {
    if (!segment) continue
    const fields: number[] = []
    let value = 0
    let shift = 0
    for (const char of segment) {
      const digit = BASE64.indexOf(char)
      value += (digit & 31) << shift
      if (digit & 32) shift += 5
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
        value = 0
        shift = 0
      }
    }
    column += fields[0]
    if (fields.length >= 4) {
      state[0] += fields[2]
      state[1] += fields[3]
      segments.push([column, state[0], state[1]])
    }
  }
  return segments
}

/** Where a position of the compiled code (1-based, as in stack traces) was in the playground file. */
export function originalPosition(
  path: string,
  source: string,
  line: number,
  column: number,
): { line: number; column: number } {
  try {
    const { sourceMap } = transform(source, {
      ...options(path),
      sourceMapOptions: { compiledFilename: path },
    })
    if (!sourceMap) return { line, column }
    const state = [0, 0]
    const lines = sourceMap.mappings.split(';')
    let found: number[] | undefined
    for (let i = 0; i < lines.length && i < line; i++) {
      const segments = decodeLine(lines[i], state)
      if (i === line - 1) found = segments.filter((s) => s[0] <= column - 1).pop() ?? segments[0]
    }
    return found
      ? { line: found[1] + 1, column: found[2] + 1 + (column - 1 - found[0]) }
      : { line, column }
  } catch {
    return { line, column }
  }
}
