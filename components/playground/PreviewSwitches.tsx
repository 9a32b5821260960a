// Switches above the preview, shown only where they mean something: sign in or out as the demo
// user of `@/lib/auth` (the preview asks the live server, which sets the session's sign-in cookie,
// then renders the page again), and JavaScript off (the page as the live server's plain HTML, whose
// forms post without any script: progressive enhancement, for real); and the network switch.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useState, type ReactNode } from 'react'
import { NetworkSwitch } from './NetworkSwitch'
import { ProductionSwitch } from './ProductionSwitch'
import type { LiveEvents } from './useLiveEvents'
import styles from './Playground.module.css'

/** The demo user the sign-in switch signs in as (one of @/lib/auth's users on the live server). */
export const DEMO_USER = { id: 'user_1', name: 'Ada Lovelace' }

type Dispatch = ReturnType<typeof useSandpack>['dispatch']
type Message = Parameters<Dispatch>[0]

interface SwitchProps {
  checked: boolean
  busy?: boolean
  disabled?: boolean
  title: string
  onToggle: () => void
  children: ReactNode
  name: string
}

export function Switch({
  checked,
  busy = false,
  disabled = false,
  title,
  onToggle,
  children,
  name,
}: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      className={styles.switch}
      aria-checked={checked}
      aria-busy={busy || undefined}
      disabled={disabled}
      title={title}
      data-switch={name}
      onClick={onToggle}
    >
      <span className={styles.track} aria-hidden="true">
        <span className={styles.thumb} />
      </span>
      {children}
    </button>
  )
}

interface Props {
  events: LiveEvents
  /** Show the sign-in switch (a file of the playground imports @/lib/auth). */
  signIn: boolean
  /** Show the JavaScript switch (the page is a Server Component, which the live server renders to HTML). */
  noJs: boolean
  noJsOn: boolean
  onNoJsChange: (on: boolean) => void
}

export function PreviewSwitches({ events, signIn, noJs, noJsOn, onNoJsChange }: Props) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const send = (message: Record<string, unknown>) => dispatch(message as unknown as Message)
  // The state asked for, until the preview's next auth answer (the switch shows it, busy, meanwhile).
  const [requested, setRequested] = useState<{ user: boolean; atAnswer: number } | null>(null)
  const signedIn = events.user !== null
  const busy = requested !== null && requested.atAnswer === events.authAnswers
  const announcement =
    events.authAnswers && !busy
      ? events.user
        ? t('signedInAs', { name: DEMO_USER.name })
        : t('signedOut')
      : ''

  const checked = busy ? requested.user : signedIn
  return (
    <div className={styles.previewBar} role="group" aria-label={t('previewOptions')}>
      {signIn && (
        <Switch
          name="signIn"
          checked={checked}
          busy={busy}
          title={t('signInTitle', { name: DEMO_USER.name, user: DEMO_USER.id })}
          onToggle={() => {
            setRequested({ user: !checked, atAnswer: events.authAnswers })
            send({ type: 'live/auth', user: checked ? null : DEMO_USER.id })
          }}
        >
          {t('signIn')}
        </Switch>
      )}
      {noJs && (
        <Switch
          name="noJs"
          checked={noJsOn}
          disabled={!events.session}
          title={t('noJsTitle')}
          onToggle={() => {
            // Back to the live preview: it renders again, showing what the plain posts changed.
            if (noJsOn) send({ type: 'live/refresh' })
            onNoJsChange(!noJsOn)
          }}
        >
          {t('noJs')}
        </Switch>
      )}
      <ProductionSwitch events={events} />
      <NetworkSwitch events={events} />
      <span role="status" className={styles.visuallyHidden}>
        {announcement}
      </span>
    </div>
  )
}
