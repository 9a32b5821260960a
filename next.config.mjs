import nextra from 'nextra'
import localeConfig from './locales/config.json' with { type: 'json' }
import remarkPlayground from './components/playground/build/remark-playground.mjs'

const withNextra = nextra({
  theme: 'nextra-theme-docs',
  themeConfig: './theme.config.tsx',
  // Nextra builds one search index per locale from the locale folders.
  search: { codeblocks: false },
  defaultShowCopyCode: true,
  mdxOptions: {
    // <Playground> blocks: their fenced code blocks become the files; malformed ones fail the build.
    remarkPlugins: [remarkPlayground],
    // High-contrast themes keep every token above WCAG AA on Nextra's tinted code background.
    rehypePrettyCodeOptions: {
      theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    },
  },
})

export default withNextra({
  // Nextra reads i18n, moves pages under /<locale>/ and then unsets it for Next.
  i18n: {
    locales: localeConfig.locales.map((l) => l.locale),
    defaultLocale: localeConfig.defaultLocale,
  },
  reactStrictMode: true,
  poweredByHeader: false,
  env: {
    NEXT_PUBLIC_SITE_URL: process.env.SITE_URL || `http://localhost:${process.env.PORT || 3000}`,
  },
})
