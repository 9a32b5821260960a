// Stack traces name the reader's lines: the compiler moves the body of each inline 'use server'
// function to the end of its file, and records where it came from. Installed before any
// playground code runs; React parses the resulting `error.stack` for development error rows.
/** @type {Map<string, [number, number, number][]>} */
const maps = new Map() // file → [[firstLine, lastLine, delta]]

/** @param {string} file @param {[number, number, number][]} ranges */
export function setLineMap(file, ranges) {
  maps.set(file, ranges)
}

const LOCATION = /file:\/\/\/([^\s:()]+):(\d+):(\d+)/g

/** @param {string} text */
function mapLocation(text) {
  return text.replace(LOCATION, (all, /** @type {string} */ file, line, column) => {
    const ranges = maps.get(file)
    if (!ranges) return all
    const n = Number(line)
    const r = ranges.find(([from, to]) => n >= from && n <= to)
    return r ? `file:///${file}:${n + r[2]}:${column}` : all
  })
}

/** @param {unknown} err */
function header(err) {
  try {
    return String(err)
  } catch {
    return 'Error'
  }
}

/** V8's hook (not in lib ES2023): the stack text of an error from its frames. */
const V8Error =
  /** @type {ErrorConstructor & { prepareStackTrace?: (err: Error, frames: unknown[]) => string }} */ (
    Error
  )
V8Error.prepareStackTrace = (/** @type {Error} */ err, /** @type {unknown[]} */ frames) => {
  let out = header(err)
  for (const frame of frames) {
    let text
    try {
      text = String(frame)
    } catch {
      text = '<unknown>'
    }
    out += `\n    at ${mapLocation(text)}`
  }
  return out
}
