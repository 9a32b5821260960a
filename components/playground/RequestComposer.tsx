// The request composer: a recorded call, sent again with an edited body, headers and Origin — a
// forged cross-origin call, an action the UI never calls, a body over the limit, a tampered
// closure token — and the live server's answer as the server itself recorded it (found by the
// composer's nonce in GET …/events), so a preview cannot make it lie. The request leaves from the
// preview, the session's own origin (preview-runtime/src/compose.ts); the Origin typed here
// travels as `x-live-compose-origin` (action-server/README.md, "Request composer").
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import {
  composeMessage,
  draftFrom,
  headerOf,
  MAX_PAD_BYTES,
  tamperToken,
  withHeader,
  type Draft,
} from './composer/requestDraft'
import { usePreviewSite } from './previewSite'
import type { NetworkEntry } from './types'
import type { LiveEvents } from './useLiveEvents'
import { useReasonText } from './useReasonText'
import styles from './Tools.module.css'

type Dispatch = ReturnType<typeof useSandpack>['dispatch']
type Message = Parameters<Dispatch>[0]

/** How long the composer waits for the server's record of its request. */
const ANSWER_TIMEOUT_MS = 20_000

function newNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
}

type Sent = { nonce: string; at: number } | null

export function RequestComposer({
  entry,
  events,
  onClose,
}: {
  entry: NetworkEntry
  events: LiveEvents
  onClose: () => void
}) {
  const t = useTranslations('playground')
  const explain = useReasonText()
  const { dispatch } = useSandpack()
  const { origin } = usePreviewSite()
  const id = useId()
  const [draft, setDraft] = useState<Draft>(() => draftFrom(entry, origin))
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState<Sent>(null)
  // The nonce whose answer did not come in time.
  const [lateNonce, setLateNonce] = useState<string | null>(null)
  const first = useRef<HTMLSelectElement>(null)

  useEffect(() => first.current?.focus(), [])

  const answer = useMemo(
    () =>
      sent
        ? (events.network.find(
            (e) => headerOf(e.requestHeaders, 'x-live-compose') === sent.nonce,
          ) ?? null)
        : null,
    [events.network, sent],
  )
  const failed = sent ? events.composed.some((c) => c.nonce === sent.nonce && !c.ok) : false

  const timedOut = sent !== null && lateNonce === sent.nonce
  useEffect(() => {
    if (!sent || answer || failed) return
    const timer = setTimeout(() => setLateNonce(sent.nonce), ANSWER_TIMEOUT_MS)
    return () => clearTimeout(timer)
  }, [sent, answer, failed])

  const isAction = entry.url.split('?')[0].endsWith('/action')
  const currentId = headerOf(
    Object.fromEntries(
      draft.headers
        .split('\n')
        .map((line) => [
          line.slice(0, line.indexOf(':')).trim(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
    ),
    'next-action',
  )

  function send(event: FormEvent) {
    event.preventDefault()
    const nonce = newNonce()
    const message = composeMessage(draft, nonce)
    if ('bad' in message) {
      setProblem(t('composer.badHeaders', { lines: message.bad.join(', ') }))
      return
    }
    setProblem(null)
    setSent({ nonce, at: Date.now() })
    dispatch(message as unknown as Message)
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))

  return (
    <form onSubmit={send} data-composer="">
      <fieldset className={styles.composer}>
        <legend>{t('composer.title')}</legend>
        <p className={styles.composerNote}>{t('composer.intro')}</p>
        {isAction && events.actions.length > 0 && (
          <div className={styles.field}>
            <label htmlFor={`${id}-action`}>{t('composer.action')}</label>
            <select
              id={`${id}-action`}
              ref={first}
              value={events.actions.some((a) => a.id === currentId) ? currentId : ''}
              onChange={(e) =>
                set({ headers: withHeader(draft.headers, 'Next-Action', e.target.value) })
              }
              data-compose-field="action"
            >
              {!events.actions.some((a) => a.id === currentId) && (
                <option value="">{t('composer.otherAction')}</option>
              )}
              {events.actions.map((action) => (
                <option key={action.key} value={action.id} data-name={action.name}>
                  {action.name} ({action.key.slice(0, action.key.indexOf('#'))})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className={styles.field}>
          <label htmlFor={`${id}-origin-field`}>{t('composer.origin')}</label>
          <input
            id={`${id}-origin-field`}
            value={draft.origin}
            onChange={(e) => set({ origin: e.target.value })}
            spellCheck={false}
            maxLength={300}
            aria-describedby={`${id}-origin`}
            data-compose-field="origin"
          />
        </div>
        <p id={`${id}-origin`} className={styles.composerNote}>
          {t('composer.originHint')}
        </p>
        <div className={styles.field}>
          <label htmlFor={`${id}-headers`}>{t('composer.headers')}</label>
          <textarea
            id={`${id}-headers`}
            rows={3}
            value={draft.headers}
            onChange={(e) => set({ headers: e.target.value })}
            spellCheck={false}
            data-compose-field="headers"
          />
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-body`}>{t('composer.body')}</label>
          <textarea
            id={`${id}-body`}
            rows={3}
            value={draft.body}
            onChange={(e) => set({ body: e.target.value })}
            spellCheck={false}
            data-compose-field="body"
          />
        </div>
        <div className={styles.composerRow}>
          <div className={styles.field}>
            <label htmlFor={`${id}-pad`}>{t('composer.padBytes')}</label>
            <input
              id={`${id}-pad`}
              type="number"
              min={0}
              max={MAX_PAD_BYTES}
              step={1}
              value={draft.padBytes}
              onChange={(e) => set({ padBytes: Number(e.target.value) || 0 })}
              data-compose-field="padBytes"
            />
          </div>
          <button
            type="button"
            className={styles.smallButton}
            onClick={() => {
              const tampered = tamperToken(draft.body)
              if (tampered === null) setProblem(t('composer.noToken'))
              else {
                setProblem(null)
                set({ body: tampered })
              }
            }}
            data-compose-tamper=""
          >
            {t('composer.tamper')}
          </button>
        </div>
        {problem && (
          <p role="alert" className={styles.composerError}>
            {problem}
          </p>
        )}
        <div className={styles.composerRow}>
          <button type="submit" className={styles.smallButton} data-compose-send="">
            {t('composer.send')}
          </button>
          <button type="button" className={styles.smallButton} onClick={onClose}>
            {t('composer.close')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {sent && !answer && (
            <p className={styles.composerNote}>
              {failed
                ? t('composer.notSent')
                : timedOut
                  ? t('composer.noAnswer')
                  : t('composer.sending')}
            </p>
          )}
          {answer && (
            <dl className={styles.answer} data-compose-answer="" data-status={answer.status}>
              <dt>{t('composer.status')}</dt>
              <dd>
                {answer.status}
                {explain(answer.responseHeaders['x-live-reason'])
                  ? ` — ${explain(answer.responseHeaders['x-live-reason'])}`
                  : ''}
              </dd>
              <dt>{t('responseHeaders')}</dt>
              <dd>
                {Object.entries(answer.responseHeaders)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
              </dd>
              <dt>{t('responseBody')}</dt>
              <dd>{answer.responseBody}</dd>
              <dt>{t('composer.asReceived')}</dt>
              <dd>
                {Object.entries(answer.requestHeaders)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
              </dd>
            </dl>
          )}
        </div>
      </fieldset>
    </form>
  )
}
