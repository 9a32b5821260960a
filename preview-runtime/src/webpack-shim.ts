// React's Flight client (react-server-dom-webpack) resolves client references through webpack's
// globals. The preview has no webpack: client references are playground files, resolved by path.
// This module must be evaluated before the Flight client, so it is imported first by main.ts.

import { CLIENT_BUILTINS } from './boundaries'

type ModuleLoader = (id: string) => unknown

let loader: ModuleLoader = (id) => {
  throw new Error(`Client module ${id} was requested before the playground was compiled.`)
}

/** Points `__webpack_require__` at the current compile's module registry. */
export function setClientModuleLoader(next: ModuleLoader) {
  loader = next
}

interface WebpackRequire {
  (id: string): unknown
  u: (chunkId: string) => string
}

// Next's own Client Components (its segment boundaries) come with the runtime.
const webpackRequire = ((id: string) =>
  Object.prototype.hasOwnProperty.call(CLIENT_BUILTINS, id)
    ? CLIENT_BUILTINS[id]
    : loader(id)) as WebpackRequire
webpackRequire.u = (chunkId: string) => chunkId

const scope = globalThis as unknown as Record<string, unknown>
scope.__webpack_require__ = webpackRequire
// Every client file is already compiled in the page: there are no chunks to fetch.
scope.__webpack_chunk_load__ = () => Promise.resolve()
