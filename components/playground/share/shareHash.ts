// Which playground a share link's hash names, read without decoding its files: every page with a
// playground asks on load, and the decoder (shareLink.ts, with fflate) is loaded only when the
// answer is one of its playgrounds. The hash is hostile input: capped before it is parsed.

/** Hash key naming the playground; its files follow under FILES_KEY. */
export const ID_KEY = 'playground'
export const FILES_KEY = 'files'
/** Characters of the hash read at all (about 75 KB of compressed data). */
export const MAX_HASH_CHARS = 100_000

/** Which playground a hash is for, without decoding its files (cheap; the hash is capped first). */
export function sharedPlaygroundId(hash: string): string | null {
  if (hash.length > MAX_HASH_CHARS + 1)
    return hash.startsWith(`#${ID_KEY}=`) ? tooLongId(hash) : null
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  return params.has(FILES_KEY) ? params.get(ID_KEY) : null
}

/** The id of an over-long share hash (read from its first characters only), so it can be refused. */
function tooLongId(hash: string): string | null {
  const head = hash.slice(0, 200)
  const match = new RegExp(`^#${ID_KEY}=([^&]{1,50})&`).exec(head)
  try {
    return match ? decodeURIComponent(match[1]) : null
  } catch {
    return null
  }
}
