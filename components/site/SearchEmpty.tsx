import { useTranslations } from 'next-intl'
import styles from './Site.module.css'

/** The search's "no results": Nextra's own is light grey, and plain text took the list's near-white. */
export function SearchEmpty() {
  return <span className={styles.searchEmpty}>{useTranslations('theme')('searchEmpty')}</span>
}
