// id → the registered action function, shared by the action runner and the closure decoder.
/** @type {Map<string, Function>} */
const registry = new Map()

/** @param {Map<string, Function>} map */
export function setActions(map) {
  registry.clear()
  for (const [id, fn] of map) registry.set(id, fn)
}

/** @param {string} id */
export function lookupAction(id) {
  return registry.get(id) || null
}
