// The compile step that hoists inline 'use server' functions (no server needed).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hoistInlineActions } from '../../../action-server/compiler/hoist-inline.mjs'
import { transform } from '../../../action-server/compiler/transform.mjs'
import { listRoutes } from '../../../action-server/compiler/routes.mjs'

const hoist = (src, kind = 'shared') =>
  hoistInlineActions('app/page.tsx', transform('app/page.tsx', src), kind)

test("captures the enclosing functions' locals an inline action reads, not module names or its own locals", () => {
  const r = hoist(`import { db } from '@/lib/db'
const LIMIT = 3
export default async function Page({ params }) {
  const { id } = await params
  const [a, b] = [1, 2]
  const save = async (fd: FormData) => {
    'use server'
    const local = fd.get('x')
    await db.x.create({ data: { id, a, local, LIMIT, n: Math.max(1, 2) } })
    return { b }
  }
  async function plain() { 'use server'; return LIMIT }
  return <form action={save}><button formAction={plain} /></form>
}`)
  assert.deepEqual(r.inlineActions, ['$$RSC_SERVER_ACTION_0', '$$RSC_SERVER_ACTION_1'])
  assert.match(r.code, /__liveClosures\.bind\(\$\$RSC_SERVER_ACTION_0, \[id, a, b\]\)/)
  assert.match(r.code, /var plain = \$\$RSC_SERVER_ACTION_1;/)
  assert.match(
    r.code,
    /async function \$\$RSC_SERVER_ACTION_0\(\$\$ACTION_CLOSURE_BOUND, fd\) \{var \[id, a, b\] = await __liveClosures\.decrypt/,
  )
  assert.match(r.code, /exports\.\$\$RSC_SERVER_ACTION_1 = \$\$RSC_SERVER_ACTION_1;/)
})

test('keeps the line numbers of the code around an inline action, and the strict prologue first', () => {
  const src = `export default function Page() {\n  const v = 1\n  async function go() {\n    'use server'\n    return v\n  }\n  return <p>{v}</p>\n}`
  const r = hoist(src)
  assert.ok(r.code.startsWith('"use strict";'))
  const lines = r.code.split('\n')
  assert.match(lines[6], /return .*jsx/)
})

test('files without inline actions, and "use server" files, are left alone', () => {
  const code = transform('app/a.ts', `export const x = 'use server'`)
  assert.equal(hoistInlineActions('app/a.ts', code, 'shared').code, code)
  const server = transform(
    'app/actions.ts',
    `'use server'\nexport async function a() { 'use server'; return 1 }`,
  )
  assert.equal(hoistInlineActions('app/actions.ts', server, 'server').code, server)
})

test('routes: static before dynamic, groups left out, layouts on the path', () => {
  const routes = listRoutes([
    'app/layout.tsx',
    'app/page.tsx',
    'app/posts/[id]/page.tsx',
    'app/posts/new/page.tsx',
    'app/(shop)/cart/page.tsx',
    'app/docs/[...slug]/page.tsx',
    'app/posts/layout.tsx',
  ])
  assert.deepEqual(
    routes.map((r) => r.path),
    ['/', '/cart', '/posts/new', '/posts/[id]', '/docs/[...slug]'],
  )
  assert.deepEqual(routes.find((r) => r.path === '/posts/[id]').layouts, [
    'app/layout.tsx',
    'app/posts/layout.tsx',
  ])
})
