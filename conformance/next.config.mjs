import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { experimental } from './server-actions.mjs'

// Next's defaults, except the Server Actions settings (server-actions.mjs) and the project root: without it Next takes the repository's root (its
// lockfile is found first) and compiles the docs site's middleware.ts into this app.
const root = dirname(fileURLToPath(import.meta.url))

const nextConfig = { turbopack: { root }, outputFileTracingRoot: root, experimental }
export default nextConfig
