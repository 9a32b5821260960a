import { fileURLToPath } from 'node:url'
import nextra from 'nextra'
import localeConfig from './locales/config.json' with { type: 'json' }
import remarkPlayground from './components/playground/build/remark-playground.mjs'
import { CompileHintsPlugin } from './components/site/build/compile-hints.mjs'
import { NORMALIZE_PAGES } from './components/site/build/nextra-page-sort.mjs'

const NEXTRA_DIST = /[\\/]node_modules[\\/]nextra(?:-theme-docs)?[\\/]dist[\\/]/

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

const config = withNextra({
  // Nextra reads i18n, moves pages under /<locale>/ and then unsets it for Next.
  i18n: {
    locales: localeConfig.locales.map((l) => l.locale),
    defaultLocale: localeConfig.defaultLocale,
  },
  reactStrictMode: true,
  poweredByHeader: false,
  webpack(config, { isServer, dev }) {
    if (!isServer && !dev) config.plugins.push(new CompileHintsPlugin())
    // Nextra sorts its page map without ICU (see the loader).
    config.module.rules.push({
      test: NORMALIZE_PAGES,
      use: [
        {
          loader: fileURLToPath(
            new URL('./components/site/build/nextra-page-sort.mjs', import.meta.url),
          ),
        },
      ],
    })
    // Nextra's imports of Headless UI get only what the site renders (see the module).
    config.module.rules.push({
      test: NEXTRA_DIST,
      resolve: {
        alias: {
          '@headlessui/react$': fileURLToPath(
            new URL('./components/site/headlessUiSubset.tsx', import.meta.url),
          ),
        },
      },
    })
    return config
  },
  env: {
    NEXT_PUBLIC_SITE_URL: process.env.SITE_URL || `http://localhost:${process.env.PORT || 3000}`,
  },
})

// Nextra's one rewrite (`/:path*/_meta` → /404, hiding its sidebar files' pages) makes Next's
// client treat every static page as possibly rewritten: after hydration it replaces the route and
// renders the whole page once more (issue 14: a second long task on every load). The site's
// server answers those paths with the 404 page itself (scripts/server.mjs).
delete config.rewrites
export default config
