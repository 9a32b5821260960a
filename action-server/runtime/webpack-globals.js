// What the webpack runtime would be for React's Flight server: modules come from the session's
// files. React reads these globals when it loads, so this module is imported before it.
import { load } from './module-system.js';

globalThis.__webpack_require__ = (id) => load(id);
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
