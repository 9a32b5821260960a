// Playgrounds boot Sandpack only once a reader is at the page: the first real input (pointer,
// touch, key, wheel, or focus moving, as a screen reader's browsing does without keys reaching
// the page). A page opened and left alone — a crawler, a background tab, a reader still
// reading the snapshot — costs no editor, no preview runtime and no live session, and the page's
// own load keeps the main thread to itself.
const INPUTS = ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'wheel', 'focusin'] as const
const OPTIONS = { capture: true, passive: true } as const

/** Set by EARLY_INPUT_SCRIPT when input came before this chunk ran. */
const EARLY_FLAG = '__readerInput'

/**
 * Inline in every page's head (pages/_document.tsx): counts a reader's input from the first
 * paint, before this chunk runs (Next may evaluate it only after the page's load event).
 */
export const EARLY_INPUT_SCRIPT = `(()=>{const t=${JSON.stringify(INPUTS)},o={capture:!0,passive:!0},f=e=>{if(!e.isTrusted)return;window.${EARLY_FLAG}=1;for(const n of t)removeEventListener(n,f,o)};for(const n of t)addEventListener(n,f,o)})()`

let present = false
const waiting = new Set<() => void>()

function onInput(event: Event) {
  // Events a script dispatches are not a reader.
  if (!event.isTrusted) return
  present = true
  for (const type of INPUTS) window.removeEventListener(type, onInput, OPTIONS)
  for (const callback of [...waiting]) callback()
  waiting.clear()
}

if (typeof window !== 'undefined') {
  if ((window as unknown as Record<string, unknown>)[EARLY_FLAG]) present = true
  else for (const type of INPUTS) window.addEventListener(type, onInput, OPTIONS)
}

/** Calls back once a reader has given the page any input (at once if one has); returns a cancel. */
export function whenReaderPresent(callback: () => void): () => void {
  if (present) {
    callback()
    return () => {}
  }
  waiting.add(callback)
  return () => {
    waiting.delete(callback)
  }
}
