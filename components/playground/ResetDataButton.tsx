// "Reset data": the live server keeps a playground's database across code edits (as `next dev`
// keeps its process's data); this restores the example's starting data without touching the code.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import styles from './Playground.module.css'

type Message = Parameters<ReturnType<typeof useSandpack>['dispatch']>[0]

export { usesDatabase } from './usesDatabase'

export function ResetDataButton() {
  const t = useTranslations('playground')
  const { dispatch, listen } = useSandpack()
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle')

  useEffect(
    () =>
      listen((message) => {
        if (message.type !== ('live/data-reset' as string)) return
        setState((message as unknown as { ok: boolean }).ok ? 'done' : 'failed')
      }),
    [listen],
  )

  return (
    <>
      <button
        type="button"
        className={styles.button}
        title={t('resetDataTitle')}
        disabled={state === 'busy'}
        data-action="reset-data"
        onClick={() => {
          setState('busy')
          dispatch({ type: 'live/reset-data' } as unknown as Message)
        }}
      >
        {t('resetData')}
      </button>
      <span role="status" className={styles.visuallyHidden}>
        {state === 'done' ? t('resetDataDone') : state === 'failed' ? t('resetDataFailed') : ''}
      </span>
    </>
  )
}
