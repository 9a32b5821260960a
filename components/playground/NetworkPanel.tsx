// Each call the live server received (Server Actions, no-JS form posts, the sign-in switch), from
// its own records: action, id, request as received, status, response headers and body, duration,
// and the server's rejection reason explained in the reader's language.
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { actionName } from './composer/requestDraft'
import { RequestComposer } from './RequestComposer'
import type { NetworkEntry } from './types'
import type { LiveEvents } from './useLiveEvents'
import { useReasonText } from './useReasonText'
import styles from './Playground.module.css'
import tools from './Tools.module.css'

function Headers({ headers }: { headers: Record<string, string> }) {
  return (
    <>
      {Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n')}
    </>
  )
}

/** What a call is named in the list: its action as the reader wrote it, else its endpoint. */
function callName(entry: NetworkEntry): string {
  const name = actionName(entry)
  if (name) return name
  const path = entry.url.split('?')[0]
  return entry.actionId || path.slice(path.lastIndexOf('/'))
}

function Entry({ entry, onCompose }: { entry: NetworkEntry; onCompose?: () => void }) {
  const t = useTranslations('playground')
  const explained = useReasonText()(entry.responseHeaders['x-live-reason'])
  const isForm = entry.url.split('?')[0].endsWith('/html')
  const composed = Object.keys(entry.requestHeaders).some(
    (name) => name.toLowerCase() === 'x-live-compose',
  )
  return (
    <li
      className={styles.entry}
      data-action={actionName(entry) ?? undefined}
      data-composed={composed ? '' : undefined}
    >
      <details>
        <summary title={entry.action ?? undefined}>
          {entry.method} {callName(entry)}
          {isForm && ` (${t('composer.formPost')})`}
          {composed && ` (${t('composer.composed')})`} —{' '}
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
      {onCompose && (
        <button
          type="button"
          className={tools.smallButton}
          onClick={onCompose}
          data-compose-open=""
          aria-label={t('composer.openFor', { name: callName(entry) })}
        >
          {t('composer.open')}
        </button>
      )}
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
  // The call the composer starts from (a copy: the list may move on meanwhile).
  // `opened` counts the openings: opening the composer again starts a fresh draft.
  const [composing, setComposing] = useState<{ entry: NetworkEntry; opened: number } | null>(null)
  const composer = composing &&
    events.session &&
    composing.entry.url.includes(`/${events.session}/`) && (
      <RequestComposer
        key={composing.opened}
        entry={composing.entry}
        events={events}
        onClose={() => setComposing(null)}
      />
    )
  if (!events.network.length && !composer)
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
      {composer}
      <ul className={styles.log}>
        {[...events.network].reverse().map((entry) => (
          <Entry
            key={entry.seq}
            entry={entry}
            // Actions and no-JS form posts can be sent again, edited; the sign-in switch cannot.
            onCompose={
              entry.url.split('?')[0].endsWith('/auth')
                ? undefined
                : () => setComposing((c) => ({ entry, opened: (c?.opened ?? 0) + 1 }))
            }
          />
        ))}
      </ul>
    </>
  )
}
