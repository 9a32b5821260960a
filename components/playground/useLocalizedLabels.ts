// Sandpack writes a few English labels itself (the editor's "Code Editor for …", the preview's
// "Sandpack Preview", the loading cube's "Open in CodeSandbox"). This puts the reader's language there, and links the editor to the
// keyboard hint, whenever Sandpack (re)renders those nodes.
import { useEffect, type RefObject } from 'react'

interface Labels {
  editor: (file: string) => string
  preview: string
  hintId: string
}

function apply(root: HTMLElement, labels: Labels) {
  const set = (el: Element, name: string, value: string) => {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value)
  }
  const file = root.querySelector('[role="tab"][aria-selected="true"]')?.textContent ?? ''
  root
    .querySelectorAll('.sp-code-editor [role="textbox"], .sp-code-editor .cm-content')
    .forEach((el) => {
      set(el, 'aria-label', labels.editor(file))
      set(el, 'aria-describedby', labels.hintId)
    })
  root
    .querySelectorAll('iframe.sp-preview-iframe, .sp-preview iframe')
    .forEach((el) => set(el, 'title', labels.preview))
  // Sandpack's loading cube says "Open in CodeSandbox": no such link exists here.
  root
    .querySelectorAll('[title="Open in CodeSandbox"]')
    .forEach((el) => el.removeAttribute('title'))
}

export function useLocalizedLabels(ref: RefObject<HTMLElement | null>, labels: Labels) {
  useEffect(() => {
    const root = ref.current
    if (!root) return
    apply(root, labels)
    const observer = new MutationObserver(() => apply(root, labels))
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label', 'title', 'aria-selected'],
    })
    return () => observer.disconnect()
  }, [ref, labels])
}
