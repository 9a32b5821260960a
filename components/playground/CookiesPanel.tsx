// The playground's cookies as the live server saw them: those the browser sent with the session's
// last request (HttpOnly ones too; a preview script cannot fake this list) and the Set-Cookie
// lines of the last answer that set any.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { usePreviewSite } from './previewSite'
import type { LiveEvents } from './useLiveEvents'
import styles from './Playground.module.css'

export function CookiesPanel({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const { origin } = usePreviewSite()
  const { cookies, setCookies } = events
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
      {setCookies.length > 0 && (
        <>
          <p className={styles.panelEmpty}>{t('cookiesSet')}</p>
          <ul className={styles.log}>
            {setCookies.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
