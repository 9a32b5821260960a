// Reloads the preview frame (a new page load; the live server session is recreated).
import { useSandpackNavigation } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { armPreview } from './messageGuard'
import { usePreviewSite } from './previewSite'
import styles from './Playground.module.css'

/** onReload: runs first (the page stops reading the session the reload is about to end). */
export function ReloadButton({ onReload }: { onReload: () => void }) {
  const t = useTranslations('playground')
  const { refresh } = useSandpackNavigation()
  const { frame } = usePreviewSite()
  return (
    <button
      type="button"
      className={styles.button}
      title={t('reloadTitle')}
      onClick={() => {
        // The site navigates the frame: the page it loads may register.
        onReload()
        armPreview(frame.current)
        refresh()
      }}
    >
      {t('reload')}
    </button>
  )
}
