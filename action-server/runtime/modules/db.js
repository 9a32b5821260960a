// @/lib/db: a per-session in-memory database with a small Prisma-like API.
// `db.<collection>` exists for any name; records leave as copies.
import { clone } from '../clone.js'

// Rows and arguments come from playground code: plain records, checked as the reader's Prisma
// calls would be only at run time.
/** @typedef {Record<string, unknown>} Row */
/** @typedef {{ rows: Row[], nextId: number, index: Map<string, Row> }} Table */
/** @typedef {Record<string, unknown>} Where */
/** @typedef {Record<string, boolean | undefined>} Select */
/** @typedef {Record<string, 'asc' | 'desc'> | Record<string, 'asc' | 'desc'>[]} OrderBy */
/** @typedef {import('../../../contract/sandbox').TablesDump} TablesDump */
/** @typedef {import('../../../contract/sandbox').TablesReport} TablesReport */
/**
 * @typedef {object} ModelArgs
 * @property {Where} [where]
 * @property {Row} [data]
 * @property {Select} [select]
 * @property {OrderBy} [orderBy]
 * @property {number} [take]
 * @property {number} [skip]
 * @property {Row} [create]
 * @property {Row} [update]
 */

/** @type {Map<string, Table>} */
const tables = new Map()
let writes = 0 // bumped by every write: a call that wrote nothing reports nothing

// What changed since the site last got the rows: a call reports those rows, not the database, so
// a write costs its own size however big the tables grow (issue 14).
/** @type {Map<string, { keys: Set<string>, removed: Set<string>, whole: boolean }>} */
const changes = new Map()
let reportAll = true // the site holds none of these rows (a fresh isolate, a seed)
let tracking = false // only once a report was asked for (and not past the cap): nothing piles up
let reportedWrites = 0
/** JSON size of each row the site holds, by table and id, for the report's size cap. */
/** @type {Map<string, Map<string, number>>} */
const sizes = new Map()
let heldChars = 0
let tooLarge = false
const REPORT_CHARS = 256 * 1024

/** @param {string} name */
function changesOf(name) {
  let c = changes.get(name)
  if (!c) changes.set(name, (c = { keys: new Set(), removed: new Set(), whole: false }))
  return c
}

/** Rows are reported by String(id), as the index keys them; any other id sends the whole table. */
/** @param {Row} row */
function keyOf(row) {
  return typeof row.id === 'string' || typeof row.id === 'number' ? String(row.id) : null
}

/** @param {string} name @param {Row} row */
function written(name, row) {
  if (!tracking) return
  const key = keyOf(row)
  if (key === null) changesOf(name).whole = true
  else changesOf(name).keys.add(key)
}

/** An update gave rows new ids: the table is indexed again and reported whole. */
/** @param {string} name */
function rekeyed(name) {
  reindex(table(name))
  if (tracking) changesOf(name).whole = true
}

/** @param {string} name @param {Row} row */
function removed(name, row) {
  if (!tracking) return
  const c = changesOf(name)
  const key = keyOf(row)
  if (key === null) c.whole = true
  else {
    c.keys.delete(key)
    c.removed.add(key)
  }
}

// Rows by String(id): inserts and lookups by id stay O(1) however big a table grows.
/** @param {string} name @returns {Table} */
function table(name) {
  if (!tables.has(name)) tables.set(name, { rows: [], nextId: 1, index: new Map() })
  return /** @type {Table} */ (tables.get(name))
}

/** @param {Table} t */
function reindex(t) {
  t.index = new Map(t.rows.map((r) => [String(r.id), r]))
}

/** @param {Where | undefined} where */
function byIdOnly(where) {
  if (!where) return undefined
  const keys = Object.keys(where)
  if (keys.length !== 1 || keys[0] !== 'id') return undefined
  const v = where.id
  return v !== null && typeof v !== 'object' ? String(v) : undefined
}

/** Loose id equality: form fields arrive as strings, auto ids are numbers. */
/** @param {unknown} a @param {unknown} b */
function same(a, b) {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (typeof a === 'number' && typeof b === 'string') return b !== '' && Number(b) === a
  if (typeof a === 'string' && typeof b === 'number') return a !== '' && Number(a) === b
  return a === b
}

