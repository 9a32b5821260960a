// React's Flight server, the same renderer Next uses, writing into a byte buffer.
import './webpack-globals.js'
import {
  renderToReadableStream,
  decodeReply,
  registerServerReference,
  createClientModuleProxy,
  createTemporaryReferenceSet,
  decodeAction,
  decodeFormState,
} from 'react-server-dom-webpack/server.browser'
import { setClientReferenceFactory } from './module-system.js'

/** Client references resolve to their file path; the preview runtime loads them by that path. */
export const clientManifest = new Proxy(
  {},
  {
    get(_, key) {
      if (typeof key !== 'string') return undefined
      const i = key.lastIndexOf('#')
      return i === -1
        ? { id: key, chunks: [], name: '*' }
        : { id: key.slice(0, i), chunks: [], name: key.slice(i + 1) }
    },
  },
)

// A 'use client' file imported on the server becomes client references named by its path.
setClientReferenceFactory((/** @type {string} */ file) => createClientModuleProxy(file))

export {
  decodeAction,
  decodeFormState,
  decodeReply,
  registerServerReference,
  createClientModuleProxy,
  createTemporaryReferenceSet,
}

/** A djb2 string hash, the kind Next uses for error digests. */
/** @param {string} str */
export function stringHash(str) {
  let h = 5381
  for (let i = str.length - 1; i >= 0; i--) h = (h * 33) ^ str.charCodeAt(i)
  return String(h >>> 0)
}

/**
 * @param {unknown} model
 * @param {{ onError: (err: unknown) => string | void, temporaryReferences?: import('react-server-dom-webpack/server.browser').TemporaryReferenceSet }} options
 * @returns {Promise<Uint8Array>}
 */
export async function renderToBytes(model, { onError, temporaryReferences }) {
  const stream = renderToReadableStream(model, clientManifest, {
    onError,
    temporaryReferences,
    environmentName: 'Server',
    filterStackFrame: (url) => !url.includes('live-runtime.js'),
  })
  const reader = stream.getReader()
  const chunks = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.length
  }
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
