// Stacks as the reader can use them: frames in a playground file point at its source line
// (errors.ts maps compiled positions back), frames inside runtime.js (React, the Flight client,
// this runtime: minified, meaningless to the reader) fold into one line. Everything else, React's
// messages included, is kept exactly as it was. Input is cut before any work.

/** Characters of a stack (or a logged string) looked at; the rest is kept as it is. */
const MAX_STACK = 8000

/** `    at name (url:line:column)` or `    at url:line:column`. */
const FRAME = /^(\s+at\s+(?:(.*?)\s+\()?)(.*?):(\d+):(\d+)(\)?)\s*$/

export interface StackContext {
  files: Iterable<string>
  /** Maps a compiled position of a playground file to its source position. */
  toOriginal: (location: { file: string; line: number; column: number }) => {
    file: string
    line: number
    column: number
  }
  /** "… {count} frames inside the preview runtime", in the reader's language. */
  runtimeNote: (count: number) => string
}

function isRuntime(url: string): boolean {
  return /\/runtime\.js(?:\?[^)]*)?$/.test(url)
}

export function readableStack(text: string, context: StackContext): string {
  if (!text.includes(' at ') && !text.includes('\tat ')) return text
  const head = text.slice(0, MAX_STACK)
  const rest = text.slice(MAX_STACK)
  const origin = typeof location === 'undefined' ? '' : location.origin
  const files = [...context.files]
  const out: string[] = []
  let folded = 0
  let indent = '    '
  const flush = () => {
    if (folded) out.push(`${indent}${context.runtimeNote(folded)}`)
    folded = 0
  }
  for (const line of head.split('\n')) {
    // A frame line is short; a long line is text (and the regex never sees it).
    const frame = line.length <= 1000 ? FRAME.exec(line) : null
    if (!frame) {
      flush()
      out.push(line)
      continue
    }
    const [, , name, url, row, column] = frame
    indent = /^\s*/.exec(line)![0]
    if (isRuntime(url)) {
      folded++
      continue
    }
    flush()
    const path = url.startsWith(`${origin}/`) ? url.slice(origin.length + 1) : url
    const file = files.find((candidate) => candidate === path)
    if (!file) {
      out.push(line)
      continue
    }
    const at = context.toOriginal({ file, line: Number(row), column: Number(column) })
    const where = `${at.file}:${at.line}:${at.column}`
    out.push(name ? `${indent}at ${name} (${where})` : `${indent}at ${where}`)
  }
  flush()
  return out.join('\n') + rest
}
