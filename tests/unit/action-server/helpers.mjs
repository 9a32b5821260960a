// Shared test helpers: a live server on an ephemeral loopback port, a React client that speaks the
// same wire format as the preview runtime (encodeReply out, Flight in).
import { createRequire } from 'node:module'
import { startServer } from '../../../action-server/serve.mjs'

const require = createRequire(import.meta.url)
const flightClient = require('react-server-dom-webpack/client.edge')

export const ACTION_PATH = (session) => `/api/live/${session}/action`

/** Small limits keep the limit tests fast; individual files override what they need. */
export async function startLive(overrides = {}) {
  const srv = await startServer({
    env: {},
    cpuMs: 300,
    wallMs: 2000,
    memoryMb: 32,
    maxSessions: 50,
    idleMs: 60_000,
    sourceBytes: 64 * 1024,
    bodyBytes: 1024 * 1024,
    logEntries: 200,
    logEntryChars: 2000,
    ...overrides,
  })
  const client = {
    url: srv.url,
    live: srv.live,
    close: () => srv.close(),
    fetch: (path, init) => fetch(srv.url + path, init),
    async session() {
      const r = await client.fetch('/api/live/sessions', { method: 'POST' })
      if (r.status !== 201) throw new Error(`session: ${r.status}`)
      return (await r.json()).session
    },
    async deploy(session, files, extra = {}) {
      const r = await client.fetch(`/api/live/${session}/files`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files, ...extra }),
      })
      return { status: r.status, headers: r.headers, body: await r.json() }
    },
    /** Creates a session, deploys `app/actions.ts` and returns name → id. */
    async playground(actionsSource, extra = {}, moreFiles = {}) {
      const session = await client.session()
      const d = await client.deploy(
        session,
        { 'app/actions.ts': actionsSource, ...moreFiles },
        extra,
      )
      if (d.status !== 200) throw new Error(`deploy failed: ${JSON.stringify(d.body)}`)
      const ids = {}
      for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
      return { session, ids, build: d.body.build }
    },
    /** Posts an action the way Next's client does; returns the raw response and its decoded result. */
    async call(session, id, args = [], { headers = {}, rawBody, decode = true } = {}) {
      // As Next's client does: objects sent in the reply come back as the very same objects.
      const temporaryReferences = flightClient.createTemporaryReferenceSet()
      const body =
        rawBody !== undefined
          ? rawBody
          : await flightClient.encodeReply(args, { temporaryReferences })
      const r = await client.fetch(ACTION_PATH(session), {
        method: 'POST',
        headers: { 'next-action': id, origin: srv.url, ...headers },
        body,
      })
      const bytes = new Uint8Array(await r.arrayBuffer())
      const out = { status: r.status, headers: r.headers, text: new TextDecoder().decode(bytes) }
      if (decode && r.headers.get('content-type') === 'text/x-component' && bytes.length) {
        out.payload = await decodeFlight(bytes, temporaryReferences)
        try {
          out.value = await out.payload.a
        } catch (err) {
          out.error = err
        }
      }
      return out
    },
    async logs(session, since = 0) {
      const r = await client.fetch(`/api/live/${session}/logs?since=${since}`)
      return r.json()
    },
  }
  return client
}

// A page's tree references Client Components (the playground's, Next's segment boundaries): a
// stand-in module keeps the decoder happy; tests read the result and the rows, never render.
globalThis.__webpack_require__ ??= () => new Proxy({}, { get: () => () => null })
globalThis.__webpack_chunk_load__ ??= () => Promise.resolve()
const anyModule = new Proxy(
  {},
  { get: (_, id) => new Proxy({}, { get: (__, name) => ({ id: String(id), chunks: [], name }) }) },
)

export async function decodeFlight(bytes, temporaryReferences) {
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(bytes)
      c.close()
    },
  })
  return flightClient.createFromReadableStream(stream, {
    serverConsumerManifest: { moduleMap: anyModule, serverModuleMap: null, moduleLoading: null },
    temporaryReferences,
  })
}

export const encodeReply = (v) => flightClient.encodeReply(v)

/** Waits until `fn` returns truthy (server console entries arrive asynchronously). */
export async function eventually(fn, { timeout = 3000, interval = 25 } = {}) {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) return v
    await new Promise((r) => setTimeout(r, interval))
  }
}
