// A few lines of a file around an error position, for the error overlay: what Next's dev overlay
// and Babel show. Only the lines asked for are kept; the reader's own file is at most the live
// server's source limit, so one split is cheap.

export interface FrameLine {
  number: number
  text: string
  /** The error's line. */
  marked: boolean
}

/** Lines cut past this many characters (a minified line would fill the overlay). */
const MAX_LINE = 200

export function codeFrame(source: string, line: number, around = 2): FrameLine[] {
  const lines = source.split('\n')
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return []
  const first = Math.max(1, line - around)
  const last = Math.min(lines.length, line + around)
  const out: FrameLine[] = []
  for (let number = first; number <= last; number++) {
    const text = lines[number - 1].replace(/\t/g, '  ')
    out.push({
      number,
      text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text,
      marked: number === line,
    })
  }
  return out
}

/** `app/page.tsx:30:4` at the start of an overlay message → its parts. */
export function locationOf(message: string): { file: string; line: number; column: number } | null {
  const match = /^([\w./@-]{1,300}):(\d{1,7}):(\d{1,7})(?:\n|$)/.exec(message.slice(0, 400))
  return match ? { file: match[1], line: Number(match[2]), column: Number(match[3]) } : null
}
