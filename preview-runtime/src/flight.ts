// React's Flight client, in the build that matches the session's server: the live server answers
// as `next dev` (development build) or, after a production deploy, as `next start`, whose rows
// only React's production client reads (an error row carries just the digest: the development
// client cannot rebuild it). Both builds share the page's React; the session's mode picks one.
import {
  createFromFetch as createFromFetchDevelopment,
  type ResponseOptions,
} from 'react-server-dom-webpack/client.browser'
import { createFromFetch as createFromFetchProduction } from 'react-server-dom-webpack/client.browser.production'

let mode: 'development' | 'production' = 'development'

/** The mode of the last deploy the live server accepted. */
export function setFlightMode(next: unknown) {
  mode = next === 'production' ? 'production' : 'development'
}

export function createFromFetch<T>(response: Promise<Response>, options?: ResponseOptions) {
  return mode === 'production'
    ? createFromFetchProduction<T>(response, options)
    : createFromFetchDevelopment<T>(response, options)
}
