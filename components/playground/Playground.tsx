// <Playground> for MDX: light on purpose. Its props come from the remark plugin
// (build/remark-playground.mjs): the file map as JSON and the active file highlighted at build
// time. It shows that static version, and loads the heavy Sandpack root only when the playground
// nears the viewport; pages without playgrounds never load Sandpack.
import dynamic from 'next/dynamic'
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { useTranslations } from 'next-intl'
import { StaticPlayground } from './StaticPlayground'
import { useSharedPlayground } from './share/useSharedPlayground'
import type { PlaygroundFiles } from './types'
import styles from './Playground.module.css'

// While the Sandpack chunk downloads, keep showing the static version.
const Fallback = createContext<ReactNode>(null)
function Loading() {
  return <>{useContext(Fallback)}</>
}

const SandpackRoot = dynamic(() => import('./SandpackRoot'), { ssr: false, loading: Loading })

/** How far below the viewport the playground starts loading. */
const START_MARGIN = '1000px 0px'

interface Props {
  /** JSON of the file map; written by the remark plugin, not by hand. */
  files: string
  /** The active file's shiki HTML; written by the remark plugin. */
  staticHtml: string
  /** The example's first render as HTML (scripts/preview-snapshots.mjs), when the build made one. */
  snapshot?: string
  title?: string
  /** Which playground of the page this is ("1", "2"… in page order, the same in every locale). */
  playgroundId?: string
}

export function Playground({ files, staticHtml, snapshot, title, playgroundId }: Props) {
  const t = useTranslations('playground')
  const parsed = useMemo(() => JSON.parse(files) as PlaygroundFiles, [files])
  const ref = useRef<HTMLElement>(null)
  const [started, setStarted] = useState(false)
  const hintId = `${useId()}-hint`
  const start = useCallback(() => setStarted(true), [])
  const shared = useSharedPlayground(playgroundId, parsed, ref, start)

  useEffect(() => {
    const node = ref.current
    if (!node || started) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        setStarted(true)
        // Sandpack imports its preview client on mount: fetch that chunk alongside the root's.
        void import('@codesandbox/sandpack-client/clients/runtime')
      },
      { rootMargin: START_MARGIN },
    )
    observer.observe(node)
    return () => observer.disconnect()
  }, [started])

  const fallback = (
    <StaticPlayground
      files={parsed}
      staticHtml={staticHtml}
      snapshot={snapshot}
      hintId={hintId}
      shareable={Boolean(playgroundId)}
    />
  )
  return (
    <section
      ref={ref}
      className={styles.root}
      aria-label={t('region', { title: title ?? t('defaultTitle') })}
      data-playground={started ? 'live' : 'static'}
      data-playground-id={playgroundId}
    >
      {shared.notice}
      {started ? (
        <Fallback.Provider value={fallback}>
          <SandpackRoot
            key={shared.key}
            files={shared.files}
            hintId={hintId}
            title={title}
            playgroundId={playgroundId}
            // The snapshot is the original example's: a shared link's files render otherwise.
            snapshot={shared.key === 'original' ? snapshot : undefined}
          />
        </Fallback.Provider>
      ) : (
        fallback
      )}
    </section>
  )
}

export default Playground
