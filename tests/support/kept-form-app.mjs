// The playground app of the kept-form tests (unit and browser): its first form post loops until
// the CPU limit stops it; the next one saves. A limit leaves the session in a fresh isolate with
// the same database, so the attempt is counted there.
export const KEPT_FORM_APP = {
  'app/actions.ts': `'use server'
import { db } from '@/lib/db'
export async function save(formData: FormData) {
  if ((await db.attempt.count()) === 0) {
    await db.attempt.create({ data: {} })
    for (;;) {}
  }
  await db.entry.create({ data: { title: String(formData.get('title')) } })
}`,
  'app/page.tsx': `import { save } from './actions'
import { db } from '@/lib/db'
export default async function Page() {
  const saved = (await db.entry.findMany()).map((e) => String(e.title))
  return (
    <main>
      <p id="saved">{saved.join(' | ')}</p>
      <form action={save}>
        <textarea name="title" />
        <input type="file" name="doc" />
        <button>Save</button>
      </form>
    </main>
  )
}`,
}
