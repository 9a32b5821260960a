// The rows the site keeps for each session (to rebuild its isolate elsewhere), updated from what
// each call reports it changed (runtime/modules/db.js tablesReport): the work per call is the size
// of its changes, not of the database.
/** @import { TablesDump, TablesReport } from '../../contract/sandbox.js' */

/** @typedef {TablesDump[number][1]} KeptTable */

/** A table's row positions by String(id), kept while its rows array is the same one. */
/** @type {WeakMap<KeptTable['rows'], Map<string, number>>} */
const positions = new WeakMap()

/** @param {KeptTable} t */
function positionsOf(t) {
  let at = positions.get(t.rows)
  if (!at) {
    at = new Map()
    for (let i = 0; i < t.rows.length; i++) at.set(String(t.rows[i].id), i)
    positions.set(t.rows, at)
  }
  return at
}

/**
 * The kept rows after a report. A new array each time a report arrives (the shared store compares
 * by identity to know what to write); the tables in it are updated in place.
 * @param {TablesDump | null} kept
 * @param {TablesReport | null} report null: past the size cap, nothing is kept
 * @returns {TablesDump | null}
 */
export function applyTablesReport(kept, report) {
  if (!report) return null
  // Changes to rows the site never had cannot be applied: keep nothing rather than a wrong part.
  if (!report.all && !kept) return null
  /** @type {Map<string, KeptTable>} */
  const byName = new Map(report.all ? [] : kept)
  for (const [name, change] of report.tables) {
    if (change.whole) {
      byName.set(name, { rows: change.rows, nextId: change.nextId })
      continue
    }
    const t = byName.get(name) ?? { rows: [], nextId: 1 }
    if (change.removed.length) {
      const gone = new Set(change.removed)
      t.rows = t.rows.filter((r) => !gone.has(String(r.id)))
    }
    const at = positionsOf(t)
    for (const row of change.rows) {
      const key = String(row.id)
      const i = at.get(key)
      if (i !== undefined) t.rows[i] = row
      else {
        at.set(key, t.rows.length)
        t.rows.push(row)
      }
    }
    t.nextId = change.nextId
    byName.set(name, t)
  }
  return [...byName]
}
