import type { DocsThemeConfig } from 'nextra-theme-docs'
import { Footer, Logo } from './components/site/Logo'
import { LocalizedChrome } from './components/site/LocalizedChrome'
import { SiteHead } from './components/site/SiteHead'
import { SiteSearch } from './components/site/SiteSearch'
import { SiteSwitches } from './components/site/SiteSwitches'
import { themeText } from './components/site/ThemeText'

const config: DocsThemeConfig = {
  logo: Logo,
  logoLink: false, // Logo links to the reader's locale itself
  navbar: { extraContent: LocalizedChrome },
  head: SiteHead,
  // Nextra's locale switches stay unrendered (no i18n list): SiteSwitches brings our own, with the
  // theme switch. Routing by locale is next.config's and the middleware's, not this list's.
  i18n: [],
  // No links or requests to hosts other than this site.
  docsRepositoryBase: '',
  editLink: { component: null },
  feedback: { content: null },
  footer: { content: Footer },
  faviconGlyph: '⚡',
  // Nextra's default light primary (45%) fails WCAG AA for code inside links; 40% passes.
  color: { hue: { light: 212, dark: 204 }, saturation: 100, lightness: { light: 40, dark: 55 } },
  // Our own search box over Nextra's index, with its localized texts (SiteSearch.tsx says why).
  search: { component: SiteSearch },
  toc: { title: themeText('tocTitle'), backToTop: themeText('backToTop') },
  themeSwitch: { component: SiteSwitches },
  gitTimestamp: null,
  // Nextra turns next-themes' disableTransitionOnChange on, which also runs on every page load: it
  // adds a `*{transition:none}` sheet and reads a computed style, so the whole page has its styles
  // recomputed and is laid out again twice during hydration (issue 14's Total Blocking Time).
  nextThemes: {
    defaultTheme: 'system',
    storageKey: 'theme',
    ...{ disableTransitionOnChange: false }, // next-themes' prop; Nextra's type does not list it
  },
  sidebar: { defaultMenuCollapseLevel: 1, toggleButton: true },
}

export default config
