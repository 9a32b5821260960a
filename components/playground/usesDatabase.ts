// Which playgrounds have data to reset: shared by the live toolbar and its static stand-in.
import type { PlaygroundFiles } from './types'

const DB_IMPORT = /from\s+['"]@\/lib\/db['"]/

/** Only playgrounds that read `@/lib/db` have data to reset. */
export function usesDatabase(files: PlaygroundFiles): boolean {
  return Object.values(files).some((file) => DB_IMPORT.test(file.code))
}
