// A playground's files → modules ready for the isolate, or the reader's compile errors.
import { transform, CompileError } from './transform.mjs'
import { moduleKind } from './directives.mjs'
import { resolveSpecifier } from './resolve.mjs'
import { contentKey, LruCache } from './cache.mjs'
import { hoistInlineActions } from './hoist-inline.mjs'
import { listRoutes } from './routes.mjs'

const CODE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/
const DATA_FILE = /\.json$/
const IGNORED_FILE = /\.(css|scss|md|mdx|txt|svg|png|jpg|jpeg|gif|webp|ico)$/
const VALID_PATH = /^(?!.*\.\.)(?!\/)[\w@()[\]\-. /]+$/
const REQUIRE_CALL = /\brequire\((['"])([^'"\n]+)\1\)/g

const cache = new LruCache(2000)

export class DeployError extends Error {
  constructor(status, reason, message) {
    super(message)
    this.status = status
    this.reason = reason
  }
}

function lineOf(code, index) {
  let line = 1
  for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) line++
  return line
}

function compileOne(file, source) {
  const key = contentKey(file, source)
  const hit = cache.get(key)
  if (hit) return hit
  let out
  if (DATA_FILE.test(file)) {
    try {
      out = { kind: 'shared', code: `module.exports = ${JSON.stringify(JSON.parse(source))};` }
    } catch (err) {
      throw new CompileError(file, null, null, `Invalid JSON: ${err.message}`)
    }
  } else {
    const kind = moduleKind(source)
    out = { kind, ...hoistInlineActions(file, transform(file, source), kind) }
  }
  cache.set(key, out)
  return out
}

/**
 * files: { path: source } → { modules: [{ file, kind, code, deps }], serverFiles } or throws
 * DeployError (bad request) / returns { errors } for code that does not compile.
 */
export function compileFiles(files, { sourceBytes }) {
  if (!files || typeof files !== 'object' || Array.isArray(files)) {
    throw new DeployError(400, 'bad-request', 'Expected {"files": {"app/actions.ts": "..."}}.')
  }
  const entries = Object.entries(files)
  if (entries.length > 200)
    throw new DeployError(413, 'too-many-files', 'A playground can have at most 200 files.')
  let total = 0
  for (const [path, source] of entries) {
    if (typeof source !== 'string')
      throw new DeployError(400, 'bad-request', `File ${path} must be a string.`)
    if (!VALID_PATH.test(path))
      throw new DeployError(400, 'bad-request', `Invalid file path: ${path}`)
    total += Buffer.byteLength(source)
  }
  if (total > sourceBytes) {
    throw new DeployError(
      413,
      'source-too-large',
      `The playground's source is ${total} bytes; the limit is ${sourceBytes} bytes.`,
    )
  }

  const paths = new Set(entries.map(([p]) => p.replace(/^\.\//, '')))
  const errors = []
  const compiled = []
  for (const [rawPath, source] of entries) {
    const file = rawPath.replace(/^\.\//, '')
    if (IGNORED_FILE.test(file) || !(CODE_FILE.test(file) || DATA_FILE.test(file))) continue
    try {
      compiled.push({ file, ...compileOne(file, source) })
    } catch (err) {
      if (!(err instanceof CompileError)) throw err
      errors.push({ file: err.file, line: err.line, column: err.column, message: err.message })
    }
  }

  const modules = []
  for (const m of compiled) {
    const deps = {}
    for (const match of m.code.matchAll(REQUIRE_CALL)) {
      const spec = match[2]
      const target = resolveSpecifier(spec, m.file, paths)
      if (target) deps[spec] = target
      else {
        errors.push({
          file: m.file,
          line: lineOf(m.code, match.index),
          column: null,
          message: `Module not found: Can't resolve '${spec}'. The playground server provides react, react-dom, zod, next/headers, next/link, next/cache, next/navigation, server-only, @/lib/db and @/lib/auth.`,
        })
      }
    }
    // One line of wrapper before the code keeps the reader's line numbers.
    const code =
      `__live.define(${JSON.stringify(m.file)}, function (exports, require, module) {${m.code}\n}, ` +
      `${JSON.stringify(deps)}, ${JSON.stringify(m.kind)}, ${JSON.stringify(m.lineMap || [])});`
    modules.push({ file: m.file, kind: m.kind, code, deps })
  }
  if (errors.length) return { errors }
  // Files whose inline 'use server' functions were hoisted: { file: [generated export names] }.
  const inlineActions = {}
  for (const m of compiled)
    if (m.inlineActions && m.inlineActions.length) inlineActions[m.file] = m.inlineActions
  return {
    modules,
    serverFiles: modules.filter((m) => m.kind === 'server').map((m) => m.file),
    inlineActions,
    routes: listRoutes([...paths]),
  }
}
