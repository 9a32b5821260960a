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
    // An English page has nothing to replace: no scan, no observer.
    if (Object.entries(LABELS).every(([text, key]) => t(key) === text)) return
    const fix = (element: Element) => {
      for (const name of ATTRIBUTES) {
        const current = element.getAttribute(name) ?? ''
        const key = LABELS[current]
        // Same text: writing it anyway would wake the observer again, forever.
        if (key && t(key) !== current) element.setAttribute(name, t(key))
      }
      // The skip link says it as text.
      if (
        element.matches('a[href^="#"]') &&
        element.textContent === 'Skip to content' &&
        t('skipToContent') !== 'Skip to content'
      )
        element.textContent = t('skipToContent')
    }
    const applyWithin = (root: Element) => {
      fix(root)
      for (const element of root.querySelectorAll(`${SELECTOR},a[href^="#"]`)) fix(element)
    }
    applyWithin(document.body)
    // Only what changed is read again: a scan of the whole page on every mutation cost ~17 ms of
    // main thread while a playground mounts (its editor mutates the DOM many times).
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') fix(record.target as Element)
        else
          for (const node of record.addedNodes) {
            // A text node added (a label rendered anew) is read through its element.
            const element = node instanceof Element ? node : node.parentElement
            if (element) applyWithin(element)
          }
      }
    })
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
