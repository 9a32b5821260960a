// A playground's files → modules ready for the isolate, or the reader's compile errors.
import { transform, CompileError } from './transform.mjs'
import { moduleKind } from './directives.mjs'
import { resolveSpecifier } from './resolve.mjs'
import { contentKey, LruCache } from './cache.mjs'
import { hoistInlineActions, CLOSURES_MODULE } from './hoist-inline.mjs'
import { listRoutes } from './routes.mjs'
import { compileUseCache, isCacheFile } from './use-cache.mjs'

const CODE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/
const DATA_FILE = /\.json$/
const IGNORED_FILE = /\.(css|scss|md|mdx|txt|svg|png|jpg|jpeg|gif|webp|ico)$/
const VALID_PATH = /^(?!\/)[\w@()[\]\-. /]+$/
// `..` and `.` as whole segments only: `[...slug]` and `[[...slug]]` are route folders.
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/
const REQUIRE_CALL = /\brequire\((['"])([^'"\n]+)\1\)/g
/** Next's config file names, in the order Next looks for them. */
const NEXT_CONFIG_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'next.config.mts',
  'next.config.cjs',
]

/** @import { CompiledModule, RouteDef } from '../../contract/sandbox.js' */
/** @import { DeployError as DeployErrorRow, RefusalReason } from '../../contract/http.js' */
/**
 * @typedef {{ kind: CompiledModule['kind'], code: string, inlineActions?: string[],
 *   inlineNames?: Record<string, string>, lineMap?: import('./hoist-inline.mjs').LineMap,
 *   usesCache?: boolean, taint?: { name: string, line: number | null } | null }} CompiledFile
 */

/** @type {LruCache<CompiledFile>} */
const cache = new LruCache(2000)

export class DeployError extends Error {
  /** @param {number} status @param {RefusalReason} reason @param {string} message */
  constructor(status, reason, message) {
    super(message)
    this.status = status
    this.reason = reason
  }
}

// A reader's file may hold tens of thousands of errors: report the first ones, with one summary.
const MAX_ERRORS = 50
const MAX_MESSAGE_CHARS = 1000

/** One pass over the code, then a binary search per lookup: linear overall, whatever the errors. */
/** @param {string} code */
export function lineIndex(code) {
  const starts = [0]
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) starts.push(i + 1)
  return function lineOf(/** @type {number} */ index) {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= index) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}

/** The errors a reader gets: the first MAX_ERRORS, messages cut, then how many more there were. */
/**
 * @template {DeployErrorRow} E
 * @param {(E | null)[]} errors null: counted only
 * @returns {(E | DeployErrorRow)[]}
 */
export function capErrors(errors) {
  // Only rows past MAX_ERRORS are null (compileFiles counts them without building them).
  /** @type {(E | DeployErrorRow)[]} */
  const out = errors.slice(0, MAX_ERRORS).map((row) => {
    const e = /** @type {E} */ (row)
    return {
      ...e,
      message:
        String(e.message).length > MAX_MESSAGE_CHARS
          ? `${String(e.message).slice(0, MAX_MESSAGE_CHARS)}…`
          : String(e.message),
    }
  })
  if (errors.length > MAX_ERRORS)
    out.push({
      file: null,
      line: null,
      column: null,
      message: `…and ${errors.length - MAX_ERRORS} more errors.`,
    })
  return out
}

/** Playground code may not import the closure module: only the hoisting transform reaches it. */
/** @param {string} file @param {string} code */
function refuseClosureImport(file, code) {
  for (const match of code.matchAll(REQUIRE_CALL)) {
    if (match[2] !== CLOSURES_MODULE) continue
    const line = lineIndex(code)(match.index ?? 0)
    throw new CompileError(file, line, null, notFound(CLOSURES_MODULE))
  }
}

const TAINT_API = /\bexperimental_taint(?:ObjectReference|UniqueValue)\b/

/**
 * The first React taint API a module uses, and where: Next refuses it without experimental.taint.
 * @param {string} code
 */
function taintImport(code) {
  const m = TAINT_API.exec(code)
  return m ? { name: m[0], line: lineIndex(code)(m.index) } : null
}

const notFound = (/** @type {string} */ spec) =>
  `Module not found: Can't resolve '${spec}'. The playground server provides react, react-dom, zod, next/headers, next/link, next/cache, next/navigation, server-only, @/lib/db and @/lib/auth.`

/** @param {string} file @param {string} source @returns {CompiledFile} */
function compileOne(file, source) {
  const key = contentKey(file, source)
  const hit = cache.get(key)
  if (hit) return hit
  /** @type {CompiledFile} */
  let out
  if (DATA_FILE.test(file)) {
    try {
      out = { kind: 'shared', code: `module.exports = ${JSON.stringify(JSON.parse(source))};` }
    } catch (err) {
      throw new CompileError(
        file,
        null,
        null,
        `Invalid JSON: ${/** @type {Error} */ (err).message}`,
      )
    }
  } else {
    const kind = moduleKind(source)
    const code = transform(file, source)
    refuseClosureImport(file, code)
    const hoisted = hoistInlineActions(file, code, kind)
    const cache = compileUseCache(file, hoisted.code, kind, isCacheFile(source))
    out = {
      kind,
      ...hoisted,
      code: cache.code,
      usesCache: cache.usesCache,
      taint: taintImport(source),
    }
  }
  cache.set(key, out)
  return out
}

/**
 * files: { path: source } → { modules: [{ file, kind, code, deps }], serverFiles } or throws
 * DeployError (bad request) / returns { errors } for code that does not compile.
 * @param {unknown} files the reader's, unchecked
 * @param {{ sourceBytes: number }} limits
 * @returns {{ errors: DeployErrorRow[], modules?: undefined } | {
 *   errors?: undefined, modules: CompiledModule[], serverFiles: string[],
 *   inlineActions: Record<string, string[]>, actionNames: Record<string, string>,
 *   routes: RouteDef[], nextConfig: string | null, cacheFiles: string[],
 *   taintImports: { file: string, name: string, line: number | null }[] }}
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
    if (!VALID_PATH.test(path) || DOT_SEGMENT.test(path))
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
  /** @type {(DeployErrorRow | null)[]} */
  const errors = []
  /** @type {(CompiledFile & { file: string })[]} */
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

  /** @type {CompiledModule[]} */
  const modules = []
  for (const m of compiled) {
    /** @type {Record<string, string>} */
    const deps = {}
    /** @type {((index: number) => number) | null} */
    let lineOf = null
    for (const match of m.code.matchAll(REQUIRE_CALL)) {
      const spec = match[2]
      // The hoisting transform's own import (user imports of it were refused in compileOne).
      const target =
        spec === CLOSURES_MODULE && m.inlineActions && m.inlineActions.length
          ? `builtin:${CLOSURES_MODULE}`
          : resolveSpecifier(spec, m.file, paths)
      if (target) deps[spec] = target
      else if (errors.length <= MAX_ERRORS) {
        lineOf ??= lineIndex(m.code)
        errors.push({
          file: m.file,
          line: lineOf(match.index ?? 0),
          column: null,
          message: notFound(spec),
        })
      } else errors.push(null) // counted only
    }
    // One line of wrapper before the code keeps the reader's line numbers.
    const code =
      `__live.define(${JSON.stringify(m.file)}, function (exports, require, module) {${m.code}\n}, ` +
      `${JSON.stringify(deps)}, ${JSON.stringify(m.kind)}, ${JSON.stringify(m.lineMap || [])});`
    modules.push({ file: m.file, kind: m.kind, code, deps })
  }
  if (errors.length) return { errors: capErrors(errors) }
  // Files whose inline 'use server' functions were hoisted: { file: [generated export names] }.
  /** @type {Record<string, string[]>} */
  const inlineActions = {}
  // `file#generated` → the name the reader wrote (network panel, events records).
  /** @type {Record<string, string>} */
  const actionNames = {}
  for (const m of compiled) {
    if (m.inlineActions && m.inlineActions.length) inlineActions[m.file] = m.inlineActions
    for (const [generated, name] of Object.entries(m.inlineNames || {}))
      actionNames[`${m.file}#${generated}`] = name
  }
  return {
    modules,
    serverFiles: modules.filter((m) => m.kind === 'server').map((m) => m.file),
    inlineActions,
    actionNames,
    routes: listRoutes([...paths]),
    // Evaluated in the isolate at deploy (runtime/next-config.js), never here.
    nextConfig: NEXT_CONFIG_FILES.find((f) => paths.has(f)) || null,
    // 'use cache' needs `cacheComponents: true` in next.config (checked at deploy, in the isolate's answer).
    cacheFiles: compiled.filter((m) => m.usesCache).map((m) => m.file),
    // React's taint APIs need `experimental.taint: true` (checked at deploy, like cacheFiles).
    taintImports: compiled.flatMap((m) => (m.taint ? [{ file: m.file, ...m.taint }] : [])),
  }
}
