// What the webpack runtime would be for React's Flight server: modules come from the session's
// files. React reads these globals when it loads, so this module is imported before it.
import { load, loadForSsr, kindOf } from './module-system.js'

// The Flight server asks for server modules (decodeReply), the HTML layer's Flight client for
// client modules: the file's kind says which layer answers.
// Next's own client components (its segment boundaries) are modules of the HTML layer.
globalThis.__webpack_require__ = (/** @type {string} */ id) =>
  kindOf(id) === 'client' || id.startsWith('next/dist/client/')
    ? loadForSsr(kindOf(id) === 'client' ? id : `builtin:${id}`)
    : load(id)
globalThis.__webpack_chunk_load__ = () => Promise.resolve()
