// The docs' search box. Nextra's is a Headless UI combobox whose mount sets state from ref callbacks
// and layout effects (floating-ui), so its two copies (navbar, mobile sidebar) re-rendered inside
// React's hydration commit on every page load (issue 14). This one does nothing at mount: the
// index loads on focus, and the list is an ARIA 1.2 combobox (input + listbox, active descendant).
import { useTranslations } from 'next-intl'
import { useMenu } from 'nextra-theme-docs'
import { useRouter } from 'nextra/hooks'
import { InformationCircleIcon, SpinnerIcon } from 'nextra/icons'
import NextLink from 'next/link'
import { useRouter as useNextRouter } from 'next/router'
import { Fragment, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import localeConfig from '../../locales/config.json'
import {
  loadSearchIndex,
  QUERY_MAX_LENGTH,
  type SearchGroup,
  type SearchHit,
  type SearchIndex,
} from './searchIndex'
import styles from './Site.module.css'

type Status = 'idle' | 'loading' | 'ready' | 'error'

const optionId = (boxId: string, i: number) => `${boxId}-option-${i}`

const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'])

export function SiteSearch({ className }: { className?: string }) {
  const t = useTranslations('theme')
  const { locale = localeConfig.defaultLocale, basePath } = useRouter()
  const router = useNextRouter()
  const { setMenu } = useMenu()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  // The index of the locale it was loaded for.
  const indexRef = useRef<{ locale: string; index: SearchIndex } | null>(null)
  const [status, setStatus] = useState<Status>('idle')
  const [query, setQuery] = useState('')
  const [groups, setGroups] = useState<SearchGroup[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const hits = groups.flatMap((group) => group.hits)
  const expanded = open && query.trim() !== ''

  // "/" or Ctrl/⌘ K from anywhere but a field focuses the box (as Nextra's did).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = document.activeElement as HTMLElement | null
      if (target && (TYPING_TAGS.has(target.tagName) || target.isContentEditable)) return
      if (event.key === '/' || (event.key === 'k' && (event.metaKey || event.ctrlKey))) {
        const input = inputRef.current
        // Both copies listen; only the one on screen takes it.
        if (!input || input.offsetParent === null) return
        event.preventDefault()
        input.focus({ preventScroll: true })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // The option picked from the keyboard stays in the list's view.
  useEffect(() => {
    if (active >= 0)
      document.getElementById(optionId(id, active))?.scrollIntoView({ block: 'nearest' })
  }, [active, id])

  function show(value: string) {
    const loaded = indexRef.current?.locale === locale ? indexRef.current.index : null
    setGroups(loaded?.search(value) ?? [])
    setActive(-1)
  }

  function loadIndex() {
    if (indexRef.current?.locale === locale || status === 'loading') return
    setStatus('loading')
    loadSearchIndex(basePath, locale).then(
      (index) => {
        indexRef.current = { locale, index }
        setStatus('ready')
        // What was typed while the index loaded is searched now.
        show(inputRef.current?.value ?? '')
      },
      () => setStatus('error'),
    )
  }

  function reset() {
    setQuery('')
    setGroups([])
    setOpen(false)
    setActive(-1)
  }

  /** A result was opened: the box empties, and the mobile menu closes. */
  function leave() {
    reset()
    inputRef.current?.blur()
    setMenu(false)
  }

  function go(hit: SearchHit) {
    leave()
    void router.push(hit.route)
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!hits.length) return
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      const slots = hits.length + 1 // slot 0 is "none active" (-1): arrows cycle through it
      setActive((current) => ((current + 1 + step + slots) % slots) - 1)
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? (expanded ? hits[0] : undefined)
      if (!hit) return
      event.preventDefault()
      go(hit)
    } else if (event.key === 'Escape') {
      if (expanded) setOpen(false)
      else reset()
    }
  }

  const listId = `${id}-list`
  let panel: ReactNode = null
  if (expanded) {
    if (status === 'error') {
      panel = (
        <p className={`${styles.searchState} ${styles.searchError}`} role="alert">
          <InformationCircleIcon aria-hidden className={styles.searchStateIcon} />
          {t('searchError')}
        </p>
      )
    } else if (status !== 'ready') {
      panel = (
        <p className={styles.searchState} role="status">
          <SpinnerIcon aria-hidden className={`${styles.searchStateIcon} ${styles.spin}`} />
          {t('searchLoading')}
        </p>
      )
    } else if (!hits.length) {
      panel = (
        <p className={styles.searchState} role="status">
          {t('searchEmpty')}
        </p>
      )
    }
  }

  // Each group's first option number, for ids and aria-activedescendant.
  const firsts = groups.map((_, g) => groups.slice(0, g).reduce((sum, x) => sum + x.hits.length, 0))
  return (
    <div
      className={`${styles.search} ${className ?? ''}`}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label={t('searchPlaceholder')}
        aria-autocomplete="list"
        aria-expanded={expanded && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(id, active) : undefined}
        placeholder={t('searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={QUERY_MAX_LENGTH}
        className={styles.searchInput}
        value={query}
        onFocus={() => {
          loadIndex()
          setOpen(true)
        }}
        onChange={(event) => {
          const value = event.currentTarget.value
          setQuery(value)
          setOpen(true)
          show(value)
        }}
        onKeyDown={onKeyDown}
      />
      <kbd className={styles.searchKey} aria-hidden>
        /
      </kbd>
      {panel && <div className={styles.searchPanel}>{panel}</div>}
      <div
        id={listId}
        role="listbox"
        aria-label={t('searchPlaceholder')}
        className={styles.searchPanel}
        tabIndex={-1}
        hidden={!expanded || !hits.length}
        // A click on a result must not blur the box first (that would close the list under it).
        onMouseDown={(event) => event.preventDefault()}
      >
        {groups.map((group, g) => (
          <div key={group.page} role="group" aria-label={group.page}>
            <div className={styles.searchGroup} aria-hidden>
              {group.page}
            </div>
            {group.hits.map((hit, h) => {
              const i = firsts[g] + h
              return (
                <NextLink
                  key={hit.id}
                  id={optionId(id, i)}
                  role="option"
                  aria-selected={i === active}
                  href={hit.route}
                  tabIndex={-1}
                  className={styles.searchHit}
                  onMouseMove={() => i !== active && setActive(i)}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
                      return
                    leave()
                  }}
                >
                  <span className={styles.searchHitTitle}>
                    <Highlight text={hit.title} query={query} />
                  </span>
                  {hit.excerpt && (
                    <span className={styles.searchHitExcerpt}>
                      <Highlight text={hit.excerpt} query={query} />
                    </span>
                  )}
                </NextLink>
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}

/** The query's words marked in a result (case-insensitive, literal). */
function Highlight({ text, query }: { text: string; query: string }) {
  const words = query.trim().split(/\s+/).filter(Boolean)
  if (!words.length) return <>{text}</>
  const pattern = new RegExp(
    words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gi',
  )
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0
    parts.push(text.slice(last, start), <mark key={start}>{match[0]}</mark>)
    last = start + match[0].length
  }
  parts.push(text.slice(last))
  return <Fragment>{parts}</Fragment>
}
