// next/link, enough for a playground: an <a> (the preview's router and the no-JS HTML both follow it).
import { createElement } from 'react'

/**
 * @param {{ href: string | { pathname?: string, search?: string, hash?: string } | null,
 *   children?: import('react').ReactNode, [prop: string]: unknown }} props
 */
export default function Link({
  href,
  children,
  prefetch,
  replace,
  scroll,
  shallow,
  passHref,
  legacyBehavior,
  ...rest
}) {
  const url =
    typeof href === 'object' && href !== null
      ? `${href.pathname || ''}${href.search || ''}${href.hash || ''}`
      : String(href)
  return createElement('a', { ...rest, href: url }, children)
}