/** @param {unknown} value @param {unknown} cond @returns {boolean} */
function matchField(value, cond) {
  if (cond === null || typeof cond !== 'object' || cond instanceof Date) return same(value, cond)
  const filter = /** @type {Record<string, unknown>} */ (cond)
  // Comparisons and string tests take the reader's operands as JavaScript would.
  const v = /** @type {number} */ (value)
  return Object.entries(filter).every(([op, arg]) => {
    switch (op) {
      case 'equals':
        return same(value, arg)
      case 'not':
        return !matchField(value, arg)
      case 'in':
        return /** @type {unknown[]} */ (arg).some((x) => same(value, x))
      case 'notIn':
        return !(/** @type {unknown[]} */ (arg).some((x) => same(value, x)))
      case 'lt':
        return v < /** @type {number} */ (arg)
      case 'lte':
        return v <= /** @type {number} */ (arg)
      case 'gt':
        return v > /** @type {number} */ (arg)
      case 'gte':
        return v >= /** @type {number} */ (arg)
      case 'contains':
        return (
          typeof value === 'string' &&
          (filter.mode === 'insensitive'
            ? value.toLowerCase().includes(String(arg).toLowerCase())
            : value.includes(/** @type {string} */ (arg)))
        )
      case 'startsWith':
        return typeof value === 'string' && value.startsWith(/** @type {string} */ (arg))
      case 'endsWith':
        return typeof value === 'string' && value.endsWith(/** @type {string} */ (arg))
      case 'mode':
        return true
      default:
        throw new Error(`Unknown filter "${op}" in where clause.`)
    }
  })
}

/** @param {Row} row @param {Where} [where] @returns {boolean} */
function matches(row, where = {}) {
  return Object.entries(where).every(([key, cond]) => {
    const list = /** @type {Where[]} */ ([]).concat(/** @type {Where | Where[]} */ (cond))
    if (key === 'AND') return list.every((w) => matches(row, w))
    if (key === 'OR') return /** @type {Where[]} */ (cond).some((w) => matches(row, w))
    if (key === 'NOT') return !list.some((w) => matches(row, w))
    return matchField(row[key], cond)
  })
}

/** @param {Row[]} rows @param {OrderBy} [orderBy] */
function sort(rows, orderBy) {
  if (!orderBy) return rows
  const keys = /** @type {Record<string, 'asc' | 'desc'>[]} */ ([])
    .concat(orderBy)
    .flatMap((o) => Object.entries(o))
  return rows.slice().sort((a, b) => {
    for (const [k, dir] of keys) {
      const x = /** @type {number} */ (a[k])
      const y = /** @type {number} */ (b[k])
      const d = x < y ? -1 : x > y ? 1 : 0
      if (d) return dir === 'desc' ? -d : d
    }
    return 0
  })
}

/** @param {Row} row @param {Select} [select] @returns {Row} */
function project(row, select) {
  if (!select) return clone(row)
  /** @type {Row} */
  const out = {}
  for (const [k, on] of Object.entries(select)) if (on) out[k] = clone(row[k])
  return out
}

/** @param {Row} row @param {Row} data */
function applyData(row, data) {
  writes++
  for (const [k, v] of Object.entries(data)) {
    if (v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) {
      if ('increment' in v) {
        row[k] = /** @type {number} */ (row[k] || 0) + /** @type {number} */ (v.increment)
        continue
      }
      if ('decrement' in v) {
        row[k] = /** @type {number} */ (row[k] || 0) - /** @type {number} */ (v.decrement)
        continue
      }
      if ('multiply' in v) {
        row[k] = /** @type {number} */ (row[k] || 0) * /** @type {number} */ (v.multiply)
        continue
      }
      if ('set' in v) {
        row[k] = clone(v.set)
        continue
      }
    }
    row[k] = clone(v)
  }
  if ('updatedAt' in row) row.updatedAt = new Date()
}

/** @param {string} model @param {string} op */
function notFound(model, op) {
  const err = /** @type {Error & { code?: string, meta?: object }} */ (
    new Error(
      op === 'delete' ? `Record to delete does not exist.` : `No record was found for an ${op}.`,
    )
  )
  err.code = 'P2025'
  err.name = 'PrismaClientKnownRequestError'
  err.meta = { modelName: model }
  return err
}

