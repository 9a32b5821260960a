// Compile and runtime errors over the preview, in the reader's language (Sandpack's own overlay
// has an English title). The message comes from the preview runtime and starts with file:line:column.
import { useErrorMessage } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import styles from './Playground.module.css'

export function ErrorOverlay() {
  const t = useTranslations('playground')
  const message = useErrorMessage()
  if (!message) return null
  return (
    <div className={`${styles.errorOverlay} sp-error`} role="alert">
      <p className={styles.errorTitle}>{t('errorTitle')}</p>
      <pre className={styles.errorMessage}>{message}</pre>
    </div>
  )
}
