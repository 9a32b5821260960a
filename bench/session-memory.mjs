// node bench/session-memory.mjs — what one honest session costs: RSS of the sandbox process (one
// process, so all sessions share it) and of the site's process, before and after N sessions that
// each deploy an action file and a page, render it (Flight and HTML) and call three actions.
// The result is HONEST_SESSION_BYTES in action-server/config.mjs (the session cap follows from it).
// Writes bench/reports/session-memory.{md,json}.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startServer } from '../action-server/serve.mjs'

const require = createRequire(import.meta.url)
const { encodeReply } = require('react-server-dom-webpack/client.edge')
const root = fileURLToPath(new URL('..', import.meta.url))
const N = Number(process.env.SESSIONS || 100)
const MB = 2 ** 20

const ACTIONS = `'use server'
import { z } from 'zod'
import { db } from '@/lib/db'
import { revalidatePath } from 'next/cache'
const Note = z.object({ text: z.string().min(1).max(200) })
export async function add(text: string) {
  const { text: t } = Note.parse({ text })
  await db.note.create({ data: { text: t } })
  revalidatePath('/')
  return db.note.count()
}
`
const PAGE = `import { db } from '@/lib/db'
import { add } from './actions'
export default async function Page() {
  const notes = await db.note.findMany({ orderBy: { id: 'desc' }, take: 10 })
  return <main><h1>Notes</h1><form action={add}><input name="text" /><button>Add</button></form><ul>{notes.map((n: any) => <li key={n.id}>{n.text}</li>)}</ul></main>
}
`

const rss = (/** @type {number} */ pid) =>
  Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096
const srv = await startServer({ env: {}, sandboxProcesses: 1, maxSessions: 10_000 })
const host = srv.live.host
const ask = (/** @type {string} */ path, /** @type {RequestInit} */ init = {}) =>
  fetch(srv.url + path, init)

async function honestSession() {
  const { session } = await (await ask('/api/live/sessions', { method: 'POST' })).json()
  const d = await ask(`/api/live/${session}/files`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: { 'app/actions.ts': ACTIONS, 'app/page.tsx': PAGE } }),
  })
  const { actions } = await d.json()
  await (await ask(`/api/live/${session}/render?path=/`)).text()
  await (await ask(`/api/live/${session}/html?path=/`)).text()
  for (let i = 0; i < 3; i++) {
    const r = await ask(`/api/live/${session}/action`, {
      method: 'POST',
      headers: { 'next-action': actions['app/actions.ts#add'], origin: srv.url },
      body: await encodeReply([`note ${i}`]),
    })
    if (r.status !== 200) throw new Error(`action ${r.status}`)
    await r.arrayBuffer()
  }
}

await honestSession() // the process, its runtimes and code caches exist before measuring
await new Promise((r) => setTimeout(r, 1500))

const pid = host.processes()[0]?.pid
if (typeof pid !== 'number') throw new Error('the sandbox process did not start')
const before = { sandbox: rss(pid), site: process.memoryUsage().rss }
for (let i = 0; i < N; i++) await honestSession()
await new Promise((r) => setTimeout(r, 1500))
const after = { sandbox: rss(pid), site: process.memoryUsage().rss }
const perSession = (after.sandbox - before.sandbox + Math.max(0, after.site - before.site)) / N
await srv.close()

const result = {
  date: new Date().toISOString(),
  node: process.version,
  sessions: N,
  sandboxMbBefore: before.sandbox / MB,
  sandboxMbAfter: after.sandbox / MB,
  siteMbBefore: before.site / MB,
  siteMbAfter: after.site / MB,
  perSessionMb: perSession / MB,
}
const f = (/** @type {number} */ n) => n.toFixed(1)
const md = `# What an honest session costs

${result.date} · Node ${result.node} · \`node bench/session-memory.mjs\` (${N} sessions, one sandbox process)

Each session deploys an action file (zod + \`@/lib/db\`) and a page, renders it once as Flight and once
as HTML (the SSR layer is loaded into its isolate), and calls an action three times.

| | before | after ${N} sessions |
|---|---|---|
| sandbox process RSS (MB) | ${f(result.sandboxMbBefore)} | ${f(result.sandboxMbAfter)} |
| site process RSS (MB) | ${f(result.siteMbBefore)} | ${f(result.siteMbAfter)} |

**One honest session: ${f(result.perSessionMb)} MB** (sandbox and site together). With the default budget
(60% of this box's RAM) the session cap stays at 500; 500 such sessions need about
${Math.round((result.perSessionMb * 500) / 1024)} GB.
`
writeFileSync(`${root}bench/reports/session-memory.json`, `${JSON.stringify(result, null, 2)}\n`)
writeFileSync(`${root}bench/reports/session-memory.md`, md)
console.log(md)
