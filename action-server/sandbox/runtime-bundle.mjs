// Builds the isolate runtime (action-server/runtime + React's Flight server + zod) with esbuild,
// one bundle per mode, cached under .cache/ by a hash of everything that goes into it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const runtimeDir = join(here, '..', 'runtime');
const root = join(here, '..', '..');
const cacheDir = join(root, '.cache', 'action-server');
const require = createRequire(import.meta.url);

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function inputsHash(mode) {
  const h = createHash('sha256').update(mode);
  for (const file of listFiles(runtimeDir).sort()) h.update(file).update(readFileSync(file));
  for (const pkg of ['react', 'react-server-dom-webpack', 'zod', 'web-streams-polyfill', 'esbuild']) {
    h.update(pkg).update(require(`${pkg}/package.json`).version);
  }
  return h.digest('hex').slice(0, 16);
}

async function bundle(mode) {
  const result = await build({
    entryPoints: [join(runtimeDir, 'entry.js')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['react-server', 'browser', 'import', 'default'],
    mainFields: ['module', 'main'],
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    minify: mode === 'production',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const memo = new Map();

/** → { code, hash } for 'development' or 'production'. */
export async function getRuntimeBundle(mode) {
  if (memo.has(mode)) return memo.get(mode);
  const hash = inputsHash(mode);
  const file = join(cacheDir, `runtime.${mode}.${hash}.js`);
  let code;
  if (existsSync(file)) code = readFileSync(file, 'utf8');
  else {
    code = await bundle(mode);
    mkdirSync(cacheDir, { recursive: true });
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(`runtime.${mode}.`)) rmSync(join(cacheDir, old), { force: true });
    }
    writeFileSync(file, code);
  }
  const out = { code, hash };
  memo.set(mode, out);
  return out;
}
