// What the reader sees before any JavaScript: the active file, highlighted by shiki at build
// time, in the same boxes the live editor will use.
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { usePlainTranslations } from '../i18n/plainMessage'
import { PlaygroundFrame } from './PlaygroundFrame'
import { PANEL_IDS } from './panelIds'
import { PreviewSnapshot } from './PreviewSnapshot'
import { usesDatabase } from './usesDatabase'
import type { PlaygroundFiles } from './types'
import styles from './Playground.module.css'

interface Props {
  files: PlaygroundFiles
  staticHtml: string
  snapshot?: string
  hintId: string
  /** Set when the live version has a Share button: the stand-in keeps its place. */
  shareable?: boolean
}

export function StaticPlayground({ files, staticHtml, snapshot, hintId, shareable }: Props) {
  const t = useTranslations('playground')
  const label = usePlainTranslations('playground')
  const visible = Object.keys(files).filter((path) => !files[path].hidden)
  const active = visible.find((path) => files[path].active) ?? visible[0]
  // React 19 sets innerHTML again whenever this object is new, without comparing the HTML: a
  // re-render of the page (Next's router after hydration) re-parsed every playground's code,
  // ~100 ms each on a throttled phone.
  const code = useMemo(() => ({ __html: staticHtml }), [staticHtml])
  return (
    <PlaygroundFrame
      hintId={hintId}
      tabs={
        // Focusable so keyboard users can scroll the file list when it overflows on narrow screens.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <ul className={styles.tabs} aria-label={t('files')} tabIndex={0}>
          {visible.map((path) => (
            <li
              key={path}
              className={styles.tab}
              aria-current={path === active ? 'true' : undefined}
            >
              {path.slice(1)}
            </li>
          ))}
        </ul>
      }
      actions={
        // The live toolbar's buttons, disabled, in its order: the toolbar wraps the same way.
        <>
          <button type="button" className={styles.button} disabled>
            {t('reset')}
          </button>
          {usesDatabase(files) && (
            <button type="button" className={styles.button} disabled>
              {t('resetData')}
            </button>
          )}
          <button type="button" className={styles.button} disabled>
            {t('reload')}
          </button>
          <button type="button" className={styles.button} disabled>
            {t('download')}
          </button>
          {shareable && (
            <button type="button" className={styles.button} disabled>
              {t('share.button')}
            </button>
          )}
        </>
      }
      code={
        <div
          className={styles.staticCode}
          role="region"
          tabIndex={0}
          aria-label={label('editorLabel', { file: active.slice(1) })}
          aria-describedby={hintId}
          dangerouslySetInnerHTML={code}
        />
      }
      preview={
        snapshot ? (
          <PreviewSnapshot src={snapshot} />
        ) : (
          <p className={styles.waiting}>{t('previewWaiting')}</p>
        )
      }
      panels={
        <>
          <div className={styles.panelTabs}>
            {PANEL_IDS.map((id, index) => (
              <span key={id} className={styles.tab} aria-current={index === 0 ? 'true' : undefined}>
                {t(id)}
              </span>
            ))}
          </div>
          <div className={styles.panel}>
            <p className={styles.panelEmpty}>{t('staticNote')}</p>
          </div>
        </>
      }
    />
  )
}
