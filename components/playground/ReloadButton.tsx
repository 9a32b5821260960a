// Reloads the preview frame (a new page load; the live server session is recreated).
import { useSandpackNavigation } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import styles from './Playground.module.css'

export function ReloadButton() {
  const t = useTranslations('playground')
  const { refresh } = useSandpackNavigation()
  return (
    <button type="button" className={styles.button} title={t('reloadTitle')} onClick={refresh}>
      {t('reload')}
    </button>
  )
}
