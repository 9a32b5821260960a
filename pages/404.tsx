import Link from 'next/link'
import { NextIntlClientProvider, useTranslations } from 'next-intl'
import Head from 'next/head'
import { useEffect, useSyncExternalStore } from 'react'
import { DEFAULT_LOCALE, MESSAGES, toLocale, type Locale } from '../components/i18n/locales'

// One static 404 serves every locale: the locale comes from the URL once the page runs,
// so the server HTML (default locale) and the first client render agree.
export default function NotFoundPage() {
  const path = useSyncExternalStore(noSubscription, clientPath, serverPath)
  const locale: Locale = path ? toLocale(path.split('/')[1]) : DEFAULT_LOCALE
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="UTC">
      <NotFound locale={locale} path={path} />
    </NextIntlClientProvider>
  )
}

// The path never changes while this page is shown; the server renders with none.
const noSubscription = () => () => {}
const clientPath = () => window.location.pathname
const serverPath = () => ''

function NotFound({ locale, path }: { locale: Locale; path: string }) {
  const t = useTranslations('notFound')
  return (
    <main
      style={{
        maxWidth: '40rem',
        margin: '15vh auto',
        padding: '0 1.5rem',
        fontFamily: 'system-ui, sans-serif',
        lineHeight: 1.6,
      }}
    >
      <Head>
        <title>{`${t('title')} – ${useTranslations('site')('name')}`}</title>
      </Head>
      <h1 style={{ fontSize: '2rem', fontWeight: 700 }}>{t('title')}</h1>
      <p>{t('body', { path })}</p>
      <p>
        <Link href={`/${locale}`} style={{ color: '#0b57d0', textDecoration: 'underline' }}>
          {t('home')}
        </Link>
        {' · '}
        <Link href={`/${locale}/intro`} style={{ color: '#0b57d0', textDecoration: 'underline' }}>
          {t('intro')}
        </Link>
      </p>
    </main>
  )
}
