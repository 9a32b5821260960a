// Hidden files every playground gets. The preview runtime reads playground.config.json for the
// texts it may show itself, already in the reader's language.
import type { PlaygroundFiles } from './types'

export const CONFIG_FILE = '/playground.config.json'
export const ENTRY_FILE = '/app/page.tsx'

export interface RuntimeStrings {
  noPage: string
  noDefaultExport: string
  externalRedirect: string
  /** Folded stack frames of the runtime in the browser console, with `{count}`. */
  runtimeFrames: string
}

export function withTemplate(
  files: PlaygroundFiles,
  strings: RuntimeStrings,
): Record<string, { code: string; hidden?: boolean; active?: boolean }> {
  return {
    ...files,
    [CONFIG_FILE]: { code: JSON.stringify({ startPath: '/', strings }, null, 2), hidden: true },
  }
}