/** @param {string} name @param {Row} data */
function insert(name, data) {
  writes++
  const t = table(name)
  const row = clone(data)
  if (row.id === undefined) row.id = t.nextId++
  else if (typeof row.id === 'number' && row.id >= t.nextId) t.nextId = row.id + 1
  if (!('createdAt' in row)) row.createdAt = new Date()
  if (
    t.index.has(String(row.id)) ||
    (typeof row.id !== 'string' &&
      typeof row.id !== 'number' &&
      t.rows.some((r) => same(r.id, row.id)))
  ) {
    const err = /** @type {Error & { code?: string }} */ (
      new Error(`Unique constraint failed on the fields: (\`id\`)`)
    )
    err.code = 'P2002'
    throw err
  }
  t.rows.push(row)
  t.index.set(String(row.id), row)
  written(name, row)
  return row
}

/** @param {string} name */
function model(name) {
  const rows = () => table(name).rows
  /** @param {Where} [where] */
  const find = (where) => {
    const key = byIdOnly(where)
    const hit = key !== undefined ? table(name).index.get(key) : undefined
    return hit || rows().find((r) => matches(r, where))
  }
  const api = {
    /** @param {ModelArgs} [args] */
    async create({ data, select } = {}) {
      return project(insert(name, data || {}), select)
    },
    /** @param {{ data?: Row[] }} [args] */
    async createMany({ data = [] } = {}) {
      for (const d of data) insert(name, d)
      return { count: data.length }
    },
    /** @param {ModelArgs} [args] */
    async findMany({ where, orderBy, take, skip = 0, select } = {}) {
      let list = sort(
        rows().filter((r) => matches(r, where)),
        orderBy,
      )
      if (take !== undefined) list = take < 0 ? list.slice(take) : list.slice(skip, skip + take)
      else list = list.slice(skip)
      return list.map((r) => project(r, select))
    },
    /** @param {ModelArgs} [args] */
    async findUnique({ where, select } = {}) {
      const r = find(where)
      return r ? project(r, select) : null
    },
    /** @param {ModelArgs} [args] */
    async findFirst({ where, orderBy, select } = {}) {
      const r = sort(
        rows().filter((x) => matches(x, where)),
        orderBy,
      )[0]
      return r ? project(r, select) : null
    },
    /** @param {ModelArgs} [args] */
    async findUniqueOrThrow(args) {
      const r = await api.findUnique(args)
      if (!r) throw notFound(name, 'findUniqueOrThrow')
      return r
    },
    /** @param {ModelArgs} [args] */
    async update({ where, data = {}, select } = {}) {
      const r = find(where)
      if (!r) throw notFound(name, 'update')
      applyData(r, data)
      if ('id' in data) rekeyed(name)
      else written(name, r)
      return project(r, select)
    },
    /** @param {ModelArgs} [args] */
    async updateMany({ where, data = {} } = {}) {
      const list = rows().filter((r) => matches(r, where))
      list.forEach((r) => applyData(r, data))
      if ('id' in data) rekeyed(name)
      else for (const r of list) written(name, r)
      return { count: list.length }
    },
    /** @param {ModelArgs} [args] */
    async upsert({ where, create, update } = {}) {
      const r = find(where)
      if (r) {
        applyData(r, update || {})
        if (update && 'id' in update) rekeyed(name)
        else written(name, r)
        return clone(r)
      }
      return clone(insert(name, { ...create }))
    },
    /** @param {ModelArgs} [args] */
    async delete({ where } = {}) {
      const t = table(name)
      const r = find(where)
      if (!r) throw notFound(name, 'delete')
      writes++
      t.rows.splice(t.rows.indexOf(r), 1)
      t.index.delete(String(r.id))
      removed(name, r)
      return clone(r)
    },
    /** @param {ModelArgs} [args] */
    async deleteMany({ where } = {}) {
      const t = table(name)
      const before = t.rows.length
      writes++
      /** @type {Row[]} */
      const kept = []
      for (const r of t.rows) {
        if (matches(r, where)) removed(name, r)
        else kept.push(r)
      }
      t.rows = kept
      reindex(t)
      return { count: before - t.rows.length }
    },
    /** @param {ModelArgs} [args] */
    async count({ where } = {}) {
      return rows().filter((r) => matches(r, where)).length
    },
  }
  return api
}

