// Stack traces name the reader's lines: the compiler moves the body of each inline 'use server'
// function to the end of its file, and records where it came from. Installed before any
// playground code runs; React parses the resulting `error.stack` for development error rows.
const maps = new Map() // file → [[firstLine, lastLine, delta]]

export function setLineMap(file, ranges) {
  maps.set(file, ranges)
}

const LOCATION = /file:\/\/\/([^\s:()]+):(\d+):(\d+)/g

function mapLocation(text) {
  return text.replace(LOCATION, (all, file, line, column) => {
    const ranges = maps.get(file)
    if (!ranges) return all
    const n = Number(line)
    const r = ranges.find(([from, to]) => n >= from && n <= to)
    return r ? `file:///${file}:${n + r[2]}:${column}` : all
  })
}

function header(err) {
  try {
    return String(err)
  } catch {
    return 'Error'
  }
}

Error.prepareStackTrace = (err, frames) => {
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
