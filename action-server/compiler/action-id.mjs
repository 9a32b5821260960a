// Action ids as Next builds them: 42 hex chars, a leading info byte then a SHA-1 of the file and
// export salted with the encryption key. Same key + file + export → same id, so a redeploy of the
// same source keeps its ids, and ids from another key (another server) are unknown here.
import { createHash } from 'node:crypto'

// Type bit 0 (a Server Action, not 'use cache'), all six argument bits set and the rest-args bit:
// "every argument is used", so a client never omits any.
const INFO_BYTE = '7f'

export const ACTION_ID_PATTERN = /^[0-9a-f]{42}$/

/** @param {Buffer} key @param {string} file @param {string} exportName */
export function actionId(key, file, exportName) {
  const hash = createHash('sha1').update(key).update(`${file}:${exportName}`).digest('hex')
  return INFO_BYTE + hash
}
