// The HTML layer lives in a second bundle (React's client build, react-dom/server, the Flight
// client): the host runs it in the isolate only when a session first asks for HTML, so sessions
// that never do pay nothing. It hands itself over through a global we take and delete at once.
import { setSsrLayer, load } from './module-system.js'

/** @typedef {ReturnType<import('./ssr/entry.js').SsrFactory>} SsrLayer */
/** @typedef {(file: string, name: string) => string | null} ActionIdLookup */

/** @type {SsrLayer | null} */
let ssr = null
/** @type {ActionIdLookup} */
let actionIdOf = () => null

/** @param {ActionIdLookup} fn */
export function setActionIdLookup(fn) {
  actionIdOf = fn
}

export function loadSsr() {
  if (ssr) return true
  const factory = globalThis.__liveSsrFactory
  delete (/** @type {{ __liveSsrFactory?: unknown }} */ (globalThis).__liveSsrFactory)
  if (typeof factory !== 'function') throw new Error('The HTML renderer did not load.')
  ssr = factory()
  setSsrLayer({
    builtins: ssr.builtins,
    serverReferences(/** @type {string} */ file) {
      // A client file importing a 'use server' file gets references with the real ids.
      /** @type {Record<string, unknown>} */
      const out = { __esModule: true }
      for (const name of Object.keys(load(file))) {
        if (name === '__esModule') continue
        const id = actionIdOf(file, name)
        if (id) out[name] = /** @type {SsrLayer} */ (ssr).serverReference(id)
      }
      return out
    },
  })
  return true
}

export function getSsr() {
  if (!ssr) throw new Error('The HTML renderer is not loaded.')
  return ssr
}
