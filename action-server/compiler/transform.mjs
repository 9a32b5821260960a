// TypeScript/TSX → CommonJS with sucrase. Sucrase keeps line numbers, so stack traces and
// compile errors point at the reader's own lines.
import { transform as sucrase } from 'sucrase'

export class CompileError extends Error {
  /**
   * @param {string} file @param {number | null} line @param {number | null} column
   * @param {string} message
   */
  constructor(file, line, column, message) {
    super(message)
    this.file = file
    this.line = line
    this.column = column
  }
}

/** @param {string} file @param {string} source */
export function transform(file, source) {
  /** @type {import('sucrase').Transform[]} */
  const transforms = ['imports']
  if (/\.(m|c)?tsx?$/.test(file)) transforms.push('typescript')
  if (/\.(tsx|jsx|js)$/.test(file)) transforms.push('jsx')
  try {
    return sucrase(source, {
      transforms,
      filePath: file,
      jsxRuntime: 'automatic',
      production: true,
      keepUnusedImports: false,
    }).code
  } catch (caught) {
    const err = /** @type {Error} */ (caught)
    // Sucrase reports "Unexpected token (3:7)"; the position is 1-based line, 0-based column.
    const m = /\((\d+):(\d+)\)\s*$/.exec(err.message)
    const message = err.message
      .replace(/\s*\(\d+:\d+\)\s*$/, '')
      .replace(/^Error transforming [^:]+: /, '')
    throw new CompileError(file, m ? Number(m[1]) : null, m ? Number(m[2]) + 1 : null, message)
  }
}
