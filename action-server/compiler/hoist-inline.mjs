// Inline 'use server' functions, hoisted the way Next does: each becomes a module-level export
// under a generated name (so it can get an id and be found again on the next request), and the
// spot where it was written now evaluates to that action bound to an encrypted token of the
// variables it closed over. Works on sucrase's CommonJS output, so imports are already `_x.y`.
import { parse } from 'acorn'
import { CompileError } from './transform.mjs'

export const CLOSURES_MODULE = 'live/closures'
const PREFIX = '$$RSC_SERVER_ACTION_'

/**
 * Any ESTree node acorn produces: the walkers below visit every kind by its keys.
 * @typedef {{ type: string, start: number, end: number, loc: import('acorn').SourceLocation, [key: string]: any }} AstNode
 */
/** @typedef {[firstLine: number, lastLine: number, delta: number][]} LineMap */

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
])

/**
 * The name the reader wrote for an inline action, for the network panel: `async function
 * register()`, `const register = async () => …`, `register = …`; an anonymous one (`action={async
 * () => …}`) keeps its generated name, as Next's own does.
 * @param {AstNode} fn @param {AstNode | undefined} parent @returns {string | null}
 */
function sourceName(fn, parent) {
  if (fn.id) return fn.id.name
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
    return parent.id.name
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'Identifier')
    return parent.left.name
  if (parent?.type === 'MethodDefinition' && parent.key.type === 'Identifier')
    return parent.key.name
  return null
}

/** @param {AstNode} fn */
function hasUseServer(fn) {
  if (fn.body.type !== 'BlockStatement') return false
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'ExpressionStatement' || typeof stmt.directive !== 'string') return false
    if (stmt.directive === 'use server') return true
  }
  return false
}

/** Calls visit(node, parent, key) for every AST node, depth first. */
/**
 * @param {AstNode} node
 * @param {(node: AstNode, parent: AstNode | null, key: string | null) => boolean | void} visit
 * @param {AstNode | null} [parent]
 * @param {string | null} [key]
 */
function walk(node, visit, parent = null, key = null) {
  if (visit(node, parent, key) === false) return
  for (const k of Object.keys(node)) {
    if (k === 'type' || k === 'start' || k === 'end') continue
    const v = node[k]
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, visit, node, k)
    } else if (v && typeof v.type === 'string') walk(v, visit, node, k)
  }
}

/** @param {AstNode | null} p @param {Set<string>} out */
function patternNames(p, out) {
  if (!p) return out
  if (p.type === 'Identifier') out.add(p.name)
  else if (p.type === 'ObjectPattern')
    for (const prop of p.properties)
      patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out)
  else if (p.type === 'ArrayPattern') for (const el of p.elements) patternNames(el, out)
  else if (p.type === 'RestElement') patternNames(p.argument, out)
  else if (p.type === 'AssignmentPattern') patternNames(p.left, out)
  return out
}

/** Names a function declares for its own body: params, var/let/const, functions, classes (nested blocks included). */
/** @param {AstNode} fn @param {{ deep?: boolean }} [options] */
function declaredIn(fn, { deep = false } = {}) {
  /** @type {Set<string>} */
  const out = new Set()
  if (fn.id && fn.type === 'FunctionExpression') out.add(fn.id.name)
  for (const p of fn.params) patternNames(p, out)
  walk(fn.body, (node) => {
    if (node.type === 'VariableDeclarator') patternNames(node.id, out)
    else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id)
      out.add(node.id.name)
    else if (node.type === 'CatchClause') patternNames(node.param, out)
    if (FUNCTION_TYPES.has(node.type)) {
      if (deep) for (const p of node.params) patternNames(p, out)
      return deep // an inner function's locals are not this function's
    }
  })
  return out
}

/** Identifiers the function reads, in order of first use (property names and labels excluded). */
/** @param {AstNode} fn */
function referencedIn(fn) {
  /** @type {string[]} */
  const out = []
  const seen = new Set()
  /** @type {Parameters<typeof walk>[1]} */
  const visit = (node, parent, key) => {
    if (node.type !== 'Identifier') return
    if (parent && parent.type === 'MemberExpression' && key === 'property' && !parent.computed)
      return
    if (
      parent &&
      (parent.type === 'Property' ||
        parent.type === 'MethodDefinition' ||
        parent.type === 'PropertyDefinition') &&
      key === 'key' &&
      !parent.computed
    ) {
      if (!(parent.type === 'Property' && parent.shorthand)) return
    }
    if (
      parent &&
      (parent.type === 'LabeledStatement' ||
        parent.type === 'BreakStatement' ||
        parent.type === 'ContinueStatement')
    )
      return
    if (!seen.has(node.name)) {
      seen.add(node.name)
      out.push(node.name)
    }
  }
  for (const p of fn.params) walk(p, visit) // default values may read outer variables too
  walk(fn.body, visit)
  return out
}

// The names each enclosing function declares, computed once per function: a file with many
// inline functions in one component would otherwise walk that component once for each of them.
/** @type {WeakMap<AstNode, ReturnType<typeof declaredIn>>} */
const declaredCache = new WeakMap()
/** @param {AstNode} fn */
function declaredOnce(fn) {
  let names = declaredCache.get(fn)
  if (!names) declaredCache.set(fn, (names = declaredIn(fn)))
  return names
}

