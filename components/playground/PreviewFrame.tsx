// The preview frame, owned by the site rather than by Sandpack's preview component: its
// permissions are fixed before its first navigation (`allow=""`: no camera, microphone,
// geolocation…; a sandbox without modals, popups, downloads or top navigation), and its messages
// pass the guard (messageGuard.ts) before sandpack-client sees them. sandpack-client drives the
// frame it is given (its own attributes are kept when `sandbox` is set) and navigates it once.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useId, type ReactNode } from 'react'
import { guardPreview } from './messageGuard'
import { usePreviewSite } from './previewSite'
import { usePreviewTheme } from './usePreviewTheme'
import styles from './Playground.module.css'

/**
 * allow-same-origin keeps the preview's own origin (its live server cookies and session); that
 * origin is unique to this preview, so it shares nothing with the docs or any other preview.
 */
export const PREVIEW_SANDBOX = 'allow-scripts allow-same-origin allow-forms'

export function PreviewFrame({ children }: { children?: ReactNode }) {
  const t = useTranslations('playground')
  const { sandpack } = useSandpack()
  const { origin, frame } = usePreviewSite()
  const clientId = useId()
  usePreviewTheme()

  useEffect(() => {
    const element = frame.current
    if (!element) return
    const unguard = guardPreview(element, origin, (count) => t('consoleDropped', { count }))
    void sandpack.registerBundler(element, clientId)
    return () => {
      sandpack.unregisterBundler(clientId)
      unguard()
    }
    // Registered once per frame, as Sandpack's own preview does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <div className={`sp-preview ${styles.previewFrame}`}>
      <iframe
        ref={frame}
        className={`sp-preview-iframe ${styles.previewIframe}`}
        title={t('previewTitle')}
        sandbox={PREVIEW_SANDBOX}
        allow=""
        referrerPolicy="no-referrer"
        data-preview-origin={origin}
      />
      {children}
    </div>
  )
}
