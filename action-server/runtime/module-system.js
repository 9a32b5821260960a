// CommonJS-style modules for the playground's files (sucrase emits require/exports).
// The host resolves every specifier at compile time; here we only follow its map.
import { builtins } from './builtins.js';

const defs = new Map(); // file → { factory, deps, kind }
const cache = new Map(); // file → module

let clientReference = (file) => {
  throw new Error(`Client module ${file} cannot be used on the server yet.`);
};

export function setClientReferenceFactory(fn) {
  clientReference = fn;
}

export function define(file, factory, deps, kind) {
  defs.set(file, { factory, deps, kind });
}

export function hasModule(file) {
  return defs.has(file);
}

export function load(target) {
  if (target.startsWith('builtin:')) return builtins[target.slice(8)]();
  const def = defs.get(target);
  if (!def) throw new Error(`Module not found: Can't resolve '${target}'`);
  if (def.kind === 'client') return clientReference(target);
  let mod = cache.get(target);
  if (mod) return mod.exports;
  mod = { exports: {}, id: target, loaded: false };
  cache.set(target, mod);
  try {
    def.factory.call(mod.exports, mod.exports, requireFrom(target), mod);
  } catch (err) {
    cache.delete(target);
    throw err;
  }
  mod.loaded = true;
  return mod.exports;
}

function requireFrom(file) {
  const { deps } = defs.get(file);
  return function require(spec) {
    const target = deps[spec];
    if (!target) throw new Error(`Module not found: Can't resolve '${spec}' in '${file}'`);
    return load(target);
  };
}
