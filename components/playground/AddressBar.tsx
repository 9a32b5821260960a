// The preview's address bar: the route the preview shows (followed through links, router.push and
// redirects, as the preview reports them), a field to type a route of the playground's app and go,
// and back/forward along the preview's own history. It only asks the preview to move; the route
// shown is always the one the preview reports (checked by useLiveEvents: its own origin only).
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useId, useState, type FormEvent } from 'react'
import { isAppPath } from './composer/requestDraft'
import type { LiveEvents } from './useLiveEvents'
import styles from './Tools.module.css'

type Dispatch = ReturnType<typeof useSandpack>['dispatch']
type Message = Parameters<Dispatch>[0]

export function AddressBar({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const send = (message: Record<string, unknown>) => dispatch(message as unknown as Message)
  // What the reader is typing, until they go or the preview moves elsewhere.
  const [draft, setDraft] = useState<{ text: string; at: string } | null>(null)
  const [invalid, setInvalid] = useState(false)
  // The route count when the reader last went somewhere: waiting for the preview until it moves.
  const [wentAt, setWentAt] = useState<number | null>(null)
  const pending = wentAt !== null && wentAt === events.routeAnswers
  const id = useId()
  const value = draft && draft.at === events.path ? draft.text : events.path
  const disabled = !events.session

  function go(event: FormEvent) {
    event.preventDefault()
    const path = value.trim()
    if (!isAppPath(path)) {
      setInvalid(true)
      return
    }
    setInvalid(false)
    setDraft(null)
    setWentAt(events.routeAnswers)
    send({ type: 'live/navigate', path })
  }

  return (
    <form
      className={styles.addressBar}
      onSubmit={go}
      aria-label={t('address.region')}
      aria-busy={pending || undefined}
      data-address-bar=""
    >
      <button
        type="button"
        className={styles.iconButton}
        aria-label={t('address.back')}
        title={t('address.back')}
        disabled={disabled || !events.canBack}
        onClick={() => {
          setWentAt(events.routeAnswers)
          send({ type: 'live/back' })
        }}
      >
        <span aria-hidden="true">←</span>
      </button>
      <button
        type="button"
        className={styles.iconButton}
        aria-label={t('address.forward')}
        title={t('address.forward')}
        disabled={disabled || !events.canForward}
        onClick={() => {
          setWentAt(events.routeAnswers)
          send({ type: 'live/forward' })
        }}
      >
        <span aria-hidden="true">→</span>
      </button>
      <label htmlFor={`${id}-path`} className={styles.visuallyHidden}>
        {t('address.label')}
      </label>
      <input
        id={`${id}-path`}
        className={styles.addressInput}
        value={value}
        spellCheck={false}
        autoComplete="off"
        maxLength={2000}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        data-address=""
        onChange={(event) => {
          setInvalid(false)
          setDraft({ text: event.target.value, at: events.path })
        }}
      />
      <button type="submit" className={styles.smallButton} disabled={disabled}>
        {t('address.go')}
      </button>
      {invalid && (
        <span id={`${id}-error`} role="alert" className={styles.addressError}>
          {t('address.invalid')}
        </span>
      )}
    </form>
  )
}
