// Standalone live action server: `node action-server/serve.mjs` (PORT, default 3100; HOST, default
// 127.0.0.1). Used by the tests and the bench; the site mounts the same handler under /api/live.
import { createServer } from 'node:http'
import { createActionServer } from './index.mjs'

/**
 * @param {{ port?: number, host?: string } & Parameters<typeof createActionServer>[0]} [options]
 */
export async function startServer({ port = 0, host = '127.0.0.1', ...options } = {}) {
  const live = createActionServer(options)
  const server = createServer((req, res) => live.handle(req, res))
  server.keepAliveTimeout = 10_000
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)))
  const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    live,
    server,
    url: `http://${host}:${actual}`,
    async close() {
      server.closeAllConnections?.()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
      await live.close()
    },
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const port = Number(process.env.PORT || 3100)
  const { url, close } = await startServer({ port, host: process.env.HOST || '127.0.0.1' })
  console.log(`live action server on ${url}/api/live`)
  const stop = () => close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
