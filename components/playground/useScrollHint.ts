// Tab rows scroll sideways on narrow screens; this says where more tabs hide (`data-overflow`
// = "start", "end" or "start end"), so the stylesheet can fade that edge. Also scrolls the
// selected tab into view, so the active file is never off-screen.
import { useEffect, type RefObject } from 'react'

function update(element: HTMLElement) {
  const max = element.scrollWidth - element.clientWidth
  const sides = [element.scrollLeft > 1 && 'start', element.scrollLeft < max - 1 && 'end']
    .filter(Boolean)
    .join(' ')
  if (sides) element.dataset.overflow = sides
  else delete element.dataset.overflow
}

export function useScrollHint(ref: RefObject<HTMLElement | null>, selected?: string) {
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const onChange = () => update(element)
    const observer = new ResizeObserver(onChange)
    observer.observe(element)
    element.addEventListener('scroll', onChange, { passive: true })
    onChange()
    return () => {
      observer.disconnect()
      element.removeEventListener('scroll', onChange)
    }
  }, [ref])

  useEffect(() => {
    const element = ref.current
    const tab = element?.querySelector<HTMLElement>('[aria-selected="true"]')
    if (!element || !tab) return
    const left = tab.offsetLeft - element.offsetLeft
    if (
      left < element.scrollLeft ||
      left + tab.offsetWidth > element.scrollLeft + element.clientWidth
    )
      element.scrollTo({ left: left - 16 })
  }, [ref, selected])
}
