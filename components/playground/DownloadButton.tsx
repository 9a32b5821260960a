// Saves the playground's current files as a zip holding a complete Next.js 16 app. fflate builds
// the zip in the browser: 8 kB, no dependencies, synchronous zipSync for a few small text files.
import { useSandpack } from '@codesandbox/sandpack-react'
import { strToU8, zipSync } from 'fflate'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import { nextProjectFiles, packageName } from './download/nextProject'
import { CONFIG_FILE } from './template'
import styles from './Playground.module.css'

/** The files a reader sees and edits (hidden ones, like check.json, stay out). */
export function visibleFiles(
  files: Record<string, { code: string; hidden?: boolean }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, file] of Object.entries(files))
    if (!file.hidden && path !== CONFIG_FILE) out[path] = file.code
  return out
}

export function DownloadButton({ title }: { title: string }) {
  const t = useTranslations('playground')
  const { sandpack } = useSandpack()
  const [announcement, setAnnouncement] = useState('')

  function download() {
    const name = packageName(title)
    const project = nextProjectFiles(visibleFiles(sandpack.files), title)
    const zip = zipSync(
      Object.fromEntries(
        Object.entries(project).map(([path, code]) => [`${name}/${path}`, strToU8(code)]),
      ),
    )
    const url = URL.createObjectURL(new Blob([zip], { type: 'application/zip' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `${name}.zip`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    setAnnouncement(t('downloadDone', { file: `${name}.zip` }))
  }

  return (
    <>
      <button type="button" className={styles.button} title={t('downloadTitle')} onClick={download}>
        {t('download')}
      </button>
      <span role="status" className={styles.visuallyHidden}>
        {announcement}
      </span>
    </>
  )
}
