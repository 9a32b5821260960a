// Tells the preview (another origin: it cannot see the docs page) whether the site shows light or
// dark, so its text keeps its contrast: on each compile start (a reload navigates the frame again)
// and whenever next-themes changes the class of <html> (light, dark, or the system's choice).
import { useSandpack } from '@codesandbox/sandpack-react'
import { useEffect } from 'react'

type Dispatch = ReturnType<typeof useSandpack>['dispatch']

function currentScheme(): 'light' | 'dark' {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light'
}

export function usePreviewTheme() {
  const { dispatch, listen } = useSandpack()
  useEffect(() => {
    let last: string | null = null
    const send = (force: boolean) => {
      const scheme = currentScheme()
      if (!force && scheme === last) return
      last = scheme
      dispatch({ type: 'live/theme', scheme } as unknown as Parameters<Dispatch>[0])
    }
    const unlisten = listen((message) => {
      if (message.type === 'start') send(true)
    })
    const observer = new MutationObserver(() => send(false))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
    send(true)
    return () => {
      unlisten()
      observer.disconnect()
    }
  }, [dispatch, listen])
}
