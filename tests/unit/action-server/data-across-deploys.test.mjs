// Issue 13 item 3: like `next dev`, a session's database outlives a code edit; `data: "reset"`
// starts the new build from its seed again.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startLive } from './helpers.mjs'

let live
before(async () => {
  live = await startLive()
})
after(() => live.close())

const notes = (label) => `'use server'
import { db } from '@/lib/db'
export async function add(text: string) { return db.note.create({ data: { text } }) }
export async function list() {
  return (await db.note.findMany({ orderBy: { id: 'asc' } })).map((n) => \`${label} #\${n.id} \${n.text}\`)
}`

const SEED = { note: [{ text: 'seeded' }] }

async function deploy(session, label, extra = {}) {
  const d = await live.deploy(session, { 'app/actions.ts': notes(label) }, { seed: SEED, ...extra })
  assert.equal(d.status, 200, JSON.stringify(d.body))
  const ids = {}
  for (const [k, id] of Object.entries(d.body.actions)) ids[k.split('#')[1]] = id
  return ids
}

test('rows survive a redeploy of edited code; ids go on; the edited code reads them', async () => {
  const session = await live.session()
  let ids = await deploy(session, 'v1')
  await live.call(session, ids.add, ['one'])
  await live.call(session, ids.add, ['two'])
  ids = await deploy(session, 'v2') // one string changed
  assert.deepEqual((await live.call(session, ids.list)).value, [
    'v2 #1 seeded',
    'v2 #2 one',
    'v2 #3 two',
  ])
  const third = await live.call(session, ids.add, ['three'])
  assert.equal(third.value.id, 4, 'ids continue after a redeploy')
})

test('data: "reset" restores the seed (and ids), the new seed when the code changed it', async () => {
  const session = await live.session()
  let ids = await deploy(session, 'v1')
  await live.call(session, ids.add, ['one'])
  ids = await deploy(session, 'v1', { data: 'reset', seed: { note: [{ text: 'new seed' }] } })
  assert.deepEqual((await live.call(session, ids.list)).value, ['v1 #1 new seed'])
  assert.equal((await live.call(session, ids.add, ['again'])).value.id, 2)
})

test('a changed seed does not overwrite kept rows (it fills a fresh database only)', async () => {
  const session = await live.session()
  let ids = await deploy(session, 'v1')
  await live.call(session, ids.add, ['mine'])
  ids = await deploy(session, 'v1', { seed: { note: [{ text: 'other seed' }] } })
  assert.deepEqual((await live.call(session, ids.list)).value, ['v1 #1 seeded', 'v1 #2 mine'])
})

test('a failed deploy keeps the rows for the next good one', async () => {
  const session = await live.session()
  let ids = await deploy(session, 'v1')
  await live.call(session, ids.add, ['kept'])
  const bad = await live.deploy(session, {
    'app/actions.ts': `'use server'\nexport async function (`,
  })
  assert.equal(bad.status, 422)
  ids = await deploy(session, 'v3')
  assert.deepEqual((await live.call(session, ids.list)).value, ['v3 #1 seeded', 'v3 #2 kept'])
})

test('data must be "keep" or "reset"', async () => {
  const session = await live.session()
  const d = await live.deploy(session, { 'app/actions.ts': notes('x') }, { data: 'wipe' })
  assert.equal(d.status, 400)
  assert.match(d.body.error, /keep.*reset/)
})

test('rows past the 256 KB the site keeps are not carried: the next deploy starts from the seed', async () => {
  const big = `'use server'
import { db } from '@/lib/db'
export async function fill() { for (let i = 0; i < 300; i++) await db.note.create({ data: { text: 'x'.repeat(1024) } }); return db.note.count() }
export async function count() { return db.note.count() }`
  const session = await live.session()
  let d = await live.deploy(session, { 'app/actions.ts': big }, { seed: SEED })
  const id = (name) => d.body.actions[`app/actions.ts#${name}`]
  assert.equal((await live.call(session, id('fill'))).value, 301)
  d = await live.deploy(session, { 'app/actions.ts': `${big}\n// edited` }, { seed: SEED })
  assert.equal((await live.call(session, id('count'))).value, 1, 'the seed, not 300 KB of rows')
})
