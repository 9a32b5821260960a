// The parts of packages without their own declarations that the isolate runtime uses.

declare module 'whatwg-url' {
  export class URLSearchParams {
    constructor(init?: string | [string, string][] | Record<string, string> | URLSearchParams)
    readonly size: number
    append(name: string, value: string): void
    delete(name: string, value?: string): void
    get(name: string): string | null
    getAll(name: string): string[]
    has(name: string, value?: string): boolean
    set(name: string, value: string): void
    sort(): void
    toString(): string
    forEach(fn: (value: string, key: string, parent: URLSearchParams) => void): void
    entries(): IterableIterator<[string, string]>
    keys(): IterableIterator<string>
    values(): IterableIterator<string>
    [Symbol.iterator](): IterableIterator<[string, string]>
  }
  export class URL {
    constructor(url: string | URL, base?: string | URL)
    static canParse(url: string, base?: string): boolean
    static parse(url: string, base?: string): URL | null
    href: string
    readonly origin: string
    protocol: string
    username: string
    password: string
    host: string
    hostname: string
    port: string
    pathname: string
    search: string
    readonly searchParams: URLSearchParams
    hash: string
    toString(): string
    toJSON(): string
  }
}

declare module 'react-server-dom-webpack/server.browser' {
  export interface TemporaryReferenceSet {
    readonly __brand?: 'TemporaryReferenceSet'
  }
  export type ClientManifest = Record<string, { id: string; chunks: string[]; name: string }>
  export type ServerManifest = Record<string, { id: string; chunks: string[]; name: string }>
  export function renderToReadableStream(
    model: unknown,
    webpackMap: ClientManifest,
    options?: {
      onError?: (error: unknown) => string | void
      temporaryReferences?: TemporaryReferenceSet
      environmentName?: string
      filterStackFrame?: (url: string, functionName: string) => boolean
    },
  ): ReadableStream<Uint8Array>
  export function decodeReply<T = unknown>(
    body: string | FormData,
    webpackMap: ServerManifest,
    options?: { temporaryReferences?: TemporaryReferenceSet },
  ): Promise<T>
  export function decodeAction(
    body: FormData,
    serverManifest: ServerManifest,
  ): Promise<(() => unknown) | null>
  export function decodeFormState(
    actionResult: unknown,
    body: FormData,
    serverManifest: ServerManifest,
  ): Promise<unknown>
  export function registerServerReference<T extends (...args: never[]) => unknown>(
    reference: T,
    id: string,
    exportName: string | null,
  ): T
  export function createClientModuleProxy(moduleId: string): Record<string, unknown>
  export function createTemporaryReferenceSet(): TemporaryReferenceSet
}

declare module 'react-server-dom-webpack/client.edge' {
  export function createFromReadableStream<T>(
    stream: ReadableStream<Uint8Array>,
    options: {
      serverConsumerManifest: {
        moduleMap: unknown
        serverModuleMap: unknown
        moduleLoading: unknown
      }
    },
  ): Promise<T>
  export function createServerReference(
    id: string,
    callServer: (id: string, args: unknown[]) => Promise<unknown>,
  ): (...args: unknown[]) => Promise<unknown>
}
