// Libraries a client file may import, bundled into the runtime at build time.
import * as React from 'react'
import * as JsxRuntime from 'react/jsx-runtime'
import * as ReactDOM from 'react-dom'
import * as ReactDOMClient from 'react-dom/client'
import { Link } from './link'
import { navigation } from './navigation'

const serverOnly = () => {
  throw new Error(
    'You\'re importing a module that needs "server-only". That only works in a Server Component, but one of its parents is marked with "use client".',
  )
}

export const BUILTINS: Record<string, () => unknown> = {
  react: () => React,
  'react/jsx-runtime': () => JsxRuntime,
  'react/jsx-dev-runtime': () => JsxRuntime,
  'react-dom': () => ReactDOM,
  'react-dom/client': () => ReactDOMClient,
  'next/navigation': () => navigation,
  'next/link': () => ({ __esModule: true, default: Link }),
  'client-only': () => ({}),
  'server-only': serverOnly,
}
