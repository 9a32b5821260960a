import { RECORD } from './events.mjs'

// Reads a request body up to a limit. Past the limit the rest is drained and thrown away (so the
// client still gets the answer rather than a reset), up to a hard cap where the socket is cut.
export function readBody(req, limit, { drainCap = Math.max(limit * 4, 8 * 1024 * 1024) } = {}) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk) => {
      req[RECORD]?.(chunk) // the session's record of what the server received
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        if (size > drainCap) {
          req.destroy()
          resolve({ tooLarge, size, bytes: null })
        }
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () =>
      resolve({ tooLarge, size, bytes: tooLarge ? null : Buffer.concat(chunks, size) }),
    )
    req.on('error', reject)
  })
}
