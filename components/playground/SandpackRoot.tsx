// The heavy part, loaded by Playground.tsx when the playground nears the viewport: Sandpack's
// editor and preview, pointed at our own preview runtime (bundlerURL), with the toolbar and panels.
import { SandpackCodeEditor, SandpackProvider, useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { AddressBar } from './AddressBar'
import { DevTools } from './DevTools'
import { DownloadButton } from './DownloadButton'
import { ErrorOverlay } from './ErrorOverlay'
import { errorLineExtensions, useErrorLineMark } from './errorLine'
import { FileTabs } from './FileTabs'
import { NoJsPreview } from './NoJsPreview'
import { PlaygroundFrame } from './PlaygroundFrame'
import { newPreviewId, previewOrigin } from './previewOrigin'
import { PreviewFrame } from './PreviewFrame'
import { PreviewSiteContext, usePreviewSite } from './previewSite'
import { PreviewSnapshot } from './PreviewSnapshot'
import { PreviewSwitches } from './PreviewSwitches'
import { PreviewWatchdog } from './PreviewWatchdog'
import { ReloadButton } from './ReloadButton'
import { ResetButton } from './ResetButton'
import './navigateOnce'
import { ResetDataButton, usesDatabase } from './ResetDataButton'
import { ShareButton } from './share/ShareButton'
import { ENTRY_FILE, withTemplate } from './template'
import { playgroundTheme } from './theme'
import type { PlaygroundFiles } from './types'
import { useLiveEvents } from './useLiveEvents'
import { useLivePreviewShown } from './useLivePreviewShown'
import { useLocalizedLabels } from './useLocalizedLabels'
import styles from './Playground.module.css'

/** Sandpack waits this long after a keystroke before recompiling (target: preview ≤ 150 ms). */
export const RECOMPILE_DELAY_MS = 30
/** A day: Sandpack's timer never fires on a page a reader has open (setTimeout's cap is ~24.8 days). */
const BUNDLER_TIMEOUT_OFF = 24 * 60 * 60 * 1000

interface Props {
  files: PlaygroundFiles
  hintId: string
  /** The playground's title: the downloaded app's name. */
  title?: string
  /** URL of the example's first render as HTML, shown until the live preview has rendered. */
  snapshot?: string
  /** The playground's id on its page: share links name it. */
  playgroundId?: string
  /** Called once the live preview has shown (its first compile done). */
  onPreviewShown?: () => void
}

const AUTH_IMPORT = /from\s+['"]@\/lib\/auth['"]/
const CLIENT_DIRECTIVE = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/

/** Which preview switches a playground gets, from its original files. */
function switchesFor(files: PlaygroundFiles) {
  const page = files['/app/page.tsx']?.code
  return {
    signIn: Object.values(files).some((file) => AUTH_IMPORT.test(file.code)),
    // Only a Server Component page has an HTML version on the live server.
    noJs: page !== undefined && !CLIENT_DIRECTIVE.test(page),
  }
}

function LivePlayground({
  hintId,
  files,
  title,
  snapshot,
  playgroundId,
  onPreviewShown,
}: {
  hintId: string
  files: PlaygroundFiles
  title: string
  snapshot?: string
  playgroundId?: string
  onPreviewShown?: () => void
}) {
  const t = useTranslations('playground')
  const { origin } = usePreviewSite()
  const events = useLiveEvents(origin)
  const switches = useMemo(() => switchesFor(files), [files])
  // The JavaScript-off view, opened at the route the preview showed when it was switched on.
  const [noJsPath, setNoJsPath] = useState<string | null>(null)
  const { dispatch } = useSandpack()
  const noJsOn = noJsPath !== null
  const liveShown = useLivePreviewShown()
  useEffect(() => {
    if (liveShown) onPreviewShown?.()
  }, [liveShown, onPreviewShown])
  useEffect(() => {
    // While the JavaScript-off view shows the session, the preview must not end it on pagehide.
    dispatch({ type: 'live/keep-session', keep: noJsOn } as unknown as Parameters<
      typeof dispatch
    >[0])
  }, [dispatch, noJsOn])
  const ref = useRef<HTMLDivElement>(null)
  useErrorLineMark(ref)
  const editorId = `${useId()}-editor`
  const labels = useMemo(
    () => ({
      editor: (file: string) => t('editorLabel', { file }),
      preview: t('previewTitle'),
      hintId,
    }),
    [t, hintId],
  )
  useLocalizedLabels(ref, labels)
  return (
    <div ref={ref}>
      <PlaygroundFrame
        hintId={hintId}
        tabs={<FileTabs panelId={editorId} />}
        actions={
          <>
            <ResetButton />
            {usesDatabase(files) && <ResetDataButton />}
            <ReloadButton onReload={events.forgetSession} />
            <DownloadButton title={title} />
            {playgroundId && <ShareButton id={playgroundId} files={files} />}
          </>
        }
        code={
          <div id={editorId} style={{ height: '100%' }}>
            <SandpackCodeEditor
              showTabs={false}
              showRunButton={false}
              extensions={errorLineExtensions}
              showLineNumbers
              wrapContent
              style={{ height: '100%' }}
            />
          </div>
        }
        preview={
          <>
            <PreviewSwitches
              events={events}
              {...switches}
              noJsOn={noJsPath !== null}
              onNoJsChange={(on) => setNoJsPath(on ? events.path : null)}
            />
            <AddressBar events={events} />
            <div className={styles.previewBody}>
              {/* The live preview keeps running under the JavaScript-off view (same session). */}
              <div
                className={styles.previewLive}
                inert={noJsPath !== null && events.session !== null}
              >
                <PreviewFrame>
                  <ErrorOverlay />
                  <PreviewWatchdog onRetry={events.forgetSession} />
                </PreviewFrame>
                {snapshot && !liveShown && <PreviewSnapshot src={snapshot} overlay />}
              </div>
              {noJsPath !== null && events.session !== null && (
                <NoJsPreview
                  key={`${events.session} ${events.authAnswers} ${events.mode}`}
                  session={events.session}
                  path={noJsPath}
                />
              )}
            </div>
          </>
        }
        panels={<DevTools events={events} />}
      />
    </div>
  )
}

export default function SandpackRoot({
  files,
  hintId,
  title,
  snapshot,
  playgroundId,
  onPreviewShown,
}: Props) {
  const t = useTranslations('playground')
  // This playground's own preview origin, for as long as it is on the page.
  const [origin] = useState(() => previewOrigin(newPreviewId()))
  const frame = useRef<HTMLIFrameElement>(null)
  const site = useMemo(() => ({ origin, frame }), [origin])
  const setup = useMemo(
    () =>
      withTemplate(files, {
        noPage: t('runtime.noPage'),
        noDefaultExport: t('runtime.noDefaultExport'),
        // The preview fills {url} in itself.
        externalRedirect: t('runtime.externalRedirect', { url: '{url}' }),
        runtimeFrames: t('runtime.runtimeFrames', { count: '{count}' }),
      }),
    [files, t],
  )
  const activeFile = Object.keys(files).find((path) => files[path].active)
  return (
    <SandpackProvider
      files={setup}
      customSetup={{ environment: 'create-react-app', entry: ENTRY_FILE }}
      theme={playgroundTheme}
      options={{
        bundlerURL: `${origin}/`,
        recompileMode: 'delayed',
        recompileDelay: RECOMPILE_DELAY_MS,
        initMode: 'immediate',
        // Sandpack's own bundler timeout (40 s to a first clean compile) unregisters the preview
        // and blanks its frame without a word: a slow first start then never appeared. Our
        // PreviewWatchdog says when a preview is late and offers a retry, and never blanks it.
        bundlerTimeOut: BUNDLER_TIMEOUT_OFF,
        autorun: true,
        activeFile,
      }}
    >
      <PreviewSiteContext.Provider value={site}>
        <LivePlayground
          hintId={hintId}
          files={files}
          title={title ?? t('defaultTitle')}
          snapshot={snapshot}
          playgroundId={playgroundId}
          onPreviewShown={onPreviewShown}
        />
      </PreviewSiteContext.Provider>
    </SandpackProvider>
  )
}
