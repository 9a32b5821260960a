// The panels under the editor: browser console, server console, network,
// cookies. All stay mounted so none misses a message while another is shown.
import { useTranslations } from 'next-intl'
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { BrowserConsole } from './BrowserConsole'
import { CookiesPanel } from './CookiesPanel'
import { NetworkPanel } from './NetworkPanel'
import { PANEL_IDS, type PanelId } from './panelIds'
import { ServerConsole } from './ServerConsole'
import type { LiveEvents } from './useLiveEvents'
import { useScrollHint } from './useScrollHint'
import styles from './Playground.module.css'

export function DevTools({ events }: { events: LiveEvents }) {
  const t = useTranslations('playground')
  const [open, setOpen] = useState<PanelId>('browserConsole')
  const base = useId()
  const tabsRef = useRef<HTMLDivElement>(null)
  useScrollHint(tabsRef, open)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    const next = PANEL_IDS[(PANEL_IDS.indexOf(open) + step + PANEL_IDS.length) % PANEL_IDS.length]
    setOpen(next)
    document.getElementById(`${base}-${next}-tab`)?.focus()
  }

  const panels: Record<PanelId, React.ReactNode> = {
    browserConsole: <BrowserConsole />,
    serverConsole: <ServerConsole events={events} />,
    network: <NetworkPanel events={events} />,
    cookies: <CookiesPanel events={events} />,
  }

  return (
    <>
      {/* Arrow keys bubble up from the focused tab (roving tabindex); the tablist is not a stop. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div
        ref={tabsRef}
        className={styles.panelTabs}
        role="tablist"
        aria-label={t('panels')}
        onKeyDown={onKeyDown}
      >
        {PANEL_IDS.map((id) => (
          <button
            key={id}
            id={`${base}-${id}-tab`}
            type="button"
            role="tab"
            className={styles.tab}
            aria-selected={open === id}
            aria-controls={`${base}-${id}`}
            tabIndex={open === id ? 0 : -1}
            onClick={() => setOpen(id)}
            data-panel={id}
          >
            {t(id)}
          </button>
        ))}
      </div>
      {PANEL_IDS.map((id) => (
        <div
          key={id}
          id={`${base}-${id}`}
          role="tabpanel"
          aria-labelledby={`${base}-${id}-tab`}
          className={styles.panel}
          hidden={open !== id}
          tabIndex={0}
          data-panel={id}
        >
          {panels[id]}
        </div>
      ))}
    </>
  )
}
