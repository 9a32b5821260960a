// A preview that never starts must not stay blank: when the preview runtime has not started a
// compile (its handshake with the editor page) in time, or its first compile does not end, the
// reader sees a message in their language and a button that loads the preview again. Unlike
// Sandpack's own bundler timeout (turned off in SandpackRoot.tsx), it never stops the preview: a
// late one that starts after all clears the message.
import { useSandpack, useSandpackNavigation } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useRef, useState } from 'react'
import { armPreview } from './messageGuard'
import { usePreviewSite } from './previewSite'
import styles from './Playground.module.css'
import watchdog from './PreviewWatchdog.module.css'

/**
 * From load (or retry) to the runtime's first `start`, before the frame is navigated again once,
 * without a word. Seen about once in a few hundred first starts under CI load: the frame's
 * navigation never commits, or commits a page that never says `initialized` to the editor (seen
 * while Sandpack navigated each frame twice; navigateOnce.ts makes it once). Only a preview still
 * not started at START_TIMEOUT_MS gets the message.
 */
export const SILENT_RETRY_MS = 10_000
/** From load (or retry) to the runtime's first `start`: its page loaded, registered and compiles (a busy box takes long: a false alarm would interrupt a reader for nothing). */
export const START_TIMEOUT_MS = 25_000
/** From `start` to `done`: a deploy and a render, on a busy server. */
export const DONE_TIMEOUT_MS = 60_000

export function PreviewWatchdog({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations('playground')
  const { listen } = useSandpack()
  const { refresh } = useSandpackNavigation()
  const { frame } = usePreviewSite()
  // Which load of the frame is watched: a retry starts a new one.
  const [attempt, setAttempt] = useState(0)
  const [stuck, setStuck] = useState<number | null>(null)
  const retryRef = useRef<HTMLButtonElement>(null)

  // Where this load of the frame (attempt) got to. Sandpack hands out a new `listen` when the
  // frame registers and again as its state changes: the watch restarts with it, but a preview that
  // started already must not be taken for one that never did (and be loaded again mid-use).
  const watched = useRef({ attempt, phase: 'loading' as 'loading' | 'compiling' | 'shown' })

  useEffect(() => {
    if (watched.current.attempt !== attempt) watched.current = { attempt, phase: 'loading' }
    const watch = watched.current
    let timer =
      watch.phase === 'loading'
        ? setTimeout(() => setStuck(START_TIMEOUT_MS), START_TIMEOUT_MS)
        : watch.phase === 'compiling'
          ? setTimeout(() => setStuck(DONE_TIMEOUT_MS), DONE_TIMEOUT_MS)
          : undefined
    const silentRetry = setTimeout(() => {
      if (watch.phase !== 'loading') return
      armPreview(frame.current)
      refresh()
    }, SILENT_RETRY_MS)
    const unlisten = listen((message) => {
      if (message.type === 'start' && watch.phase === 'loading') {
        watch.phase = 'compiling'
        clearTimeout(timer)
        setStuck(null)
        timer = setTimeout(() => setStuck(DONE_TIMEOUT_MS), DONE_TIMEOUT_MS)
      } else if (message.type === 'done' && watch.phase !== 'shown') {
        watch.phase = 'shown'
        clearTimeout(timer)
        setStuck(null)
      }
    })
    return () => {
      clearTimeout(timer)
      clearTimeout(silentRetry)
      unlisten()
    }
    // `frame` is a ref and `refresh` Sandpack's dispatch: neither starts a new watch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listen, attempt])

  useEffect(() => {
    if (stuck !== null) retryRef.current?.focus({ preventScroll: true })
  }, [stuck])

  if (stuck === null) return null
  return (
    <div className={`${styles.errorOverlay} ${watchdog.overlay}`} role="alert" data-preview-stuck>
      <p className={styles.errorTitle}>{t('previewTimeout', { seconds: stuck / 1000 })}</p>
      <button
        ref={retryRef}
        type="button"
        className={styles.button}
        onClick={() => {
          setStuck(null)
          setAttempt((n) => n + 1)
          // As the reload button: the session the old page held ends, the site navigates the frame.
          onRetry()
          armPreview(frame.current)
          refresh()
        }}
      >
        {t('previewRetry')}
      </button>
    </div>
  )
}
