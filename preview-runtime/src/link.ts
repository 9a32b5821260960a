// `next/link` for client files: an <a> the preview's router follows (navigation.ts's click
// handler), as the server's `next/link` renders one for server pages.
import { createElement, type AnchorHTMLAttributes, type ReactNode } from 'react'

type Href = string | { pathname?: string; query?: Record<string, string | number>; hash?: string }

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  href: Href
  replace?: boolean
  prefetch?: boolean | null
  scroll?: boolean
  children?: ReactNode
}

function hrefOf(href: Href): string {
  if (typeof href === 'string') return href
  const query = href.query
    ? new URLSearchParams(
        Object.entries(href.query).map(([key, value]) => [key, String(value)]),
      ).toString()
    : ''
  return `${href.pathname ?? ''}${query ? `?${query}` : ''}${href.hash ? `#${href.hash.replace(/^#/, '')}` : ''}`
}

export function Link({ href, replace, prefetch: _prefetch, scroll: _scroll, ...rest }: LinkProps) {
  return createElement('a', {
    ...rest,
    href: hrefOf(href),
    'data-live-replace': replace ? '' : undefined,
  })
}
