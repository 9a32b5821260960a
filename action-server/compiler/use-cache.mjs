// `'use cache'`, as Next 16 compiles it: at the top of a file every exported async function is
// cached; as the first statement of a function body that function is. Each one's body is moved,
// unchanged and on the same lines, into an inner function that `$$cacheCall` (next/cache) runs or
// answers from the session's data cache; the variables it closes over join its arguments in the
// key, as Next's bound arguments do. Works on sucrase's CommonJS output, like hoist-inline.mjs.
import { parse } from 'acorn'
import { CompileError } from './transform.mjs'
import { capturedVariables } from './hoist-inline.mjs'
import { readDirectives } from './directives.mjs'

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
])
const CACHE_DIRECTIVE = /^use cache(?:: *[\w-]+)?$/
const HELPER = '__liveCache'

/** @param {any} fn */
function cacheDirectiveOf(fn) {
  if (fn.body.type !== 'BlockStatement') return null
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'ExpressionStatement' || typeof stmt.directive !== 'string') return null
    if (CACHE_DIRECTIVE.test(stmt.directive)) return stmt
  }
  return null
}

/** Whether the file starts with a 'use cache' directive. @param {string} source */
export function isCacheFile(source) {
  return readDirectives(source).some((d) => CACHE_DIRECTIVE.test(d))
}

/**
 * code (sucrase output of `file`) → { code, usesCache }. `fileLevel`: the file's own directive.
 * Throws CompileError where Next's compiler refuses: in a 'use client' file, on a function that
 * is not async.
 * @param {string} file @param {string} code @param {string} kind @param {boolean} fileLevel
 * @returns {{ code: string, usesCache: boolean }}
 */
export function compileUseCache(file, code, kind, fileLevel) {
  if (!code.includes('use cache')) return { code, usesCache: false }
  let ast
  try {
    ast = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      locations: true,
    })
  } catch {
    return { code, usesCache: false }
  }
  /** @type {{ fn: import('./hoist-inline.mjs').AstNode, enclosing: import('./hoist-inline.mjs').AstNode[] }[]} */
  const found = []
  /** @type {import('./hoist-inline.mjs').AstNode[]} */
  const stack = []
  ;(function visit(
    /** @type {import('./hoist-inline.mjs').AstNode} */ node,
    /** @type {number} */ depth,
  ) {
    const isFn = FUNCTION_TYPES.has(node.type)
    // File level: functions declared at the top of the module (sucrase's exports point at them).
    const topLevel = fileLevel && isFn && node.async && stack.length === 0 && depth <= 3
    if (isFn && (cacheDirectiveOf(node) || topLevel)) {
      found.push({ fn: node, enclosing: [...stack] })
      return
    }
    if (isFn) stack.push(node)
    for (const k of Object.keys(node)) {
      const v = node[k]
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') visit(c, depth + 1)
      } else if (v && typeof v.type === 'string') visit(v, depth + 1)
    }
    if (isFn) stack.pop()
  })(/** @type {import('./hoist-inline.mjs').AstNode} */ (/** @type {unknown} */ (ast)), 0)
  if (!found.length) return { code, usesCache: false }
  if (kind === 'client') {
    const { line, column } = found[0].fn.loc.start
    throw new CompileError(
      file,
      line,
      column + 1,
      'It is not allowed to define inline "use cache" annotated functions in Client Components.\nTo use "use cache" functions in a Client Component, you can either export them from a separate file with "use cache" or "use server" at the top, or pass them down through props from a Server Component.',
    )
  }
  const nonAsync = found.find(({ fn }) => !fn.async)
  if (nonAsync) {
    const { line, column } = nonAsync.fn.loc.start
    throw new CompileError(file, line, column + 1, '"use cache" functions must be async functions.')
  }
  let out = ''
  let at = 0
  found.sort((a, b) => a.fn.start - b.fn.start)
  found.forEach(({ fn, enclosing }, i) => {
    const captured = capturedVariables(fn, enclosing)
    const params = code.slice(
      fn.params.length ? fn.params[0].start : fn.body.start,
      fn.params.length ? fn.params[fn.params.length - 1].end : fn.body.start,
    )
    const body = code.slice(fn.body.start, fn.body.end)
    const id = JSON.stringify(`${file}#${i}`)
    const bound = `[${captured.join(', ')}]`
    // An arrow keeps its outer `this` and has no `arguments`: the inner one is an arrow too.
    const inner =
      fn.type === 'ArrowFunctionExpression'
        ? `async (${fn.params.length ? params : ''}) => ${body}`
        : `async function (${fn.params.length ? params : ''}) ${body}`
    const call = `${HELPER}.$$cacheCall(${id}, $$args, ${bound}, ${inner}, ${fn.type === 'ArrowFunctionExpression' ? 'undefined' : 'this'})`
    const head =
      fn.type === 'ArrowFunctionExpression'
        ? `async (...$$args) => `
        : `async function${fn.generator ? '*' : ''} ${fn.id ? fn.id.name : ''}(...$$args) `
    out += code.slice(at, fn.start) + `${head}{ return ${call} }`
    at = fn.end
  })
  out += code.slice(at)
  const header = `var ${HELPER} = require("next/cache");`
  const strict = /^\s*(['"])use strict\1;?/.exec(out)
  const at0 = strict ? strict[0].length : 0
  return { code: `${out.slice(0, at0)}${header}${out.slice(at0)}`, usesCache: true }
}
