// React's taint APIs behind next.config's experimental.taint (issue 12): a tainted object or value
// passed to a Client Component (or returned by an action) fails the render with the message given
// when tainting, React's default message otherwise; without the flag React has no such exports.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

const CONFIG = `import type { NextConfig } from 'next'
const nextConfig: NextConfig = { experimental: { taint: true } }
export default nextConfig
`
const DATA = `import 'server-only'
import { experimental_taintObjectReference, experimental_taintUniqueValue } from 'react'
export async function getUser() {
  const user = { name: 'Ada', token: 'tok_secret_123' }
  experimental_taintObjectReference('Do not pass the whole user object to the client', user)
  experimental_taintUniqueValue('Do not pass the user token to the client', user, user.token)
  return user
}
`
const CLIENT = `'use client'
export default function Profile(props) { return <p>{JSON.stringify(props)}</p> }
`
const page = (props) => `import { getUser } from './data'
import Profile from './profile'
export default async function Page() {
  const user = await getUser()
  return <Profile ${props} />
}
`

async function deployed(files) {
  const session = await live.session()
  const d = await live.deploy(session, files)
  assert.equal(d.status, 200, JSON.stringify(d.body))
  return { session, actions: d.body.actions }
}
const render = async (session) => {
  const r = await live.fetch(`/api/live/${session}/render?path=/`)
  return { status: r.status, text: await r.text() }
}

const FILES = { 'next.config.ts': CONFIG, 'app/data.ts': DATA, 'app/profile.tsx': CLIENT }

test('a tainted object passed to a Client Component: the render fails with its message', async () => {
  const { session } = await deployed({ ...FILES, 'app/page.tsx': page('user={user}') })
  const r = await render(session)
  assert.equal(r.status, 200) // Next's RSC status; the error row is in the stream
  assert.match(r.text, /Do not pass the whole user object to the client/)
  assert.doesNotMatch(r.text, /tok_secret_123/)
})

test('a tainted value passed on its own: its message', async () => {
  const { session } = await deployed({ ...FILES, 'app/page.tsx': page('token={user.token}') })
  const r = await render(session)
  assert.equal(r.status, 200)
  assert.match(r.text, /Do not pass the user token to the client/)
  assert.doesNotMatch(r.text, /tok_secret_123/)
})

test('a tainted value rendered into a host element is caught too', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { getUser } from './data'
export default async function Page() { const user = await getUser(); return <p>{user.token}</p> }`,
  })
  const r = await render(session)
  assert.match(r.text, /Do not pass the user token to the client/)
  assert.doesNotMatch(r.text, /tok_secret_123/)
})

test('untainted fields pass', async () => {
  const { session } = await deployed({ ...FILES, 'app/page.tsx': page('name={user.name}') })
  const r = await render(session)
  assert.equal(r.status, 200)
  assert.match(r.text, /Ada/)
})

test('an action returning a tainted value fails', async () => {
  const { session, actions } = await deployed({
    ...FILES,
    'app/page.tsx': page('name={user.name}'),
    'app/actions.ts': `'use server'
import { getUser } from './data'
export async function leak() { return (await getUser()).token }`,
  })
  const r = await live.call(session, actions['app/actions.ts#leak'], [])
  assert.equal(r.status, 500)
  assert.doesNotMatch(r.text, /tok_secret_123/)
  assert.match(String(r.error?.message), /Do not pass the user token to the client/)
})

test('without experimental.taint the deploy fails, as Next’s compiler refuses the import', async () => {
  const files = { ...FILES, 'app/page.tsx': page('name={user.name}') }
  delete files['next.config.ts']
  const session = await live.session()
  const d = await live.deploy(session, files)
  assert.equal(d.status, 422)
  assert.deepEqual(
    { file: d.body.errors[0].file, line: d.body.errors[0].line },
    { file: 'app/data.ts', line: 2 },
  )
  assert.equal(
    d.body.errors[0].message,
    "You're importing `experimental_taintObjectReference` from React which requires `experimental.taint: true` in your Next.js config. Learn more: https://nextjs.org/docs/app/api-reference/config/next-config-js/taint",
  )
})

test('React’s argument checks', async () => {
  const { session } = await deployed({
    ...FILES,
    'app/page.tsx': `import { experimental_taintUniqueValue } from 'react'
export default function Page() { experimental_taintUniqueValue('m', {}, 42); return null }`,
  })
  const r = await render(session)
  assert.match(
    r.text,
    /Cannot taint a number because the value is too general and not unique enough to block globally\./,
  )
})
