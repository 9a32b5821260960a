// When the build-time snapshot (PreviewSnapshot.tsx) may give way to the live preview.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useEffect, useState } from 'react'

/** False until the live preview has finished its first compile (rendered, or shown its error). */
export function useLivePreviewShown(): boolean {
  const { listen } = useSandpack()
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (shown) return
    return listen((message) => {
      if (message.type === 'done') setShown(true)
    })
  }, [listen, shown])
  return shown
}
