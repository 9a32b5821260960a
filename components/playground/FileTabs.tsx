// The playground's visible files as tabs (arrow keys move between them).
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useRef, type KeyboardEvent } from 'react'
import { useScrollHint } from './useScrollHint'
import styles from './Playground.module.css'

export function FileTabs({ panelId }: { panelId: string }) {
  const t = useTranslations('playground')
  const { sandpack } = useSandpack()
  const { visibleFiles, activeFile, setActiveFile } = sandpack
  const ref = useRef<HTMLDivElement>(null)
  useScrollHint(ref, activeFile)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    const next =
      visibleFiles[
        (visibleFiles.indexOf(activeFile) + step + visibleFiles.length) % visibleFiles.length
      ]
    setActiveFile(next)
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-path="${next}"]`)?.focus()
  }

  return (
    // Arrow keys bubble up from the focused tab (roving tabindex); the tablist itself is not a stop.
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus
    <div
      ref={ref}
      className={styles.tabs}
      role="tablist"
      aria-label={t('files')}
      onKeyDown={onKeyDown}
    >
      {visibleFiles.map((path) => (
        <button
          key={path}
          type="button"
          role="tab"
          data-path={path}
          className={styles.tab}
          aria-selected={path === activeFile}
          aria-controls={panelId}
          tabIndex={path === activeFile ? 0 : -1}
          onClick={() => setActiveFile(path)}
        >
          {path.slice(1)}
        </button>
      ))}
    </div>
  )
}
