// Nextra's normalizePages (run by its layout on every page, server and client) sorts the page map
// with String#localeCompare only to put a folder beside the page of the same name; the sidebar's
// order comes after, from `_meta` and then `<`. In the browser that one call initialises ICU's
// collator: 20–30 ms of a hydration task on this box's cores, ×4 on Lighthouse's phone (issue 14).
// Any total order keeps equal names adjacent, so compare code units instead. If Nextra changes
// the line, the build fails here rather than silently keeping the cost.
const FROM = 'return a.name.localeCompare(b.name);'
const TO = 'return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;'

/** Matches the one file this loader rewrites. */
export const NORMALIZE_PAGES = /[\\/]nextra[\\/]dist[\\/]client[\\/]normalize-pages\.js$/

/** @this {{ resourcePath: string }} @param {string} source */
export default function nextraPageSort(source) {
  if (source.split(FROM).length !== 2)
    throw new Error(
      `${this.resourcePath}: expected one \`${FROM}\` (Nextra changed; see nextra-page-sort.mjs)`,
    )
  return source.replace(FROM, TO)
}