/** @type {Map<string, ReturnType<typeof model>>} */
const models = new Map()

export const db = new Proxy(
  {},
  {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined
      if (name === '$transaction')
        return async (/** @type {((client: object) => unknown) | unknown[]} */ arg) =>
          typeof arg === 'function' ? arg(db) : Promise.all(arg)
      if (!models.has(name)) models.set(name, model(name))
      return models.get(name)
    },
    set() {
      return false
    },
  },
)

/** Loads the playground's seed: { collection: [records] }. Dates given as ISO strings stay strings. */
/** @param {unknown} data */
export function seed(data) {
  if (!data || typeof data !== 'object') return
  for (const [name, records] of Object.entries(data)) {
    if (!Array.isArray(records)) throw new Error(`Seed for "${name}" must be an array of records.`)
    for (const r of records) insert(name, /** @type {Row} */ (r))
  }
}

/**
 * Lets `@/lib/auth` look a user up without going through the async API.
 * @param {string} name @param {unknown} id
 */
export function peek(name, id) {
  const t = tables.get(name)
  const r = t && (t.index.get(String(id)) || t.rows.find((x) => same(x.id, id)))
  return r ? clone(r) : null
}

export default db
export { db as prisma }

/** The whole store, for the sandbox to carry it into a fresh isolate after a render was stopped. */
/** @returns {TablesDump} */
export function dumpTables() {
  return [...tables].map(([name, t]) => [name, { rows: t.rows, nextId: t.nextId }])
}

/** @param {TablesDump | null | undefined} dump */
export function restoreTables(dump) {
  tables.clear()
  for (const [name, t] of dump || []) {
    const restored = { rows: t.rows, nextId: t.nextId, index: new Map() }
    reindex(restored)
    tables.set(name, restored)
  }
}

/** The site holds exactly these rows (it just restored them): from now on, report changes only. */
export function markTablesReported() {
  changes.clear()
  reportAll = false
  reportedWrites = writes
  sizes.clear()
  heldChars = 0
  for (const name of tables.keys()) resize(name)
  tooLarge = heldChars > REPORT_CHARS
  tracking = !tooLarge
}

/** Counts a whole table's rows again (after it was sent whole). */
/** @param {string} name */
function resize(name) {
  const old = sizes.get(name)
  if (old) for (const n of old.values()) heldChars -= n
  /** @type {Map<string, number>} */
  const fresh = new Map()
  for (const r of table(name).rows) {
    const n = JSON.stringify(r).length
    heldChars += n
    // Rows whose id is no string or number share a key; their table is always sent whole.
    const key = keyOf(r) ?? '\u0000'
    fresh.set(key, (fresh.get(key) || 0) + n)
  }
  sizes.set(name, fresh)
}

/**
 * What the calls since the last report changed: undefined when nothing was written, null once
 * the rows the site would hold pass the size cap (it keeps none from then on, until the next
 * deploy; the isolate keeps them all). Sizes are counted here, on the session's CPU budget.
 * @returns {TablesReport | null | undefined}
 */
export function tablesReport() {
  if (writes === reportedWrites || tooLarge) return undefined
  reportedWrites = writes
  const all = reportAll
  /** @type {TablesReport['tables']} */
  const out = []
  for (const [name, t] of tables) {
    const c = changes.get(name)
    if (all || c?.whole) {
      resize(name)
      out.push([name, { nextId: t.nextId, whole: true, rows: t.rows, removed: [] }])
      continue
    }
    if (!c) continue
    let held = sizes.get(name)
    if (!held) sizes.set(name, (held = new Map()))
    for (const key of c.removed) {
      heldChars -= held.get(key) || 0
      held.delete(key)
    }
    /** @type {Row[]} */
    const rows = []
    for (const key of c.keys) {
      const r = t.index.get(key)
      if (!r) continue
      const n = JSON.stringify(r).length
      heldChars += n - (held.get(key) || 0)
      held.set(key, n)
      rows.push(r)
    }
    out.push([name, { nextId: t.nextId, whole: false, rows, removed: [...c.removed] }])
  }
  changes.clear()
  reportAll = false
  tooLarge = heldChars > REPORT_CHARS
  tracking = !tooLarge
  return tooLarge ? null : { all, tables: out }
}
