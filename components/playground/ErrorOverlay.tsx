// Compile and runtime errors over the preview, in the reader's language (Sandpack's own overlay
// has an English title). The message comes from the preview runtime and starts with
// file:line:column; when that file is in the playground, a code frame shows the line, and a click
// on it opens the file in the editor at that line (errorLine.ts marks it there too).
import { useErrorMessage, useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { codeFrame, locationOf } from './codeFrame'
import { useJumpTo } from './errorLine'
import styles from './Playground.module.css'

export function ErrorOverlay() {
  const t = useTranslations('playground')
  const message = useErrorMessage()
  const { sandpack } = useSandpack()
  const jumpTo = useJumpTo()
  if (!message) return null
  const { error, files } = sandpack
  const parsed = locationOf(message)
  const path = error?.path ?? (parsed ? `/${parsed.file}` : null)
  const line = error?.line ?? parsed?.line
  const column = error?.column ?? parsed?.column ?? 1
  const source = path ? files[path]?.code : undefined
  const frame = source !== undefined && line ? codeFrame(source, line) : []
  const width = String(frame.at(-1)?.number ?? 0).length
  return (
    <div className={`${styles.errorOverlay} sp-error`} role="alert">
      <p className={styles.errorTitle}>{t('errorTitle')}</p>
      <pre className={styles.errorMessage}>{message}</pre>
      {frame.length > 0 && path && line && (
        <button
          type="button"
          className={styles.codeFrame}
          onClick={(event) => jumpTo(event.currentTarget, path, line, column)}
          aria-label={t('errorJump', { file: path.slice(1), line })}
          data-code-frame
        >
          {frame.map((row) => (
            <span key={row.number} className={styles.frameLine} data-marked={row.marked}>
              <span className={styles.frameGutter}>
                {row.marked ? '>' : ' '} {String(row.number).padStart(width)} |
              </span>{' '}
              {row.text}
              {row.marked && (
                <span className={styles.frameCaret} aria-hidden="true">
                  {'\n'}
                  {' '.repeat(width + 5 + Math.max(0, column - 1))}^
                </span>
              )}
            </span>
          ))}
          <span className={styles.frameHint}>{t('errorJump', { file: path.slice(1), line })}</span>
        </button>
      )}
    </div>
  )
}
