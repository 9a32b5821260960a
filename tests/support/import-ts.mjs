// Imports one of the site's TypeScript modules in a Node test, bundled by esbuild as the site's
// own build would bundle it (its imports included).
import { build } from 'esbuild'

const ROOT = new URL('../../', import.meta.url)

/** @param {string} path from the repository root, e.g. 'components/playground/share/shareLink.ts' */
export async function importTs(path) {
  const out = await build({
    entryPoints: [new URL(path, ROOT).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  })
  const code = out.outputFiles[0].text
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}
