// The example's first render as plain HTML, made at build time by the live server itself
// (scripts/preview-snapshots.mjs) and served as a file. It fills the preview before any JavaScript,
// in a frame that runs no script and takes no clicks, until the live preview has rendered (issue
// 14). Lazy: a frame far below the fold is neither fetched nor laid out while the page loads.
import { useTranslations } from 'next-intl'
import styles from './Playground.module.css'

export function PreviewSnapshot({ src, overlay = false }: { src: string; overlay?: boolean }) {
  const t = useTranslations('playground')
  return (
    <iframe
      className={
        overlay ? `${styles.snapshotFrame} ${styles.snapshotOverlay}` : styles.snapshotFrame
      }
      title={t('previewSnapshotTitle')}
      src={src}
      loading="lazy"
      // No script, no form posts, no navigation out. The site's own origin, not an opaque one:
      // Chromium starts a renderer process for each opaque-origin frame, on the two cores the
      // page is loading on (issue 14); without scripts the origin gives the frame nothing.
      sandbox="allow-same-origin"
      tabIndex={-1}
      // Over the live frame it only bridges the wait: assistive tech reads the live one.
      aria-hidden={overlay || undefined}
      data-snapshot=""
    />
  )
}
