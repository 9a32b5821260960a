// The locale and theme switches, as native <select>s. Nextra's own are Headless UI listboxes that
// set state from refs and layout effects as they mount, so every page load re-rendered them (and
// flushed every pending effect) inside React's hydration commit, one long task (issue 14). A
// native select shows its value without JavaScript, does nothing at mount, and is the platform's
// own accessible picker on every device.
import { useTranslations } from 'next-intl'
import { useTheme } from 'nextra-theme-docs'
import { useRouter } from 'nextra/hooks'
import { GlobeIcon, MoonIcon, SunIcon } from 'nextra/icons'
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react'
import localeConfig from '../../locales/config.json'
import styles from './Site.module.css'

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000

const noSubscription = () => () => {}
/**
 * False while hydrating, true after. React does not correct a <select>'s value when hydrating, only
 * when its `value` prop changes: the stored theme is known to the browser only, so it must arrive as
 * a change after the server's value.
 */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}

type SwitchProps = { lite?: boolean }

/** Nextra renders theme.config's themeSwitch.component in the sidebar and the footer. */
export function SiteSwitches({ lite = false }: SwitchProps) {
  return (
    <div className={styles.switches}>
      <LocaleSelect lite={lite} />
      <ThemeSelect lite={lite} />
    </div>
  )
}

function Switch({
  lite,
  icon,
  label,
  value,
  onPick,
  children,
}: {
  lite: boolean
  icon: ReactNode
  label: string
  value: string
  onPick: (value: string) => void
  children: ReactNode
}) {
  const ref = useRef<HTMLSelectElement>(null)
  const actedOnAtMount = useRef<string | null>(null)
  // A native select works before the page's JavaScript does: a choice made then has no handler
  // yet, so it is acted on once hydrated. (autoComplete off: no value restored by Back is taken
  // for a choice.)
  useEffect(() => {
    const picked = ref.current?.value
    if (picked && picked !== value) {
      actedOnAtMount.current = picked
      onPick(picked)
    }
    // Once, against the value rendered while hydrating.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return (
    <span className={lite ? `${styles.switch} ${styles.lite}` : styles.switch}>
      {icon}
      <select
        ref={ref}
        title={label}
        aria-label={label}
        autoComplete="off"
        value={value}
        onChange={(event) => {
          // A change made while React hydrates is also replayed to this handler once hydrated,
          // with the value picked or the one rendered: neither is a new choice.
          const picked = event.currentTarget.value
          const replayed = picked === actedOnAtMount.current
          actedOnAtMount.current = null
          if (!replayed && picked !== value) onPick(picked)
        }}
      >
        {children}
      </select>
    </span>
  )
}

function LocaleSelect({ lite }: Required<SwitchProps>) {
  const t = useTranslations('chrome')
  // Nextra's router: its locale comes from the path (/en/…), which is what the switch rewrites.
  const { locale = localeConfig.defaultLocale, asPath } = useRouter()
  return (
    <Switch
      lite={lite}
      icon={<GlobeIcon aria-hidden className={styles.switchIcon} />}
      label={t('changeLanguage')}
      value={locale}
      onPick={(next) => {
        // As Nextra's switch does: remembered by the middleware, then a full load of that locale.
        const expires = new Date(Date.now() + ONE_YEAR_MS).toUTCString()
        document.cookie = `NEXT_LOCALE=${next}; expires=${expires}; path=/`
        location.href = asPath.replace(`/${locale}`, `/${next}`)
      }}
    >
      {localeConfig.locales.map((l) => (
        <option key={l.locale} value={l.locale} lang={l.locale}>
          {l.name}
        </option>
      ))}
    </Switch>
  )
}

function ThemeSelect({ lite }: Required<SwitchProps>) {
  const t = useTranslations('theme')
  const label = useTranslations('chrome')('changeTheme')
  const { theme = 'system', setTheme } = useTheme()
  const hydrated = useHydrated()
  return (
    <Switch
      lite={lite}
      // Both icons are in the HTML; <html>'s class (set before paint) shows one.
      icon={
        <>
          <SunIcon aria-hidden className={`${styles.switchIcon} ${styles.sun}`} />
          <MoonIcon aria-hidden className={`${styles.switchIcon} ${styles.moon}`} />
        </>
      }
      label={label}
      value={hydrated ? theme : 'system'}
      onPick={setTheme}
    >
      <option value="light">{t('themeLight')}</option>
      <option value="dark">{t('themeDark')}</option>
      <option value="system">{t('themeSystem')}</option>
    </Switch>
  )
}
