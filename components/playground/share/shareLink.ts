// Share links: a playground's edited files, deflated into the URL's hash (which browsers never send
// to a server), for one playground of the page named by its id. Reading one is reading hostile
// input: the hash is capped before anything is decoded, the inflated size is capped while it
// inflates (a small link must not expand into a decompression bomb), and the result must be
// files this very playground has, as strings, within the live server's source limit.
// Pages load this module (and fflate) only once a hash names one of their playgrounds (shareHash.ts).
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate'
import type { PlaygroundFiles } from '../types'
import { FILES_KEY, ID_KEY, MAX_HASH_CHARS, sharedPlaygroundId } from './shareHash'

export { FILES_KEY, ID_KEY, MAX_HASH_CHARS, sharedPlaygroundId }

/** Version of the payload's shape, inside the compressed JSON. */
const VERSION = 1
/** Bytes the payload may inflate to: the live server's default source limit (LIVE_SOURCE_BYTES). */
export const MAX_INFLATED_BYTES = 512 * 1024
/** Inflated in steps this small, so a bomb is stopped about one step past the cap. */
const STEP = 256

export type ShareError = 'too-large' | 'corrupt' | 'unknown-files'

export type ShareRead =
  | { kind: 'none' }
  | { kind: 'ok'; files: Record<string, string> }
  | { kind: 'error'; error: ShareError }

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bytes
  } catch {
    return null
  }
}

/** Inflates raw DEFLATE data; null past `cap` bytes (checked after every small step) or when damaged. */
export function inflateCapped(data: Uint8Array, cap: number): Uint8Array | null | 'too-large' {
  const chunks: Uint8Array[] = []
  let size = 0
  let over = false
  const inflater = new Inflate((chunk) => {
    size += chunk.length
    if (size > cap) over = true
    else chunks.push(chunk)
  })
  try {
    for (let i = 0; i < data.length && !over; i += STEP)
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length)
    if (!data.length) inflater.push(new Uint8Array(0), true)
  } catch {
    return over ? 'too-large' : null
  }
  if (over) return 'too-large'
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The playground's visible files as the editor holds them now, as the link carries them. */
export function filesToShare(
  original: PlaygroundFiles,
  current: Record<string, { code: string }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, file] of Object.entries(original))
    if (!file.hidden) out[path.replace(/^\//, '')] = current[path]?.code ?? file.code
  return out
}

/** The hash for `files` of playground `id`; null when it would be too long to open again. */
export function encodeShare(id: string, files: Record<string, string>): string | null {
  const json = strToU8(JSON.stringify({ v: VERSION, files }))
  if (json.length > MAX_INFLATED_BYTES) return null
  const payload = toBase64Url(deflateSync(json, { level: 9 }))
  const hash = `#${ID_KEY}=${encodeURIComponent(id)}&${FILES_KEY}=${payload}`
  return hash.length > MAX_HASH_CHARS ? null : hash
}

/**
 * Reads a share hash for playground `id`, whose original files are `original` (keys "/app/page.tsx").
 * Only files this playground has, as strings; anything else is refused whole.
 */
export function readShare(hash: string, id: string, original: PlaygroundFiles): ShareRead {
  if (sharedPlaygroundId(hash) !== id) return { kind: 'none' }
  if (hash.length > MAX_HASH_CHARS + 1) return { kind: 'error', error: 'too-large' }
  const encoded = new URLSearchParams(hash.replace(/^#/, '')).get(FILES_KEY) ?? ''
  const bytes = fromBase64Url(encoded)
  if (!bytes) return { kind: 'error', error: 'corrupt' }
  const inflated = inflateCapped(bytes, MAX_INFLATED_BYTES)
  if (inflated === 'too-large') return { kind: 'error', error: 'too-large' }
  if (!inflated) return { kind: 'error', error: 'corrupt' }
  let parsed: unknown
  try {
    parsed = JSON.parse(strFromU8(inflated))
  } catch {
    return { kind: 'error', error: 'corrupt' }
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    (parsed as { v?: unknown }).v !== VERSION ||
    !(parsed as { files?: unknown }).files ||
    typeof (parsed as { files?: unknown }).files !== 'object' ||
    Array.isArray((parsed as { files?: unknown }).files)
  )
    return { kind: 'error', error: 'corrupt' }
  const files: Record<string, string> = {}
  for (const [path, code] of Object.entries((parsed as { files: object }).files)) {
    if (!Object.hasOwn(original, `/${path}`) || original[`/${path}`].hidden)
      return { kind: 'error', error: 'unknown-files' }
    if (typeof code !== 'string') return { kind: 'error', error: 'corrupt' }
    files[`/${path}`] = code
  }
  return { kind: 'ok', files }
}

/** The original files with the shared ones in their place (flags such as `active` kept). */
export function applyShare(
  original: PlaygroundFiles,
  files: Record<string, string>,
): PlaygroundFiles {
  const out: PlaygroundFiles = {}
  for (const [path, file] of Object.entries(original))
    out[path] = Object.hasOwn(files, path) ? { ...file, code: files[path] } : file
  return out
}
