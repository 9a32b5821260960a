// The parts of React's Flight client (react-server-dom-webpack 19.2) the preview uses.
declare module 'react-server-dom-webpack/client.browser' {
  export type CallServer = (id: string, args: unknown[]) => Promise<unknown>
  export interface TemporaryReferenceSet {
    readonly __brand?: 'TemporaryReferenceSet'
  }
  export interface ResponseOptions {
    callServer?: CallServer
    temporaryReferences?: TemporaryReferenceSet
  }
  export function createFromFetch<T>(
    response: Promise<Response>,
    options?: ResponseOptions,
  ): Promise<T>
  export function createFromReadableStream<T>(
    stream: ReadableStream,
    options?: ResponseOptions,
  ): Promise<T>
  export function createServerReference(
    id: string,
    callServer: CallServer,
  ): (...args: unknown[]) => Promise<unknown>
  export function createTemporaryReferenceSet(): TemporaryReferenceSet
  export function encodeReply(
    value: unknown,
    options?: { temporaryReferences?: TemporaryReferenceSet },
  ): Promise<string | FormData>
}

// React's production Flight client (aliased in build.mjs): read a `next start` server's stream.
declare module 'react-server-dom-webpack/client.browser.production' {
  import type { ResponseOptions } from 'react-server-dom-webpack/client.browser'
  export function createFromFetch<T>(
    response: Promise<Response>,
    options?: ResponseOptions,
  ): Promise<T>
}