/** The enclosing functions' locals this action reads: what Next encrypts into the bound token. */
/** @param {AstNode} fn @param {AstNode[]} enclosing */
export function capturedVariables(fn, enclosing) {
  const own = declaredIn(fn, { deep: true })
  if (fn.id) own.add(fn.id.name) // a recursive call reaches the hoisted action itself
  return referencedIn(fn).filter(
    (n) => !own.has(n) && enclosing.some((f) => declaredOnce(f).has(n)),
  )
}

/** @param {string} text */
function newlineCount(text) {
  return (text.match(/\n/g) || []).length
}

/** @param {string} text */
function newlines(text) {
  return '\n'.repeat(newlineCount(text))
}

/**
 * code (sucrase output of `file`), kind → { code, inlineActions: [names] }.
 * Throws CompileError for an inline 'use server' in a 'use client' file, as Next's build does.
 * @param {string} file
 * @param {string} code
 * @param {import('../../contract/sandbox.js').CompiledModule['kind']} kind
 * @returns {{ code: string, inlineActions: string[], inlineNames?: Record<string, string>,
 *   lineMap?: LineMap }}
 */
export function hoistInlineActions(file, code, kind) {
  if (kind === 'server' || !code.includes('use server')) return { code, inlineActions: [] }
  /** @type {AstNode} */
  let ast
  try {
    ast = /** @type {AstNode} */ (
      parse(code, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        locations: true,
      })
    )
  } catch {
    return { code, inlineActions: [] } // sucrase accepted it; let the isolate report the error
  }
  /** @type {{ fn: AstNode, enclosing: AstNode[], source: string | null }[]} */
  const found = []
  /** @type {AstNode[]} */
  const stack = []
  ;(function visit(/** @type {AstNode} */ node, /** @type {AstNode | undefined} */ parent) {
    const isFn = FUNCTION_TYPES.has(node.type)
    if (isFn && hasUseServer(node)) {
      found.push({ fn: node, enclosing: [...stack], source: sourceName(node, parent) })
      return // an action nested in an action stays where it is
    }
    if (isFn) stack.push(node)
    for (const k of Object.keys(node)) {
      const v = node[k]
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') visit(c, node)
      } else if (v && typeof v.type === 'string') visit(v, node)
    }
    if (isFn) stack.pop()
  })(ast, undefined)
  if (!found.length) return { code, inlineActions: [], inlineNames: {} }
  if (kind === 'client') {
    const { line, column } = found[0].fn.loc.start
    throw new CompileError(
      file,
      line,
      column + 1,
      'It is not allowed to define inline "use server" annotated Server Actions in Client Components.\nTo use Server Actions in a Client Component, you can either export them from a separate file with "use server" at the top, or pass them down through props from a Server Component.',
    )
  }

  /** @type {string[]} */
  const names = []
  /** @type {Record<string, string>} generated export name → the name the reader gave it */
  const inlineNames = {}
  /** @type {string[]} */
  const hoisted = []
  let out = ''
  let at = 0
  found.sort((a, b) => a.fn.start - b.fn.start)
  found.forEach(({ fn, enclosing, source }, i) => {
    const name = `${PREFIX}${i}`
    names.push(name)
    if (source) inlineNames[name] = source
    const captured = capturedVariables(fn, enclosing)
    const params = fn.params.map((/** @type {AstNode} */ p) => code.slice(p.start, p.end))
    const body = code.slice(fn.body.start + 1, fn.body.end - 1)
    const prologue = captured.length
      ? `var [${captured.join(', ')}] = await __liveClosures.decrypt(${name}.$$id, $$ACTION_CLOSURE_BOUND);`
      : ''
    const allParams = captured.length ? ['$$ACTION_CLOSURE_BOUND', ...params] : params
    hoisted.push(
      `async function ${name}(${allParams.join(', ')}) {${prologue}${body}}\nexports.${name} = ${name};`,
    )
    const value = captured.length ? `__liveClosures.bind(${name}, [${captured.join(', ')}])` : name
    const original = code.slice(fn.start, fn.end)
    const replacement =
      fn.type === 'FunctionDeclaration' && fn.id ? `var ${fn.id.name} = ${value};` : `(${value})`
    out += code.slice(at, fn.start) + replacement + newlines(original)
    at = fn.end
  })
  out += code.slice(at)
  const header = `var __liveClosures = require(${JSON.stringify(CLOSURES_MODULE)});`
  // The header joins the first line so the reader's line numbers stay where they were.
  const strict = /^\s*(['"])use strict\1;?/.exec(out)
  const at0 = strict ? strict[0].length : 0
  // Hoisted bodies land at the end of the file: stack traces are mapped back to the lines the
  // reader wrote with [firstLine, lastLine, delta] ranges (see runtime/stack-lines.js).
  /** @type {LineMap} */
  const lineMap = []
  let line = newlineCount(out) + 2
  hoisted.forEach((text, i) => {
    const n = newlineCount(text)
    lineMap.push([line, line + n, found[i].fn.body.loc.start.line - line])
    line += n + 1
  })
  return {
    code: `${out.slice(0, at0)}${header}${out.slice(at0)}\n${hoisted.join('\n')}`,
    inlineActions: names,
    inlineNames,
    lineMap,
  }
}
