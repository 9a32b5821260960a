// Next's segment boundaries, the Client Components the live server names in a page's Flight tree
// (`next/dist/client/components/error-boundary`, `…/http-access-fallback/error-boundary`): around
// each segment with an error.tsx, and with a not-found.tsx (always at the root), in Next's order.
import { Component, createElement, Fragment, startTransition, type ReactNode } from 'react'
import { navigation } from './navigation'

function digestOf(error: unknown): string {
  const digest = (error as { digest?: unknown } | null)?.digest
  return typeof digest === 'string' ? digest : ''
}

/** Next's isNextRouterError: redirects and notFound()/forbidden()/unauthorized() pass through. */
function isNextRouterError(error: unknown): boolean {
  const digest = digestOf(error)
  return digest.startsWith('NEXT_REDIRECT;') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;')
}

type ErrorProps = {
  errorComponent: (props: { error: unknown; reset: () => void; retry: () => void }) => ReactNode
  children?: ReactNode
}

/** error.tsx: gets the error (digest only in production), `reset` and Next 16's `retry`. */
class ErrorBoundary extends Component<ErrorProps, { error: { thrown: unknown } | null }> {
  state: { error: { thrown: unknown } | null } = { error: null }
  static getDerivedStateFromError(thrown: unknown) {
    if (isNextRouterError(thrown)) throw thrown
    return { error: { thrown } }
  }
  reset = () => this.setState({ error: null })
  retry = () =>
    startTransition(() => {
      navigation.useRouter().refresh()
      this.reset()
    })
  componentDidUpdate(previous: ErrorProps) {
    // A page rendered again (navigation, revalidation) starts the boundary afresh, as Next's does.
    if (this.state.error && previous.children !== this.props.children) this.reset()
  }
  render() {
    if (!this.state.error) return this.props.children
    return createElement(this.props.errorComponent, {
      error: this.state.error.thrown,
      reset: this.reset,
      retry: this.retry,
    })
  }
}

type FallbackProps = {
  notFound?: ReactNode
  forbidden?: ReactNode
  unauthorized?: ReactNode
  children?: ReactNode
}

/** not-found.tsx (forbidden.tsx, unauthorized.tsx): catches notFound() below it. */
class HTTPAccessFallbackBoundary extends Component<FallbackProps, { status: number | null }> {
  state: { status: number | null } = { status: null }
  static getDerivedStateFromError(thrown: unknown) {
    const m = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digestOf(thrown))
    if (!m) throw thrown
    return { status: Number(m[1]) }
  }
  componentDidUpdate(previous: FallbackProps) {
    if (this.state.status && previous.children !== this.props.children)
      this.setState({ status: null })
  }
  render() {
    const { status } = this.state
    if (!status) return this.props.children
    const fallback = {
      404: this.props.notFound,
      403: this.props.forbidden,
      401: this.props.unauthorized,
    }[status]
    if (fallback === undefined)
      throw Object.assign(new Error(`NEXT_HTTP_ERROR_FALLBACK;${status}`), {
        digest: `NEXT_HTTP_ERROR_FALLBACK;${status}`,
      })
    return createElement(
      Fragment,
      null,
      createElement('meta', { name: 'robots', content: 'noindex' }),
      fallback,
    )
  }
}

/** The client modules the server may reference by Next's own paths. */
export const CLIENT_BUILTINS: Record<string, unknown> = {
  'next/dist/client/components/error-boundary': { ErrorBoundary },
  'next/dist/client/components/http-access-fallback/error-boundary': {
    HTTPAccessFallbackBoundary,
  },
}
