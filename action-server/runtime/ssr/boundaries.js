// Next's segment boundaries as the HTML layer renders them (next/dist/client/components/
// error-boundary and http-access-fallback/error-boundary). React's server renderer never catches,
// so the server renders a page again with the caught boundary marked (`caughtError`,
// `caughtStatus`: see render.js); in the browser, the preview runtime's own copies catch for real.
import * as React from 'react'

const PRODUCTION_MESSAGE =
  'An error occurred in the Server Components render. The specific message is omitted in production builds to avoid leaking sensitive details. A digest property is included on this error instance which may provide additional details about the nature of the error.'

/**
 * The error a browser's error.tsx gets: React's Flight client rebuilds it from the error row, with
 * the message only in development.
 * @param {{ digest: string, message: string }} caught @param {string} mode
 */
function rebuiltError(caught, mode) {
  const error = new Error(mode === 'production' ? PRODUCTION_MESSAGE : caught.message)
  error.stack = `Error: ${error.message}`
  return Object.assign(error, { digest: caught.digest }) // Next's addition to Error
}

/** @param {() => string} getMode */
export function createBoundaries(getMode) {
  /**
   * @param {{ errorComponent: React.ComponentType<{ error: Error, reset: () => void, retry: () => void }>, caughtError?: { digest: string,
   *   message: string }, children?: React.ReactNode }} props
   */
  function ErrorBoundary({ errorComponent, caughtError, children }) {
    if (!caughtError) return children
    const noop = () => {}
    return React.createElement(errorComponent, {
      error: rebuiltError(caughtError, getMode()),
      reset: noop,
      retry: noop,
    })
  }

  /**
   * @param {{ notFound?: React.ReactNode, forbidden?: React.ReactNode,
   *   unauthorized?: React.ReactNode, caughtStatus?: number, children?: React.ReactNode }} props
   */
  function HTTPAccessFallbackBoundary({
    notFound,
    forbidden,
    unauthorized,
    caughtStatus,
    children,
  }) {
    if (!caughtStatus) return children
    const fallback = { 404: notFound, 403: forbidden, 401: unauthorized }[caughtStatus]
    return React.createElement(
      React.Fragment,
      null,
      React.createElement('meta', { name: 'robots', content: 'noindex' }),
      fallback ?? null,
    )
  }

  return {
    'next/dist/client/components/error-boundary': () => ({ ErrorBoundary }),
    'next/dist/client/components/http-access-fallback/error-boundary': () => ({
      HTTPAccessFallbackBoundary,
    }),
  }
}
