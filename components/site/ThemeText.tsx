import { useTranslations } from 'next-intl'
import type { Messages } from '../i18n/locales'

type ThemeKey = keyof Messages['theme']

/** Nextra's theme slots take components; this renders one localized theme string. */
export function themeText(key: ThemeKey) {
  function ThemeText() {
    return <>{useTranslations('theme')(key)}</>
  }
  ThemeText.displayName = `ThemeText(${key})`
  return ThemeText
}
