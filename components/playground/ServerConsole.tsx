// The live server's console for this playground's session (console.* inside Server Actions).
import { useTranslations } from 'next-intl'
import type { LiveEvents } from './useLiveEvents'
import styles from './Playground.module.css'

export function ServerConsole({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  return (
    <>
      <div className={styles.panelBar}>
        <span>
          {events.session ? t('sessionLabel', { session: events.session.slice(0, 8) }) : ''}
        </span>
        <button
          type="button"
          className={styles.button}
          onClick={events.clearLogs}
          disabled={!events.logs.length}
        >
          {t('clear')}
        </button>
      </div>
      {events.logs.length ? (
        <ul className={styles.log} aria-live="polite">
          {events.logs.map((entry) => (
            <li key={entry.key} data-level={entry.level}>
              {entry.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.panelEmpty}>{t('serverConsoleEmpty')}</p>
      )}
    </>
  )
}
