// next-themes applies the theme on mount, twice, as `classList.remove('light', 'dark')` then
// `classList.add(theme)` on <html>, even when <html> already has that theme (its pre-paint script set
// it). Each of the four class changes invalidates every element under Nextra's
// `html[class~=dark] …` variants: ~500 elements restyled after first paint, in Lighthouse's TBT
// (issue 14). This lets that pair through only when it changes something. Any other use of <html>'s
// classList is untouched (a pending removal is applied first, or at the end of the microtask).
const THEMES = ['light', 'dark']

if (typeof document !== 'undefined') {
  const list = document.documentElement.classList
  const remove = list.remove.bind(list)
  const add = list.add.bind(list)
  const toggle = list.toggle.bind(list)
  const contains = list.contains.bind(list)
  let pending: string[] | null = null
  const flush = () => {
    if (!pending) return
    const tokens = pending
    pending = null
    remove(...tokens)
  }
  list.remove = (...tokens: string[]) => {
    flush()
    if (tokens.length !== THEMES.length || !THEMES.every((t) => tokens.includes(t)))
      return remove(...tokens)
    pending = tokens
    queueMicrotask(flush)
  }
  list.add = (...tokens: string[]) => {
    // The pair leaves <html> as it was: exactly the added themes present, no other theme.
    const same =
      pending !== null &&
      tokens.every(contains) &&
      pending.every((t) => tokens.includes(t) || !contains(t))
    if (same) pending = null
    else {
      flush()
      add(...tokens)
    }
  }
  list.toggle = (token: string, force?: boolean) => {
    flush()
    return force === undefined ? toggle(token) : toggle(token, force)
  }
  list.contains = (token: string) => (pending?.includes(token) ? false : contains(token))
}

export {}
