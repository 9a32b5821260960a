// The JavaScript-off view: the page as plain HTML from the live server (GET …/html), in a frame
// whose sandbox allows forms but no script. Its forms post to the live server the way a browser
// without JavaScript posts them, and the answer is the next page, exactly as with `next start`.
import { useLocale, useTranslations } from 'next-intl'
import { usePreviewSite } from './previewSite'
import styles from './Playground.module.css'

interface Props {
  session: string
  /** The route to show first ("/", "/done?x=1"). */
  path: string
}

/**
 * Where the live server serves a route of this session as HTML, on the preview origin. A frame's
 * navigation cannot send the `x-live-embedded` header the preview's calls carry: `embedded=1` says
 * the same (cookies `SameSite=None; Secure; Partitioned`, the only kind kept in a frame of another
 * site), and the server keeps it in the links, form posts and redirects of that HTML.
 */
export function htmlUrl(origin: string, session: string, path: string, locale: string): string {
  // `lang`: the few words the server writes itself (an external redirect's notice) in the reader's.
  return `${origin}/api/live/${encodeURIComponent(session)}/html?path=${encodeURIComponent(path)}&embedded=1&lang=${encodeURIComponent(locale)}`
}

export function NoJsPreview({ session, path }: Props) {
  const t = useTranslations('playground')
  const locale = useLocale()
  const { origin } = usePreviewSite()
  return (
    <iframe
      className={styles.noJsFrame}
      title={t('noJsFrameTitle')}
      src={htmlUrl(origin, session, path, locale)}
      // No allow-scripts: nothing in this frame runs JavaScript. Same origin as the preview, so its
      // posts carry the session's cookies (sign-in included) like the live preview's calls.
      sandbox="allow-forms allow-same-origin"
      data-nojs=""
    />
  )
}
