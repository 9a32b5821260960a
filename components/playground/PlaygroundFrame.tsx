// The playground's boxes, shared by the static fallback and the live editor so both have the
// same size: toolbar (file tabs, actions), editor and preview side by side (stacked on narrow
// screens), developer panels below.
import type { ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import styles from './Playground.module.css'

interface Props {
  tabs: ReactNode
  actions: ReactNode
  code: ReactNode
  preview: ReactNode
  panels: ReactNode
  hintId: string
}

export function PlaygroundFrame({ tabs, actions, code, preview, panels, hintId }: Props) {
  const t = useTranslations('playground')
  return (
    <>
      <div className={styles.toolbar}>
        {tabs}
        <div className={styles.actions}>{actions}</div>
      </div>
      <div className={styles.main}>
        <div className={styles.editor}>
          <div className={styles.code}>{code}</div>
          <p className={styles.hint} id={hintId}>
            {t('keyboardHint')}
          </p>
        </div>
        <div className={styles.preview}>{preview}</div>
      </div>
      <div className={styles.panels}>{panels}</div>
    </>
  )
}
