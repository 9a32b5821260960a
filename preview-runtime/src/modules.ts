// The module graph of one compile: playground files evaluated on demand as CommonJS, the libraries
// bundled into the runtime, and stubs for 'use server' modules whose exports call the live server.
import { createServerReference } from 'react-server-dom-webpack/client.browser'
import { compileFile } from './compile'
import { PlaygroundError } from './errors'
import { directiveOf, resolveFile } from './files'
import { BUILTINS } from './builtins'
import type { CallServer } from './live'

/** Prepended to line 1 of every compiled file: stack columns on that line are shifted by its length. */
export const WRAPPER_START = '(function (require, module, exports) {'

interface Module {
  exports: Record<string, unknown>
}

export class ModuleGraph {
  private readonly instances = new Map<string, Module>()

  constructor(
    private readonly files: Map<string, string>,
    private readonly actions: Record<string, string>,
    private readonly callServer: CallServer,
  ) {}

  /** Compiles every client-side file now, so syntax errors show before anything runs. */
  compileAll() {
    for (const [path, source] of this.files) {
      if (/\.[jt]sx?$/.test(path) && directiveOf(source) !== 'use server') compileFile(path, source)
    }
  }

  has = (path: string) => this.files.has(path)

  require(path: string): Record<string, unknown> {
    const existing = this.instances.get(path)
    if (existing) return existing.exports
    const source = this.files.get(path)
    if (source === undefined)
      throw new PlaygroundError(`Module not found: ${path}`, null, 'ModuleNotFoundError')
    const module: Module = { exports: {} }
    this.instances.set(path, module)
    if (directiveOf(source) === 'use server') {
      module.exports = this.serverStubs(path)
      return module.exports
    }
    if (path.endsWith('.json')) {
      module.exports = JSON.parse(source)
      return module.exports
    }
    const code = compileFile(path, source)
    // The wrapper stays on line 1 so stack lines match the compiled file's lines.
    const factory = (0, eval)(
      `${WRAPPER_START}${code}\n})\n//# sourceURL=${location.origin}/${path}`,
    )
    factory((specifier: string) => this.import(specifier, path), module, module.exports)
    return module.exports
  }

  /** What `__webpack_require__` gets for a client reference in a Flight stream: a file path. */
  requireClientReference(id: string): Record<string, unknown> {
    const path = resolveFile(
      id.startsWith('/') || id.startsWith('.') || id.startsWith('@/') ? id : `/${id}`,
      '',
      this.has,
    )
    if (!path)
      throw new PlaygroundError(
        `The server referenced a client module that is not in this playground: ${id}`,
        null,
      )
    return this.require(path)
  }

  private import(specifier: string, from: string): unknown {
    const builtin = BUILTINS[specifier]
    if (builtin) return builtin()
    const path = resolveFile(specifier, from, this.has)
    if (path) return this.require(path)
    throw new PlaygroundError(
      `Module not found: Can't resolve '${specifier}' in '${from}'`,
      null,
      'ModuleNotFoundError',
    )
  }

  private serverStubs(path: string): Record<string, unknown> {
    const exports: Record<string, unknown> = { __esModule: true }
    const prefix = `${path}#`
    for (const [key, id] of Object.entries(this.actions)) {
      if (key.startsWith(prefix))
        exports[key.slice(prefix.length)] = createServerReference(id, this.callServer)
    }
    return exports
  }
}
