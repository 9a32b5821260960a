// The heavy part, loaded by Playground.tsx when the playground nears the viewport: Sandpack's
// editor and preview, pointed at our own preview runtime (bundlerURL), with the toolbar and panels.
import { SandpackCodeEditor, SandpackPreview, SandpackProvider } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useId, useMemo, useRef } from 'react'
import { DevTools } from './DevTools'
import { ErrorOverlay } from './ErrorOverlay'
import { FileTabs } from './FileTabs'
import { PlaygroundFrame } from './PlaygroundFrame'
import { previewOrigin } from './previewOrigin'
import { ReloadButton } from './ReloadButton'
import { ResetButton } from './ResetButton'
import { ENTRY_FILE, withTemplate } from './template'
import { playgroundTheme } from './theme'
import type { PlaygroundFiles } from './types'
import { useLiveEvents } from './useLiveEvents'
import { useLocalizedLabels } from './useLocalizedLabels'

/** Sandpack waits this long after a keystroke before recompiling (target: preview ≤ 150 ms). */
export const RECOMPILE_DELAY_MS = 30

interface Props {
  files: PlaygroundFiles
  hintId: string
}

function LivePlayground({ hintId }: { hintId: string }) {
  const t = useTranslations('playground')
  const events = useLiveEvents()
  const ref = useRef<HTMLDivElement>(null)
  const editorId = `${useId()}-editor`
  const labels = useMemo(() => ({ editor: (file: string) => t('editorLabel', { file }), preview: t('previewTitle'), hintId }), [t, hintId])
  useLocalizedLabels(ref, labels)
  return (
    <div ref={ref}>
      <PlaygroundFrame
        hintId={hintId}
        tabs={<FileTabs panelId={editorId} />}
        actions={
          <>
            <ResetButton />
            <ReloadButton />
          </>
        }
        code={
          <div id={editorId} style={{ height: '100%' }}>
            <SandpackCodeEditor showTabs={false} showRunButton={false} showLineNumbers={false} wrapContent={false} style={{ height: '100%' }} />
          </div>
        }
        preview={
          <SandpackPreview
            showOpenInCodeSandbox={false}
            showRefreshButton={false}
            showNavigator={false}
            showRestartButton={false}
            showSandpackErrorOverlay={false}
            style={{ height: '100%' }}
          >
            <ErrorOverlay />
          </SandpackPreview>
        }
        panels={<DevTools events={events} />}
      />
    </div>
  )
}

export default function SandpackRoot({ files, hintId }: Props) {
  const t = useTranslations('playground')
  const setup = useMemo(
    () =>
      withTemplate(files, {
        noServerRender: t('runtime.noServerRender'),
        noPage: t('runtime.noPage'),
        noDefaultExport: t('runtime.noDefaultExport')
      }),
    [files, t]
  )
  const activeFile = Object.keys(files).find(path => files[path].active)
  return (
    <SandpackProvider
      files={setup}
      customSetup={{ environment: 'create-react-app', entry: ENTRY_FILE }}
      theme={playgroundTheme}
      options={{
        bundlerURL: `${previewOrigin()}/`,
        recompileMode: 'delayed',
        recompileDelay: RECOMPILE_DELAY_MS,
        initMode: 'immediate',
        autorun: true,
        activeFile
      }}
    >
      <LivePlayground hintId={hintId} />
    </SandpackProvider>
  )
}
