import { IntlErrorCode, NextIntlClientProvider, type IntlError } from 'next-intl'
import { useRouter } from 'nextra/hooks'
import type { ReactNode } from 'react'
import { DEFAULT_LOCALE, MESSAGES, toLocale } from './locales'

/** Looks a dotted key up in the default locale's messages, so a gap shows English, not a raw key. */
function defaultMessage(namespace: string | undefined, key: string): string {
  const path = [namespace, key].filter(Boolean).join('.').split('.')
  let node: unknown = MESSAGES[DEFAULT_LOCALE]
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? node : path.join('.')
}

function reportMissing(error: IntlError) {
  // Parity tests keep this from happening; if it does, say which key is missing, once, in the console.
  if (error.code === IntlErrorCode.MISSING_MESSAGE) console.warn(`[i18n] ${error.message}`)
  else console.error(error)
}

export function IntlProvider({ children }: { children: ReactNode }) {
  const locale = toLocale(useRouter().locale)
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={MESSAGES[locale]}
      timeZone="UTC"
      onError={reportMissing}
      getMessageFallback={({ namespace, key }) => defaultMessage(namespace, key)}
    >
      {children}
    </NextIntlClientProvider>
  )
}
