// The docs page's light or dark mode, applied to the preview page. The preview is another origin,
// so it cannot read the docs page's class: the editor sends `live/theme {scheme}` on every compile
// start and whenever the reader switches modes. Until then the page follows the system (index.html).

export type Scheme = 'light' | 'dark'

export function isScheme(value: unknown): value is Scheme {
  return value === 'light' || value === 'dark'
}

/** Sets `color-scheme` (form controls, scrollbars) and the base colours index.html defines. */
export function applyTheme(scheme: Scheme) {
  const root = document.documentElement
  if (root.dataset.theme === scheme) return
  root.dataset.theme = scheme
  root.style.colorScheme = scheme
}
