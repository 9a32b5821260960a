// The network switch above the preview: normal, slow (each Server Action call held 1.5 s before it
// leaves) or failing (the next call fails as a dropped connection would, then back to normal).
// The preview runtime applies it (preview-runtime/src/network.ts); the network panel marks the
// calls it touched.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useId, useState } from 'react'
import type { LiveEvents, SimulatedCall } from './useLiveEvents'
import styles from './Playground.module.css'

export const NETWORK_MODES = ['normal', 'slow', 'failing'] as const
export type NetworkMode = (typeof NETWORK_MODES)[number]

type Dispatch = ReturnType<typeof useSandpack>['dispatch']
type Message = Parameters<Dispatch>[0]

const lastSeq = (calls: SimulatedCall[]) => calls.reduce((max, c) => Math.max(max, c.seq), 0)

export function NetworkSwitch({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const id = useId()
  // "failing" is spent by the first call it fails: the entries tell, no extra message needed.
  const [chosen, setChosen] = useState<{ mode: NetworkMode; after: number }>({
    mode: 'normal',
    after: 0,
  })
  const spent =
    chosen.mode === 'failing' &&
    events.simulated.some((c) => c.kind === 'failed' && c.seq > chosen.after)
  const mode: NetworkMode = spent ? 'normal' : chosen.mode

  // Also on a new session: a reloaded preview starts normal, whatever the switch shows.
  useEffect(() => {
    dispatch({ type: 'live/network-mode', mode } as unknown as Message)
  }, [dispatch, mode, events.session])

  return (
    // The label stands beside the select, not around it: the select's name stays "Network" alone.
    <span className={styles.networkSwitch} title={t('networkModeTitle')} data-switch="network">
      <label htmlFor={id}>{t('networkMode')}</label>
      <select
        id={id}
        value={mode}
        onChange={(event) =>
          setChosen({ mode: event.target.value as NetworkMode, after: lastSeq(events.simulated) })
        }
      >
        {NETWORK_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`networkModes.${m}`)}
          </option>
        ))}
      </select>
    </span>
  )
}
