// `npm start`: production server on PORT (default 3000), building first when there is no build.
import { existsSync } from 'node:fs'
import { spawnSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './site-pages.mjs'

const port = process.env.PORT || '3000'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

if (!existsSync(join(ROOT, '.next/BUILD_ID'))) {
  console.log('No production build found: running `npm run build` first.')
  const build = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// scripts/server.mjs: Next's request handler with the preview host's live API in front of it.
const next = spawn(process.execPath, [join(ROOT, 'scripts/server.mjs'), '-p', port], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
})
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
  process.on(signal, () => next.kill(signal))
next.on('exit', (code) => process.exit(code ?? 0))
