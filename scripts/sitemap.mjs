// Writes public/sitemap.xml: every page in every locale, each with its hreflang alternates.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, ROOT, localeConfig, localeRoutes } from './site-pages.mjs'

const site = (process.env.SITE_URL || `http://localhost:${process.env.PORT || 3000}`).replace(
  /\/$/,
  '',
)
const escape = (/** @type {string} */ s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

// Read each locale folder once: route → the locales that have it.
/** @type {Map<string, string[]>} */
const routeLocales = new Map()
for (const locale of LOCALES)
  for (const route of localeRoutes(locale))
    routeLocales.set(route, [...(routeLocales.get(route) ?? []), locale])
const routes = [...routeLocales.keys()].sort()
const entries = routes.flatMap((route) => {
  const available = /** @type {string[]} */ (routeLocales.get(route))
  const links = [
    ...available.map(
      (l) =>
        `    <xhtml:link rel="alternate" hreflang="${l}" href="${escape(`${site}/${l}${route}`)}"/>`,
    ),
    `    <xhtml:link rel="alternate" hreflang="x-default" href="${escape(`${site}${route || '/'}`)}"/>`,
  ].join('\n')
  return available.map(
    (l) => `  <url>\n    <loc>${escape(`${site}/${l}${route}`)}</loc>\n${links}\n  </url>`,
  )
})

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`
mkdirSync(join(ROOT, 'public'), { recursive: true })
writeFileSync(join(ROOT, 'public/sitemap.xml'), xml)
console.log(
  `sitemap.xml: ${entries.length} pages in ${LOCALES.length} locales (default ${localeConfig.defaultLocale})`,
)
