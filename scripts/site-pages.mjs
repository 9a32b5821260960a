// The site's pages as data: every MDX page in every locale folder, with its route.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** @type {{ locales: { locale: string }[], defaultLocale: string }} */
export const localeConfig = JSON.parse(readFileSync(join(ROOT, 'locales/config.json'), 'utf8'))
export const LOCALES = localeConfig.locales.map((l) => l.locale)

/**
 * @param {string} dir
 * @returns {string[]}
 */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

/**
 * Routes of one locale, without the locale prefix: '' for the landing page, '/intro', …
 * @param {string} locale
 */
export function localeRoutes(locale) {
  const dir = join(ROOT, 'pages', locale)
  return walk(dir)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) =>
      relative(dir, file)
        .split(sep)
        .join('/')
        .replace(/\.mdx$/, ''),
    )
    .map((name) => (name === 'index' ? '' : `/${name.replace(/\/index$/, '')}`))
    .sort()
}

/** Every page of the site: [{ locale, route, path }]. */
export function allPages() {
  return LOCALES.flatMap((locale) =>
    localeRoutes(locale).map((route) => ({ locale, route, path: `/${locale}${route}` })),
  )
}
