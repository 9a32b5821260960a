// The locale and theme switches, as native <select>s. Nextra's own are Headless UI listboxes that
// set state from refs and layout effects as they mount, so every page load re-rendered them (and
// flushed every pending effect) inside React's hydration commit, one long task (issue 14). A
// native select shows its value without JavaScript, does nothing at mount, and is the platform's
// own accessible picker on every device.
import { useTranslations } from 'next-intl'
import { useTheme } from 'nextra-theme-docs'
import { useRouter } from 'nextra/hooks'
import { GlobeIcon, MoonIcon, SunIcon } from 'nextra/icons'
import { useSyncExternalStore, type ChangeEvent, type ReactNode } from 'react'
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
  onChange,
  children,
}: {
  lite: boolean
  icon: ReactNode
  label: string
  value: string
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void
  children: ReactNode
}) {
  return (
    <span className={lite ? `${styles.switch} ${styles.lite}` : styles.switch}>
      {icon}
      <select title={label} aria-label={label} value={value} onChange={onChange}>
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
      onChange={(event) => {
        const next = event.currentTarget.value
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
      onChange={(event) => setTheme(event.currentTarget.value)}
    >
      <option value="light">{t('themeLight')}</option>
      <option value="dark">{t('themeDark')}</option>
      <option value="system">{t('themeSystem')}</option>
    </Switch>
  )
}
