// Each call the live server received (Server Actions, no-JS form posts, the sign-in switch), from
// its own records: action, id, request as received, status, response headers and body, duration,
// and the server's rejection reason explained in the reader's language.
import { useTranslations } from 'next-intl'
import type { NetworkEntry } from './types'
import type { LiveEvents } from './useLiveEvents'
import styles from './Playground.module.css'

// The live server's x-live-reason values that have their own explanation (locales/*.json).
const KNOWN_REASONS = [
  'csrf',
  'body-too-large',
  'cpu-limit',
  'wall-limit',
  'memory-limit',
  'queue-full',
  'action-not-found',
  'malformed-action-id',
  'too-many-args',
  'invalid-payload',
  'action-error',
  'unknown-session',
  'sandbox-error',
] as const

function Headers({ headers }: { headers: Record<string, string> }) {
  return (
    <>
      {Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n')}
    </>
  )
}

function Entry({ entry }: { entry: NetworkEntry }) {
  const t = useTranslations('playground')
  const reason = entry.responseHeaders['x-live-reason']
  const explained = reason
    ? (KNOWN_REASONS as readonly string[]).includes(reason)
      ? t(`reasons.${reason as (typeof KNOWN_REASONS)[number]}`)
      : t('reasons.unknown', { reason })
    : null
  return (
    <li className={styles.entry}>
      <details>
        <summary>
          {entry.method} {entry.action ?? (entry.actionId || entry.url.split('?')[0])} —{' '}
          {entry.status || (entry.simulated === 'failed' ? t('networkFailed') : t('pending'))}
          {entry.status ? ` · ${t('duration', { ms: entry.durationMs })}` : ''}
          {entry.simulated && (
            <span className={styles.simulated} data-simulated={entry.simulated}>
              {t(`simulated.${entry.simulated}`)}
            </span>
          )}
        </summary>
        {explained && <p className={styles.reason}>{explained}</p>}
        <dl>
          <dt>{t('requestHeaders')}</dt>
          <dd>
            {`${entry.method} ${entry.url}\n`}
            <Headers headers={entry.requestHeaders} />
          </dd>
          <dt>{t('requestBody')}</dt>
          <dd>{entry.requestBody}</dd>
          <dt>{t('responseHeaders')}</dt>
          <dd>
            {`${entry.status}\n`}
            <Headers headers={entry.responseHeaders} />
          </dd>
          {entry.responseBody !== undefined && (
            <>
              <dt>{t('responseBody')}</dt>
              <dd>{entry.responseBody}</dd>
            </>
          )}
        </dl>
      </details>
    </li>
  )
}

/** The network switch's doing, from the preview's own account: the server never saw a failed call. */
function SimulatedNote({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const delayed = events.simulated.filter((c) => c.kind === 'delayed').length
  const failed = events.simulated.length - delayed
  if (!events.simulated.length) return null
  return <p className={styles.reason}>{t('simulatedNote', { delayed, failed })}</p>
}

export function NetworkPanel({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  if (!events.network.length)
    return (
      <>
        <SimulatedNote events={events} />
        <p className={styles.panelEmpty}>{t('networkEmpty')}</p>
      </>
    )
  return (
    <>
      <SimulatedNote events={events} />
      <div className={styles.panelBar}>
        <span />
        <button type="button" className={styles.button} onClick={events.clearNetwork}>
          {t('clear')}
        </button>
      </div>
      <ul className={styles.log}>
        {[...events.network].reverse().map((entry) => (
          <Entry key={entry.seq} entry={entry} />
        ))}
      </ul>
    </>
  )
}
