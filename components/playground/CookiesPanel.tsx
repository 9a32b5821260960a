// The cookies this playground's preview can see on its own origin (set by actions through
// cookies().set, sent back with the next call).
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { usePreviewSite } from './previewSite'
import type { LiveEvents } from './useLiveEvents'
import styles from './Playground.module.css'

export function CookiesPanel({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const { origin } = usePreviewSite()
  const cookies = events.cookies
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
  return (
    <>
      <div className={styles.panelBar}>
        <span>{t('cookiesNote', { origin })}</span>
        <button
          type="button"
          className={styles.button}
          disabled={!cookies.length}
          onClick={() =>
            dispatch({ type: 'live/clear-cookies' } as unknown as Parameters<typeof dispatch>[0])
          }
        >
          {t('clear')}
        </button>
      </div>
      {cookies.length ? (
        <ul className={styles.log}>
          {cookies.map((pair) => (
            <li key={pair}>{pair}</li>
          ))}
        </ul>
      ) : (
        <p className={styles.panelEmpty}>{t('cookiesEmpty')}</p>
      )}
    </>
  )
}
