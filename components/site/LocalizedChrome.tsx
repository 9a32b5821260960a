// Nextra 3.3.1 writes a few labels in English with no option to change them (theme.config has
// none for these: see node_modules/nextra-theme-docs/dist/index.js and nextra's pre.js and
// copy-to-clipboard.js). This puts the reader's language in their place once the page runs,
// and again whenever Nextra renders them anew (the sidebar button flips its title on each click).
import { useTranslations } from 'next-intl'
import { useEffect } from 'react'
import type { Messages } from '../i18n/locales'

type ChromeKey = keyof Messages['chrome']

/** Nextra's English text → our key. */
const LABELS: Record<string, ChromeKey> = {
  'Hide sidebar': 'hideSidebar',
  'Show sidebar': 'showSidebar',
  'Copy code': 'copyCode',
  'Toggle word wrap': 'toggleWordWrap',
  'Permalink for this section': 'permalink',
  'Skip to content': 'skipToContent',
}
const ATTRIBUTES = ['title', 'aria-label'] as const
const SELECTOR = Object.keys(LABELS)
  .flatMap((text) => ATTRIBUTES.map((name) => `[${name}="${text}"]`))
  .join(',')

export function LocalizedChrome() {
  const t = useTranslations('chrome')
  useEffect(() => {
    const apply = () => {
      for (const element of document.querySelectorAll(SELECTOR))
        for (const name of ATTRIBUTES) {
          const current = element.getAttribute(name) ?? ''
          const key = LABELS[current]
          // Same text (English): writing it anyway would wake the observer again, forever.
          if (key && t(key) !== current) element.setAttribute(name, t(key))
        }
      // The skip link says it as text.
      for (const link of document.querySelectorAll('a[href^="#"]'))
        if (link.textContent === 'Skip to content' && t('skipToContent') !== 'Skip to content')
          link.textContent = t('skipToContent')
    }
    apply()
    // Writes happen only where English remains, so each settles after one round.
    const observer = new MutationObserver(apply)
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: [...ATTRIBUTES],
    })
    return () => observer.disconnect()
  }, [t])
  return null
}
