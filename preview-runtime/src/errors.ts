// Compile and runtime errors, located at a playground file's line and column, sent as Sandpack's
// `show-error` action so SandpackPreview's overlay and the editor's error line both show them.
import { send } from './protocol'

export interface Location {
  file: string
  line: number
  column: number
}

export class PlaygroundError extends Error {
  constructor(
    message: string,
    readonly location: Location | null,
    readonly title = 'Error',
  ) {
    super(message)
    this.name = title
  }
}

/** Maps a position in a compiled file back to its source (set by main.ts: it knows the sources). */
let mapper: (location: Location) => Location = (location) => location

export function setSourceMapper(map: (location: Location) => Location) {
  mapper = map
}

export function toOriginal(location: Location): Location {
  return mapper(location)
}

/** The first stack frame that points into a playground file, at its line and column in the source. */
export function locateInStack(error: unknown, files: Iterable<string>): Location | null {
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  const names = [...files]
  for (const line of stack.split('\n')) {
    for (const file of names) {
      const at = line.indexOf(`/${file}:`)
      if (at === -1) continue
      const match = /^:(\d+):(\d+)/.exec(line.slice(at + file.length + 1))
      if (match) return toOriginal({ file, line: Number(match[1]), column: Number(match[2]) })
    }
  }
  return null
}

export function formatLocation(location: Location | null): string {
  return location ? `${location.file}:${location.line}:${location.column}` : ''
}

let shown = 0

/** How many errors were shown so far: a compile that showed one must not end with a clean `done`. */
export function errorsShown(): number {
  return shown
}

/** Shows the error overlay; the message starts with file:line:column when known. */
export function showError(
  error: unknown,
  fallbackLocation: Location | null = null,
  files: Iterable<string> = [],
) {
  const located =
    error instanceof PlaygroundError
      ? error.location
      : (locateInStack(error, files) ?? fallbackLocation)
  const title = error instanceof Error ? error.name : 'Error'
  const text = error instanceof Error ? error.message : String(error)
  const where = formatLocation(located)
  shown++
  send({
    type: 'action',
    action: 'show-error',
    // sandpack-client keeps `message` as is for this title and reads path and line for the editor.
    title: 'SyntaxError',
    path: located ? `/${located.file}` : undefined,
    line: located?.line,
    column: located?.column,
    message: where ? `${where}\n${title}: ${text}` : `${title}: ${text}`,
  })
}
