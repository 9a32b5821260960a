import { RECORD } from './events.mjs'
/** @import { LiveRequest } from '../types.js' */

// Reads a request body up to a limit. Past the limit the rest is drained and thrown away (so the
// client still gets the answer rather than a reset), up to a hard cap where the socket is cut.
/**
 * @param {LiveRequest} req
 * @param {number} limit
 * @param {{ drainCap?: number }} [options]
 * @returns {Promise<{ tooLarge: false, size: number, bytes: Buffer } | { tooLarge: true, size: number, bytes: null }>}
 */
export function readBody(req, limit, { drainCap = Math.max(limit * 4, 8 * 1024 * 1024) } = {}) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    let tooLarge = false
    req.on('data', (/** @type {Buffer} */ chunk) => {
      req[RECORD]?.(chunk) // the session's record of what the server received
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        if (size > drainCap) {
          req.destroy()
          resolve({ tooLarge: true, size, bytes: null })
        }
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(
        tooLarge
          ? { tooLarge, size, bytes: null }
          : { tooLarge, size, bytes: Buffer.concat(chunks, size) },
      ),
    )
    req.on('error', reject)
  })
}
