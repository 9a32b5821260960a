// What the playground's pieces share about its preview: the origin it runs on (its own, per
// playground) and the frame element the site owns.
import { createContext, useContext, type RefObject } from 'react'

export interface PreviewSite {
  origin: string
  frame: RefObject<HTMLIFrameElement | null>
}

export const PreviewSiteContext = createContext<PreviewSite | null>(null)

export function usePreviewSite(): PreviewSite {
  const site = useContext(PreviewSiteContext)
  if (!site) throw new Error('usePreviewSite() outside <PreviewSiteContext>')
  return site
}
