// Reading a Flight answer for comparison: the root row's keys and the action's result, decoded with
// React's Flight client and written out canonically (types, values, error shapes; digests hidden).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
// The production client: `next start` sends production rows (an error row without its stack),
// which the development client does not read.
const flight = require(
  require
    .resolve('react-server-dom-webpack/client.edge')
    .replace(/client\.edge\.js$/, 'cjs/react-server-dom-webpack-client.edge.production.js'),
)

// Next's tree references its own client chunks: a stand-in module keeps the decoder happy (the
// tree is never rendered here, only the result row is read).
globalThis.__webpack_require__ ??= () => new Proxy({}, { get: () => () => null })
globalThis.__webpack_chunk_load__ ??= () => Promise.resolve()
const anyModule = new Proxy(
  {},
  { get: (_, id) => new Proxy({}, { get: (__, name) => ({ id: String(id), chunks: [], name }) }) },
)

export { flight }

/** The JSON of row 0 (the root), or null for an empty or non-Flight body. */
export function rootRow(text) {
  const m = /^0:(\{.*)$/m.exec(text)
  if (!m) return null
  try {
    return JSON.parse(m[1])
  } catch {
    return null
  }
}

export async function decode(bytes, temporaryReferences) {
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(bytes)
      c.close()
    },
  })
  return flight.createFromReadableStream(stream, {
    serverConsumerManifest: { moduleMap: anyModule, serverModuleMap: null, moduleLoading: null },
    temporaryReferences,
  })
}

/** A value as comparable text: what type it is and what it holds, the same way for both servers. */
export async function canon(value, sent, seen = new Set()) {
  const at = sent && value !== null && typeof value === 'object' ? sent.indexOf(value) : -1
  if (at !== -1 || (sent && typeof value === 'function' && sent.includes(value)))
    return `<argument #${sent.indexOf(value)} itself> ${await canon(value, null, seen)}`
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'symbol') return `Symbol(${Symbol.keyFor(value) ?? '?'})`
  if (typeof value === 'function') return `function ${value.name}`
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (seen.has(value)) return '<cycle>'
  seen.add(value)
  const tag = Object.prototype.toString.call(value).slice(8, -1)
  if (value instanceof Error)
    return `${value.name}: ${value.message}${'digest' in value ? ' {digest}' : ''}`
  if (value instanceof Date) return `Date ${value.toISOString()}`
  if (value instanceof Map)
    return `Map {${(await Promise.all([...value].map(async ([k, v]) => `${await canon(k, sent, seen)} => ${await canon(v, sent, seen)}`))).join(', ')}}`
  if (value instanceof Set)
    return `Set {${(await Promise.all([...value].map((v) => canon(v, sent, seen)))).join(', ')}}`
  if (typeof FormData !== 'undefined' && value instanceof FormData)
    return `FormData {${(await Promise.all([...value].map(async ([k, v]) => `${k}: ${await canon(v, sent, seen)}`))).join(', ')}}`
  if (value instanceof Blob)
    return `${tag}(${'name' in value ? `${value.name}, ` : ''}${value.type}) ${JSON.stringify(await value.text())}`
  if (ArrayBuffer.isView(value)) return `${tag} [${Array.from(value).join(', ')}]`
  if (value instanceof ArrayBuffer) return `ArrayBuffer [${Array.from(new Uint8Array(value))}]`
  if (Array.isArray(value))
    return `[${(await Promise.all(value.map((v) => canon(v, sent, seen)))).join(', ')}]`
  const entries = await Promise.all(
    Object.keys(value).map(
      async (k) => `${JSON.stringify(k)}: ${await canon(value[k], sent, seen)}`,
    ),
  )
  const proto = Object.getPrototypeOf(value)
  return `${proto === null ? 'null-prototype ' : proto === Object.prototype ? '' : `${tag} `}{${entries.join(', ')}}`
}
