// The example's first render as plain HTML, made at build time by the live server itself
// (scripts/preview-snapshots.mjs). It fills the preview from the page's first paint, in a frame
// that runs no script and takes no clicks, until the live preview has rendered (issue 14).
import { useTranslations } from 'next-intl'
import styles from './Playground.module.css'

export function PreviewSnapshot({ html, overlay = false }: { html: string; overlay?: boolean }) {
  const t = useTranslations('playground')
  return (
    <iframe
      className={
        overlay ? `${styles.snapshotFrame} ${styles.snapshotOverlay}` : styles.snapshotFrame
      }
      title={t('previewSnapshotTitle')}
      srcDoc={html}
      // No token: no script, no form posts, no navigation out, an opaque origin.
      sandbox=""
      tabIndex={-1}
      // Over the live frame it only bridges the wait: assistive tech reads the live one.
      aria-hidden={overlay || undefined}
      data-snapshot=""
    />
  )
}
