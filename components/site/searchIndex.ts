// The search over Nextra's build-time index (`nextra-data-<locale>.json`, one entry per page, its
// text by heading), with the same FlexSearch settings and ranking as Nextra's own search box, which
// the theme does not export.
import type * as FlexSearch from 'flexsearch'

type PageData = { title: string; data: Record<string, string> }

export type SearchHit = { id: string; route: string; title: string; excerpt?: string }
export type SearchGroup = { page: string; hits: SearchHit[] }

export interface SearchIndex {
  search(query: string): SearchGroup[]
}

const PAGES_SHOWN = 5
const SECTIONS_PER_PAGE = 5
/** A query is the reader's own, but FlexSearch's work grows with it: longer ones are cut. */
export const QUERY_MAX_LENGTH = 100

const loads = new Map<string, Promise<SearchIndex>>()

/** One download and one build per locale; a failed load is forgotten so focusing again retries. */
export function loadSearchIndex(basePath: string, locale: string): Promise<SearchIndex> {
  const key = `${basePath}@${locale}`
  let load = loads.get(key)
  if (!load) {
    load = build(basePath, locale)
    load.catch(() => loads.delete(key))
    loads.set(key, load)
  }
  return load
}

type SectionDoc = {
  id: string
  url: string
  title: string
  pageId: string
  content: string
  display?: string
}

async function build(basePath: string, locale: string): Promise<SearchIndex> {
  const [data, { Document }] = await Promise.all([
    fetch(`${basePath}/_next/static/chunks/nextra-data-${locale}.json`).then((response) => {
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`)
      return response.json() as Promise<Record<string, PageData>>
    }),
    // Its types name the exports; its browser build has a default export only.
    import('flexsearch').then((mod) => (mod as unknown as { default: typeof FlexSearch }).default),
  ])
  const context = { resolution: 9, depth: 2, bidirectional: true }
  const pages = new Document<{ id: number; title: string; content: string }, string[]>({
    cache: 100,
    tokenize: 'full',
    document: { id: 'id', index: 'content', store: ['title'] },
    context,
  })
  const sections = new Document<SectionDoc, string[]>({
    cache: 100,
    tokenize: 'full',
    document: {
      id: 'id',
      index: 'content',
      tag: 'pageId',
      store: ['title', 'content', 'url', 'display'],
    },
    context,
  })

  let pageNumber = 0
  for (const [route, page] of Object.entries(data)) {
    pageNumber += 1
    const pageId = `page_${pageNumber}`
    let pageText = ''
    for (const [key, text] of Object.entries(page.data)) {
      const [headingId, heading] = key.split('#')
      const url = headingId ? `${route}#${headingId}` : route
      const title = heading || page.title
      const paragraphs = text.split('\n')
      // The heading itself is a hit of its own, shown with the section's first paragraph.
      sections.add({
        id: url,
        url,
        title,
        pageId,
        content: title,
        display: paragraphs[0] || undefined,
      })
      paragraphs.forEach((paragraph, i) =>
        sections.add({ id: `${url}_${i}`, url, title, pageId, content: paragraph }),
      )
      pageText += ` ${title} ${text}`
    }
    pages.add({ id: pageNumber, title: page.title, content: pageText })
  }

  return {
    search(raw) {
      const query = raw.slice(0, QUERY_MAX_LENGTH).trim()
      if (!query) return []
      const options = { enrich: true, suggest: true } as const
      const found = pages.search(query, PAGES_SHOWN, options)[0]?.result ?? []
      const groups = found.map((page) => {
        const seen = new Set<string>()
        let headingHits = 0
        const hits: SearchHit[] = []
        const inPage = sections.search(query, SECTIONS_PER_PAGE, {
          ...options,
          tag: `page_${page.id}`,
        })
        for (const { doc } of inPage[0]?.result ?? []) {
          if (doc.display !== undefined) headingHits += 1
          const excerpt = doc.display ?? doc.content
          const key = `${doc.url}@${excerpt}`
          if (seen.has(key)) continue
          seen.add(key)
          hits.push({ id: key, route: doc.url, title: doc.title, excerpt: excerpt || undefined })
        }
        return { group: { page: page.doc.title, hits }, headingHits }
      })
      // Pages whose headings match come first; otherwise FlexSearch's order stands (sort is stable).
      return groups
        .sort((a, b) => b.headingHits - a.headingHits)
        .map(({ group }) => group)
        .filter((group) => group.hits.length > 0)
    },
  }
}
