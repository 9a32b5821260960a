// <Playground> for MDX: light on purpose. Its props come from the remark plugin
// (build/remark-playground.mjs): the file map as JSON and the active file highlighted at build
// time. It shows that static version (and the build-time snapshot of the preview), and loads the
// heavy Sandpack root only once a reader is at the page and the playground nears the viewport;
// pages without playgrounds never load Sandpack.
import { startTransition, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import { usePlainTranslations } from '../i18n/plainMessage'
import { holdLinkPrefetch } from './linkPrefetch'
import { whenReaderPresent } from './readerPresence'
import { StaticPlayground } from './StaticPlayground'
import { useSharedPlayground } from './share/useSharedPlayground'
import type { PlaygroundFiles } from './types'
import styles from './Playground.module.css'

type Root = typeof import('./SandpackRoot').default

// No Suspense around it: React 19 streams a large boundary out of line and shows it only when a
// script moves it in, which would hide the static playground until then.
const loadRoot = () => import('./SandpackRoot')

/** How far below the viewport the playground starts loading. */
const START_MARGIN = '1000px 0px'
/** A preview that never shows (the live server out of reach) holds links' prefetches no longer. */
const PREFETCH_HOLD_MAX_MS = 10_000

interface Props {
  /** JSON of the file map; written by the remark plugin, not by hand. */
  files: string
  /** The active file's shiki HTML; written by the remark plugin. */
  staticHtml: string
  /** URL of the example's first render as HTML (scripts/preview-snapshots.mjs), if the build made one. */
  snapshot?: string
  title?: string
  /** Which playground of the page this is ("1", "2"… in page order, the same in every locale). */
  playgroundId?: string
}

export function Playground({ files, staticHtml, snapshot, title, playgroundId }: Props) {
  const t = useTranslations('playground')
  const label = usePlainTranslations('playground')
  const parsed = useMemo(() => JSON.parse(files) as PlaygroundFiles, [files])
  const ref = useRef<HTMLElement>(null)
  const [Root, setRoot] = useState<Root | null>(null)
  const started = Root !== null
  const hintId = `${useId()}-hint`
  // Links prefetch other chapters on sight; that waits while this playground may be starting.
  const prefetchHold = useRef<(() => void) | null>(null)
  useEffect(() => {
    const release = holdLinkPrefetch()
    prefetchHold.current = release
    return release
  }, [])
  const letPrefetchGo = useCallback(() => prefetchHold.current?.(), [])
  // A transition: React renders the Sandpack root in slices it can pause for input, rather than
  // blocking the page for the whole mount. A chunk that fails to load is tried again the next
  // time the playground comes into view (webpack forgets failed chunks).
  const start = useCallback(() => {
    setTimeout(letPrefetchGo, PREFETCH_HOLD_MAX_MS)
    loadRoot().then(
      (module) => startTransition(() => setRoot(() => module.default)),
      (error: unknown) => {
        letPrefetchGo()
        console.error('[playground] the editor could not load', error)
      },
    )
  }, [letPrefetchGo])
  const shared = useSharedPlayground(playgroundId, parsed, ref, start)

  useEffect(() => {
    const node = ref.current
    if (!node || started) return
    let observer: IntersectionObserver | undefined
    const cancel = whenReaderPresent(() => {
      observer = new IntersectionObserver(
        (entries) => {
          // Far from the viewport: this one does not start now, so it holds nothing back.
          if (!entries.some((entry) => entry.isIntersecting)) return letPrefetchGo()
          start()
          // Sandpack imports its preview client on mount: fetch that chunk alongside the root's.
          void import('@codesandbox/sandpack-client/clients/runtime')
        },
        { rootMargin: START_MARGIN },
      )
      observer.observe(node)
    })
    return () => {
      cancel()
      observer?.disconnect()
    }
  }, [started, start, letPrefetchGo])

  const staticVersion = (
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
      aria-label={label('region', { title: title ?? t('defaultTitle') })}
      data-playground={started ? 'live' : 'static'}
      data-playground-id={playgroundId}
    >
      {shared.notice}
      {Root ? (
        <Root
          key={shared.key}
          files={shared.files}
          hintId={hintId}
          title={title}
          playgroundId={playgroundId}
          onPreviewShown={letPrefetchGo}
          // The snapshot is the original example's: a shared link's files render otherwise.
          snapshot={shared.key === 'original' ? snapshot : undefined}
        />
      ) : (
        staticVersion
      )}
    </section>
  )
}

export default Playground
