import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'

// The logo links to the reader's locale home. Nextra's own logo link can only be one fixed href,
// `/`: the middleware redirects it, so clicking cost a redirect, and Next's prefetch of it (the
// link is on screen) fetched `/_next/data/…/index.json` through the middleware on every page load.
export function Logo() {
  return (
    <Link href={`/${useLocale()}`} className="nextra-focus _flex _items-center hover:_opacity-75">
      <strong>{useTranslations('site')('name')}</strong>
    </Link>
  )
}

export function Footer() {
  return <p className="text-sm">{useTranslations('site')('footer')}</p>
}
