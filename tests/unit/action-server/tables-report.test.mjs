// A call reports only what it changed in `@/lib/db` (runtime/modules/db.js tablesReport), and the
// site's copy (sandbox/kept-tables.mjs) stays equal to the isolate's rows, row for row, in order.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  db,
  seed,
  dumpTables,
  restoreTables,
  markTablesReported,
  tablesReport,
} from '../../../action-server/runtime/modules/db.js'
import { applyTablesReport } from '../../../action-server/sandbox/kept-tables.mjs'

/** A tiny seeded generator, so a failure can be replayed. */
function random(seed) {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x / 2 ** 31
  }
}

/** @param {import('../../../contract/sandbox').TablesDump | null} dump */
const plain = (dump) =>
  JSON.parse(JSON.stringify((dump ?? []).filter(([, t]) => t.rows.length || t.nextId > 1)))

test('after every call the rows the site keeps equal the isolate’s, in order', async () => {
  const next = random(7)
  seed({ note: [{ text: 'seeded' }, { text: 'also seeded' }] })
  let kept = null
  for (let call = 0; call < 300; call++) {
    const ops = 1 + Math.floor(next() * 4)
    for (let i = 0; i < ops; i++) {
      const table = next() < 0.7 ? db.note : db.tag
      const id = 1 + Math.floor(next() * 12)
      const r = next()
      // Refused writes (a taken id, a missing row) are part of the mix: they must report right too.
      const op =
        r < 0.35
          ? table.create({ data: { text: `t${call}.${i}` } })
          : r < 0.45
            ? table.upsert({
                where: { id },
                create: { id: 100 + id },
                update: { n: { increment: 1 } },
              })
            : r < 0.6
              ? table.update({ where: { id }, data: { text: `u${call}` } })
              : r < 0.7
                ? table.delete({ where: { id } })
                : r < 0.75
                  ? table.deleteMany({ where: { id: { lt: id } } })
                  : r < 0.8
                    ? table.updateMany({ where: { id: { gt: id } }, data: { flag: call } })
                    : r < 0.83
                      ? table.update({ where: { id }, data: { id: 500 + call } })
                      : r < 0.87
                        ? table.create({ data: { id: `s${id}` } })
                        : table.findMany({})
      await op.catch(() => {})
    }
    const report = tablesReport()
    if (report !== undefined) kept = applyTablesReport(kept, report)
    assert.deepEqual(plain(kept), plain(dumpTables()), `after call ${call}`)
  }
})

test('a call that writes one row reports that row, not the table', async () => {
  restoreTables([
    ['item', { rows: Array.from({ length: 500 }, (_, i) => ({ id: i + 1, v: i })), nextId: 501 }],
  ])
  markTablesReported()
  assert.equal(tablesReport(), undefined, 'nothing written, nothing reported')
  await db.item.create({ data: { v: 'new' } })
  await db.item.update({ where: { id: 3 }, data: { v: 'changed' } })
  const report = tablesReport()
  assert.equal(report?.all, false)
  const [[name, change]] = report.tables
  assert.equal(name, 'item')
  assert.equal(change.whole, false)
  assert.deepEqual(
    change.rows.map((r) => [r.id, r.v]),
    [
      [501, 'new'],
      [3, 'changed'],
    ],
  )
})

test('past the size cap the report is null once, then nothing', async () => {
  restoreTables([])
  markTablesReported()
  const big = 'x'.repeat(64 * 1024)
  for (let i = 0; i < 3; i++) {
    await db.blob.create({ data: { big } })
    assert.equal(tablesReport()?.all, false)
  }
  await db.blob.create({ data: { big } })
  assert.equal(tablesReport(), null)
  await db.blob.create({ data: { big } })
  assert.equal(tablesReport(), undefined)
})
