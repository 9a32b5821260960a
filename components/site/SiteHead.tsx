import { useRouter } from 'nextra/hooks'
import { useConfig } from 'nextra-theme-docs'
import { useTranslations } from 'next-intl'
import { LOCALES, stripLocale, toLocale } from '../i18n/locales'

const SITE_URL = process.env.NEXT_PUBLIC_SITE_URL ?? 'http://localhost:3000'

/** Title, description and one hreflang alternate per locale (plus x-default, which negotiates). */
export function SiteHead() {
  const t = useTranslations('site')
  const { asPath } = useRouter()
  const { title, frontMatter } = useConfig()
  const path = stripLocale(asPath)
  // The home page's title is the site's name: said once, not "name – name".
  const isHome = path === '' || title === 'Index' || title === t('name')
  const pageTitle = title && !isHome ? `${title} – ${t('name')}` : t('name')
  return (
    <>
      <title>{pageTitle}</title>
      <meta name="description" content={frontMatter.description ?? t('tagline')} />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {LOCALES.map((locale) => (
        <link
          key={locale}
          rel="alternate"
          hrefLang={locale}
          href={`${SITE_URL}/${locale}${path}`}
        />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${SITE_URL}${path || '/'}`} />
      <link rel="canonical" href={`${SITE_URL}/${toLocale(asPath.split(/[/?#]/)[1])}${path}`} />
    </>
  )
}
