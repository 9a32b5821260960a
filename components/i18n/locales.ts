import config from '../../locales/config.json'
import en from '../../locales/en.json'
import fr from '../../locales/fr.json'
import de from '../../locales/de.json'

export type Locale = 'en' | 'fr' | 'de'
export type Messages = typeof en

export const DEFAULT_LOCALE = config.defaultLocale as Locale
export const LOCALES = config.locales.map((l) => l.locale) as Locale[]

export const MESSAGES: Record<Locale, Messages> = { en, fr, de }

export function toLocale(value: string | undefined): Locale {
  return LOCALES.includes(value as Locale) ? (value as Locale) : DEFAULT_LOCALE
}

/** `/fr/intro#x` → `/intro`: the part of a path every locale shares. */
export function stripLocale(asPath: string): string {
  const pathname = asPath.split(/[?#]/, 1)[0]
  const [, first, ...rest] = pathname.split('/')
  const tail = LOCALES.includes(first as Locale) ? rest.join('/') : [first, ...rest].join('/')
  return tail ? `/${tail}` : ''
}
