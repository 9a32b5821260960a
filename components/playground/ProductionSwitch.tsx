// The production switch: the session runs as `next start` (production: errors reach the client
// as a digest only) instead of `next dev`. The preview deploys the same files again in that mode
// and renders the route shown again; a reloaded preview (a new session) is asked again.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { Switch } from './PreviewSwitches'
import type { LiveEvents, Mode } from './useLiveEvents'

type Dispatch = ReturnType<typeof useSandpack>['dispatch']
type Message = Parameters<Dispatch>[0]

export function ProductionSwitch({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const { dispatch } = useSandpack()
  const [wanted, setWanted] = useState<Mode>('development')
  const { session, mode } = events
  // Until the preview says it runs in the mode asked for (a new session starts in development).
  const busy = session !== null && wanted !== mode

  useEffect(() => {
    if (session !== null && wanted !== mode)
      dispatch({ type: 'live/mode', mode: wanted } as unknown as Message)
  }, [dispatch, session, wanted, mode])

  return (
    <Switch
      name="production"
      checked={wanted === 'production'}
      busy={busy}
      disabled={!session}
      title={t('productionTitle')}
      onToggle={() => setWanted(wanted === 'production' ? 'development' : 'production')}
    >
      {t('production')}
    </Switch>
  )
}
