// The HTML layer, bundled with React's client conditions (not 'react-server'): what Next's SSR
// layer is. The Flight stream of a page is decoded here, client components run for real, and
// react-dom/server turns the result into HTML with React's own hidden $ACTION_ fields for forms.
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import * as JsxRuntime from 'react/jsx-runtime'
import * as JsxDevRuntime from 'react/jsx-dev-runtime'
import { renderToReadableStream } from 'react-dom/server.browser'
import {
  createFromReadableStream,
  createServerReference,
} from 'react-server-dom-webpack/client.edge'
import { createNavigation } from './navigation.js'
import { createBoundaries } from './boundaries.js'
/** @import { Mode } from '../../../contract/http' */

/** @param {Uint8Array} bytes */
function streamOf(bytes) {
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes)
      c.close()
    },
  })
}

/** @param {ReadableStream<Uint8Array>} stream */
async function readText(stream) {
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  let out = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    out += decoder.decode(value, { stream: true })
  }
  return out + decoder.decode()
}

/** @type {Record<string, string>} */
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** @param {unknown} s */
function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c])
}

/** What Next shows when the page's shell failed: the digest, plus message and stack in development. */
/** @param {unknown} thrown anything a render threw @param {Mode} mode */
function errorDocument(thrown, mode) {
  const err =
    /** @type {{ digest?: unknown, stack?: string, message?: string } | null | undefined} */ (
      thrown
    )
  const code =
    err && typeof err.digest === 'string'
      ? /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(err.digest)
      : null
  if (code) {
    /** @type {Record<string, string>} */
    const texts = { 404: 'This page could not be found.', 403: 'Forbidden.', 401: 'Unauthorized.' }
    const text = texts[code[1]] || 'Error.'
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${code[1]}</title></head><body><h1>${code[1]}</h1><p>${text}</p></body></html>`
  }
  const digest = err && err.digest ? `<p>Digest: <code>${escapeHtml(err.digest)}</code></p>` : ''
  const detail =
    mode === 'production'
      ? '<p>A server-side exception has occurred (see the server console for more information).</p>'
      : `<pre>${escapeHtml(err && err.stack ? err.stack : String(err && err.message ? err.message : err))}</pre>`
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Application error</title></head><body><h1>Application error</h1>${detail}${digest}</body></html>`
}

function createSsr() {
  const navigation = createNavigation()
  let renderMode = 'development'
  const boundaries = createBoundaries(() => renderMode)
  // Client references name their file; every export of it is reachable.
  const moduleMap = new Proxy(
    {},
    {
      get: (_, id) => (typeof id === 'string' ? { '*': { id, chunks: [], name: '*' } } : undefined),
    },
  )
  const manifest = { moduleMap, serverModuleMap: null, moduleLoading: null }
  const noCallServer = () => {
    throw new Error('Server Actions cannot be called while the page is rendered to HTML.')
  }

  /**
   * @param {Uint8Array} flight
   * @param {{ formState: unknown, wrapDocument: boolean, location: string, params: Record<string, string | string[]>, mode: Mode }} options
   */
  async function renderHtml(flight, { formState, wrapDocument, location, params, mode }) {
    navigation.setLocation(location, params)
    renderMode = mode
    const root = createFromReadableStream(streamOf(flight), { serverConsumerManifest: manifest })
    function Root() {
      return React.use(root)
    }
    /** @type {React.ReactElement} */
    let element = React.createElement(Root)
    if (wrapDocument) {
      element = React.createElement(
        'html',
        null,
        React.createElement('head', null, React.createElement('meta', { charSet: 'utf-8' })),
        React.createElement('body', null, element),
      )
    }
    try {
      const stream = await renderToReadableStream(element, {
        // what decodeFormState returned in the server layer, handed through as React expects
        formState: /** @type {import('react-dom/client').ReactFormState | null} */ (formState),
        onError: () => {},
      })
      await stream.allReady
      // @types/react-dom types the stream's chunks against the DOM's ReadableStream: bytes here
      return await readText(/** @type {ReadableStream<Uint8Array>} */ (stream))
    } catch (err) {
      return errorDocument(err, mode)
    }
  }

  return {
    builtins: {
      react: () => React,
      'react-dom': () => ReactDOM,
      'react/jsx-runtime': () => JsxRuntime,
      'react/jsx-dev-runtime': () => JsxDevRuntime,
      'next/navigation': () => navigation.module,
      ...boundaries,
    },
    serverReference: (/** @type {string} */ id) => createServerReference(id, noCallServer),
    renderHtml,
    errorDocument,
  }
}

/**
 * What the HTML bundle hands the runtime (ssr-layer.js). It takes no loader: client modules reach
 * the SSR React through module-system.js's loadForSsr.
 * @typedef {typeof createSsr} SsrFactory
 */

Object.defineProperty(globalThis, '__liveSsrFactory', {
  value: createSsr,
  configurable: true,
  writable: true,
})
