// "Share": copies a link to this page whose hash carries the playground's files (deflated; the
// hash never reaches a server). When the clipboard is refused, the link is shown to copy by hand.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import type { PlaygroundFiles } from '../types'
import { encodeShare, filesToShare } from './shareLink'
import styles from '../Playground.module.css'
import share from './Share.module.css'

type State =
  { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; url: string } | { kind: 'too-large' }

export function ShareButton({ id, files }: { id: string; files: PlaygroundFiles }) {
  const t = useTranslations('playground.share')
  const { sandpack } = useSandpack()
  const [state, setState] = useState<State>({ kind: 'idle' })

  async function copyLink() {
    const hash = encodeShare(id, filesToShare(files, sandpack.files))
    if (!hash) return setState({ kind: 'too-large' })
    const { origin, pathname, search } = window.location
    const url = origin + pathname + search + hash
    try {
      await navigator.clipboard.writeText(url)
      setState({ kind: 'copied' })
    } catch {
      setState({ kind: 'manual', url })
    }
  }

  return (
    <>
      <button
        type="button"
        className={styles.button}
        title={t('title')}
        data-action="share"
        onClick={() => void copyLink()}
      >
        {t('button')}
      </button>
      <span role="status" className={share.status}>
        {state.kind === 'copied' ? t('copied') : state.kind === 'too-large' ? t('tooLarge') : ''}
      </span>
      {state.kind === 'manual' && (
        <label className={share.manual}>
          {t('manual')}{' '}
          <input
            readOnly
            value={state.url}
            data-share-url
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
      )}
    </>
  )
}
