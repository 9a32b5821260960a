// Builds the preview runtime into public/runtime/ (served at the preview origin's root).
// `npm run build` runs this before `next build`; the output is not committed.
import { build } from 'esbuild'
import { copyFile, mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'public', 'runtime')

await rm(out, { recursive: true, force: true })
await mkdir(out, { recursive: true })

const result = await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile: join(out, 'runtime.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome111', 'firefox111', 'safari16'],
  minify: true,
  legalComments: 'none',
  // The live server answers as `next dev` by default, and React's Flight client only reads a
  // development server's stream with its development build: the preview runs development React.
  define: { 'process.env.NODE_ENV': '"development"' },
  // …and a production deploy's stream with its production build (src/flight.ts).
  alias: {
    'react-server-dom-webpack/client.browser.production': join(
      here,
      '..',
      'node_modules/react-server-dom-webpack/cjs/react-server-dom-webpack-client.browser.production.js',
    ),
  },
  metafile: true,
  logLevel: 'warning',
})
await copyFile(join(here, 'index.html'), join(out, 'index.html'))

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0)
console.log(`preview runtime → public/runtime/ (${(bytes / 1024).toFixed(0)} kB)`)
