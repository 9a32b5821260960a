// The playground's next.config.(ts|js|mjs): reader code, so it is evaluated here, in the session's
// isolate and under its limits, never in the host. Only the settings the live server honours come
// out, as plain data (cut to size): the host checks and clamps them against its own caps.
import { load } from './module-system.js'

const BODY_LIMIT_ERROR =
  'Server Actions Size Limit must be a valid number or filesize format larger than 1MB: https://nextjs.org/docs/app/api-reference/next-config-js/serverActions#bodysizelimit'
/** @type {Record<string, number>} */
const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 }

/**
 * The `bytes` package's parse, which Next uses: a number as it is, '500kb', '1.5 MB', '1024'.
 * @param {string | number} value @returns {number}
 */
function parseBytes(value) {
  if (typeof value === 'number') return value
  const m = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)?$/i.exec(value)
  if (!m) return NaN
  return Math.floor(UNITS[(m[4] || 'b').toLowerCase()] * parseFloat(m[1]))
}

const MAX_ORIGINS = 50
const MAX_ORIGIN_CHARS = 255

/**
 * @typedef {{ allowedOrigins: string[], bodySizeLimit: string | number | null,
 *   bodySizeBytes: number | null, taint: boolean, cacheComponents: boolean, warnings: string[] }}
 *   LiveNextConfig
 */

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null

/**
 * file → the settings Next 16 reads from `experimental.serverActions` and `experimental.taint`.
 * A config exported as a function is called as Next calls it (phase, { defaultConfig }).
 * @param {string} file @returns {Promise<LiveNextConfig>}
 */
export async function readNextConfig(file) {
  const mod = load(file)
  let config = isObject(mod) && 'default' in mod ? mod.default : mod
  if (typeof config === 'function') {
    config = await config('phase-production-server', { defaultConfig: {} })
  }
  config = await config
  /** @type {LiveNextConfig} */
  const out = {
    allowedOrigins: [],
    bodySizeLimit: null,
    bodySizeBytes: null,
    taint: false,
    cacheComponents: false,
    warnings: [],
  }
  if (!isObject(config)) return out
  out.cacheComponents = config.cacheComponents === true
  if ('serverActions' in config) {
    // Next 16 validates its config: a top-level serverActions is an unknown key, ignored.
    out.warnings.push(
      `Invalid ${file} options detected: Unrecognized key(s) in object: 'serverActions'. Next.js 16 reads it from experimental.serverActions.`,
    )
  }
  const experimental = config.experimental
  if (!isObject(experimental)) return out
  out.taint = experimental.taint === true
  // Next 16 still accepts the flag's older name.
  if (experimental.useCache === true) out.cacheComponents = true
  const serverActions = experimental.serverActions
  if (!isObject(serverActions)) return out
  const origins = serverActions.allowedOrigins
  if (Array.isArray(origins)) {
    for (const o of origins.slice(0, MAX_ORIGINS)) {
      if (typeof o === 'string') out.allowedOrigins.push(o.slice(0, MAX_ORIGIN_CHARS).toLowerCase())
    }
  }
  const limit = serverActions.bodySizeLimit
  if (limit !== undefined) {
    // Next's config check, at deploy as at `next build`.
    const bytes = typeof limit === 'number' || typeof limit === 'string' ? parseBytes(limit) : NaN
    if (Number.isNaN(bytes) || bytes < 1) throw new Error(BODY_LIMIT_ERROR)
    out.bodySizeLimit =
      typeof limit === 'number' ? limit : /** @type {string} checked above */ (limit).slice(0, 64)
    out.bodySizeBytes = bytes
  }
  return out
}
