// What the webpack runtime would be for React's Flight server: modules come from the session's
// files. React reads these globals when it loads, so this module is imported before it.
import { load, loadForSsr, kindOf } from './module-system.js'

// The Flight server asks for server modules (decodeReply), the HTML layer's Flight client for
// client modules: the file's kind says which layer answers.
globalThis.__webpack_require__ = (/** @type {string} */ id) =>
  kindOf(id) === 'client' ? loadForSsr(id) : load(id)
globalThis.__webpack_chunk_load__ = () => Promise.resolve()
