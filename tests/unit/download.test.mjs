// Download as a Next app (issue 11): the project a playground's files become, and the lib/db.ts it
// ships being the live server's own database module.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { transform } from 'esbuild'
import { importTs } from '../support/import-ts.mjs'
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate'
import { generated } from '../../scripts/download-libs.mjs'
import * as runtimeDb from '../../action-server/runtime/modules/db.js'

const ROOT = new URL('../../', import.meta.url)
let project

before(async () => {
  project = await importTs('components/playground/download/nextProject.ts')
})

const FILES = {
  '/app/page.tsx': `import { db } from '@/lib/db'\nexport default async function Page() { return <p>{await db.todo.count()}</p> }`,
  '/app/actions.ts': `'use server'\nimport { z } from 'zod'\nimport { auth } from '@/lib/auth'\nexport async function a() { return (await auth()).userId }`,
}

test('runtimeLibs.ts is generated from the live server’s db module (run scripts/download-libs.mjs)', () => {
  const file = readFileSync(new URL('components/playground/download/runtimeLibs.ts', ROOT), 'utf8')
  assert.equal(file, generated())
})

test('the project is a complete Next 16 app with exact versions', () => {
  const files = project.nextProjectFiles(FILES, 'What may cross the boundary')
  assert.deepEqual(Object.keys(files).sort(), [
    '.gitignore',
    'README.md',
    'app/actions.ts',
    'app/layout.tsx',
    'app/page.tsx',
    'lib/auth.ts',
    'lib/db.ts',
    'next.config.ts',
    'package.json',
    'tsconfig.json',
  ])
  const pkg = JSON.parse(files['package.json'])
  assert.equal(pkg.name, 'what-may-cross-the-boundary')
  assert.deepEqual(pkg.scripts, { dev: 'next dev', build: 'next build', start: 'next start' })
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned exactly`)
  assert.ok(pkg.dependencies.zod, 'zod is added when a file imports it')
  assert.equal(pkg.dependencies['server-only'], undefined, 'nothing imports server-only')
  // The same versions the conformance suite proves against real Next 16.
  const conformance = JSON.parse(readFileSync(new URL('conformance/package.json', ROOT), 'utf8'))
  for (const name of ['next', 'react', 'react-dom', 'zod'])
    assert.equal(pkg.dependencies[name], conformance.dependencies[name], name)
  assert.match(files['README.md'], /npm install && npm run dev/)
  assert.match(files['next.config.ts'], /NextConfig/)
  assert.deepEqual(JSON.parse(files['tsconfig.json']).compilerOptions.paths, { '@/*': ['./*'] })
  assert.match(files['lib/auth.ts'], /export async function auth\(\)/)
  assert.match(files['lib/auth.ts'], /export async function currentUser\(\)/)
})

test('a playground’s own layout and lib files are kept', () => {
  const files = project.nextProjectFiles(
    { ...FILES, '/app/layout.tsx': 'mine', '/lib/db.ts': 'my db' },
    'x',
  )
  assert.equal(files['app/layout.tsx'], 'mine')
  assert.equal(files['lib/db.ts'], 'my db')
})

test('lib/db.ts behaves as the live server’s @/lib/db', async () => {
  const files = project.nextProjectFiles(FILES, 'x')
  const { code } = await transform(files['lib/db.ts'], { loader: 'ts', format: 'esm' })
  const shipped = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )
  const script = async ({ db }) => {
    const a = await db.todo.create({ data: { title: 'one', done: false } })
    await db.todo.create({ data: { title: 'two', done: true } })
    await db.todo.update({ where: { id: a.id }, data: { done: true } })
    return {
      all: await db.todo.findMany({ orderBy: { id: 'desc' } }),
      done: await db.todo.count({ where: { done: true } }),
      one: await db.todo.findUnique({ where: { id: a.id } }),
    }
  }
  // Timestamps differ by the time between the two runs: compare that they are there.
  const strip = (v) => JSON.parse(JSON.stringify(v, (k, x) => (/At$/.test(k) ? typeof x : x)))
  assert.deepEqual(strip(await script(shipped)), strip(await script(runtimeDb)))
})

test('the zip holds every file under the app’s folder', () => {
  const files = project.nextProjectFiles(FILES, 'Demo')
  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([p, c]) => [`demo/${p}`, strToU8(c)])),
  )
  const back = unzipSync(zip)
  assert.equal(strFromU8(back['demo/app/page.tsx']), FILES['/app/page.tsx'])
  assert.equal(Object.keys(back).length, Object.keys(files).length)
})

test('a playground’s own next.config.ts is kept (issue 12: cacheComponents, taint, serverActions)', () => {
  const config = `import type { NextConfig } from 'next'\nexport default { experimental: { taint: true } } satisfies NextConfig\n`
  const files = project.nextProjectFiles({ ...FILES, '/next.config.ts': config }, 'Taint')
  assert.equal(files['next.config.ts'], config)
})
