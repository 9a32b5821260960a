// id → the registered action function, shared by the action runner and the closure decoder.
const registry = new Map()

export function setActions(map) {
  registry.clear()
  for (const [id, fn] of map) registry.set(id, fn)
}

export function lookupAction(id) {
  return registry.get(id) || null
}
