// CommonJS-style modules for the playground's files (sucrase emits require/exports).
// The host resolves every specifier at compile time; here we only follow its map.
import { builtins } from './builtins.js'
import { setLineMap } from './stack-lines.js'

/** @typedef {import('../../contract/sandbox').IsolateApi['define']} Define */
/** @typedef {Parameters<Define>[1]} Factory */
/** @typedef {{ factory: Factory, deps: Record<string, string>, kind: import('../../contract/sandbox').CompiledModule['kind'] }} ModuleDef */
/** @typedef {{ exports: object, id: string, loaded: boolean }} Module */
/** @typedef {Record<string, unknown>} ModuleExports what `require` hands out (a module.exports) */
/**
 * @typedef {object} SsrLayerHooks
 * @property {Record<string, () => unknown>} builtins
 * @property {(file: string) => Record<string, unknown>} serverReferences
 */

/** @type {Map<string, ModuleDef>} */
const defs = new Map() // file → { factory, deps, kind }
/** @type {Map<string, Module>} */
const cache = new Map() // file → module
/** @type {Map<string, Module>} */
const ssrCache = new Map() // file → module, in the HTML (SSR) layer where client files really run
/** @type {SsrLayerHooks | null} */
let ssrLayer = null // { builtins: { name: () => module }, serverReferences(file) → exports of stubs }

/** @type {(file: string) => unknown} */
let clientReference = (file) => {
  throw new Error(`Client module ${file} cannot be used on the server yet.`)
}

/** @param {(file: string) => unknown} fn */
export function setClientReferenceFactory(fn) {
  clientReference = fn
}

/** @type {Define} */
export function define(file, factory, deps, kind, lineMap) {
  defs.set(file, { factory, deps, kind })
  if (lineMap && lineMap.length) setLineMap(file, lineMap)
}

/** @param {string} file */
export function hasModule(file) {
  return defs.has(file)
}

/** @param {string} file */
export function kindOf(file) {
  const def = defs.get(file)
  return def ? def.kind : null
}

/** Installs the HTML layer (its own React, react-dom and client-side shims); set once per isolate. */
/** @param {SsrLayerHooks} layer */
export function setSsrLayer(layer) {
  ssrLayer = layer
  ssrCache.clear()
}

/**
 * A module as the HTML render sees it: client files run for real against the SSR React, 'use
 * server' files become server references (forms render their hidden $ACTION_ fields).
 * @param {string} target
 * @returns {ModuleExports}
 */
export function loadForSsr(target) {
  if (!ssrLayer) throw new Error('The HTML renderer is not loaded.')
  if (target.startsWith('builtin:')) {
    const name = target.slice(8)
    return /** @type {ModuleExports} */ ((ssrLayer.builtins[name] || builtins[name])())
  }
  const def = defs.get(target)
  if (!def) throw new Error(`Module not found: Can't resolve '${target}'`)
  if (def.kind === 'server') return ssrLayer.serverReferences(target)
  let mod = ssrCache.get(target)
  if (mod) return /** @type {ModuleExports} */ (mod.exports)
  mod = { exports: {}, id: target, loaded: false }
  ssrCache.set(target, mod)
  try {
    def.factory.call(mod.exports, mod.exports, requireFrom(target, loadForSsr), mod)
  } catch (err) {
    ssrCache.delete(target)
    throw err
  }
  mod.loaded = true
  return /** @type {ModuleExports} */ (mod.exports)
}

/** @param {string} target @returns {ModuleExports} */
export function load(target) {
  if (target.startsWith('builtin:'))
    return /** @type {ModuleExports} */ (builtins[target.slice(8)]())
  const def = defs.get(target)
  if (!def) throw new Error(`Module not found: Can't resolve '${target}'`)
  if (def.kind === 'client') return /** @type {ModuleExports} */ (clientReference(target))
  let mod = cache.get(target)
  if (mod) return /** @type {ModuleExports} */ (mod.exports)
  mod = { exports: {}, id: target, loaded: false }
  cache.set(target, mod)
  try {
    def.factory.call(mod.exports, mod.exports, requireFrom(target), mod)
  } catch (err) {
    cache.delete(target)
    throw err
  }
  mod.loaded = true
  return /** @type {ModuleExports} */ (mod.exports)
}

/** @param {string} file @param {(target: string) => unknown} [loader] */
function requireFrom(file, loader = load) {
  const { deps } = /** @type {ModuleDef} */ (defs.get(file))
  return function require(/** @type {string} */ spec) {
    const target = deps[spec]
    if (!target) throw new Error(`Module not found: Can't resolve '${spec}' in '${file}'`)
    return loader(target)
  }
}
