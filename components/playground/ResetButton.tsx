// Restores the original example, after asking.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import styles from './Playground.module.css'

export function ResetButton() {
  const t = useTranslations('playground')
  const { sandpack } = useSandpack()
  const [asking, setAsking] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const confirmRef = useRef<HTMLButtonElement>(null)
  const resetRef = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)

  useEffect(() => {
    if (asking) confirmRef.current?.focus()
    else if (wasAsking.current) resetRef.current?.focus()
    wasAsking.current = asking
  }, [asking])

  const status = (
    <span role="status" className={styles.visuallyHidden}>
      {announcement}
    </span>
  )
  if (asking) {
    return (
      // Escape from either button cancels: the key event bubbles up from them.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
      <div
        className={styles.confirm}
        role="group"
        aria-label={t('resetTitle')}
        onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
      >
        <span>{t('resetQuestion')}</span>
        <button
          ref={confirmRef}
          type="button"
          className={styles.button}
          onClick={() => {
            sandpack.resetAllFiles()
            setAsking(false)
            setAnnouncement(t('resetDone'))
          }}
        >
          {t('resetConfirm')}
        </button>
        <button type="button" className={styles.button} onClick={() => setAsking(false)}>
          {t('resetCancel')}
        </button>
        {status}
      </div>
    )
  }
  return (
    <>
      <button
        ref={resetRef}
        type="button"
        className={styles.button}
        title={t('resetTitle')}
        onClick={() => {
          setAnnouncement('')
          setAsking(true)
        }}
      >
        {t('reset')}
      </button>
      {status}
    </>
  )
}
