// A page opened from a share link: the playground the link names starts with the link's files,
// under a notice with a way back to the original. A link that cannot be read leaves the original
// in place with a clear error, and the link stays in the address bar (nothing is lost).
import { useTranslations } from 'next-intl'
import { useEffect, useState, type ReactNode, type RefObject } from 'react'
import type { PlaygroundFiles } from '../types'
import { sharedPlaygroundId } from './shareHash'
import type { ShareError } from './shareLink'
import styles from '../Playground.module.css'
import share from './Share.module.css'

type State =
  | { kind: 'none' }
  | { kind: 'shared'; files: PlaygroundFiles; version: number }
  | { kind: 'error'; error: ShareError }

export function useSharedPlayground(
  id: string | undefined,
  original: PlaygroundFiles,
  ref: RefObject<HTMLElement | null>,
  start: () => void,
): { files: PlaygroundFiles; key: string; notice: ReactNode } {
  const t = useTranslations('playground.share')
  const [state, setState] = useState<State>({ kind: 'none' })

  useEffect(() => {
    if (!id) return
    // The decoder (with fflate) loads only for a hash naming this playground; `latest` keeps a
    // slow load from applying a hash the reader has already left.
    let latest = 0
    const read = () => {
      const hash = window.location.hash
      // Another hash (a heading's anchor) does not take the reader's shared files away.
      if (sharedPlaygroundId(hash) !== id) return
      const call = ++latest
      import('./shareLink').then(
        ({ applyShare, readShare }) => {
          if (call !== latest) return
          const result = readShare(hash, id, original)
          if (result.kind === 'none') return
          setState((previous) =>
            result.kind === 'ok'
              ? {
                  kind: 'shared',
                  files: applyShare(original, result.files),
                  version: previous.kind === 'shared' ? previous.version + 1 : 1,
                }
              : result,
          )
          start()
          ref.current?.scrollIntoView({ block: 'start' })
        },
        (error: unknown) => console.error('[playground] the share link could not be read', error),
      )
    }
    read()
    window.addEventListener('hashchange', read)
    return () => {
      latest = -1
      window.removeEventListener('hashchange', read)
    }
  }, [id, original, ref, start])

  const back = () => {
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', pathname + search)
    setState({ kind: 'none' })
  }

  let notice: ReactNode = null
  if (state.kind === 'shared')
    notice = (
      <div className={share.notice} role="status" data-share-notice="shared">
        <span>{t('notice')}</span>
        <button type="button" className={styles.button} onClick={back}>
          {t('back')}
        </button>
      </div>
    )
  else if (state.kind === 'error')
    notice = (
      <div className={share.notice} role="alert" data-share-notice="error">
        <span>{t('invalid', { reason: t(`errors.${state.error}`) })}</span>
        <button type="button" className={styles.button} onClick={() => setState({ kind: 'none' })}>
          {t('dismiss')}
        </button>
      </div>
    )
  return {
    files: state.kind === 'shared' ? state.files : original,
    key: state.kind === 'shared' ? `shared-${state.version}` : 'original',
    notice,
  }
}
