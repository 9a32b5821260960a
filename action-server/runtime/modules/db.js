// @/lib/db: a per-session in-memory database with a small Prisma-like API.
// `db.<collection>` exists for any name; records leave as copies.
import { clone } from '../clone.js'

const tables = new Map()
let writes = 0 // bumped by every write: the sandbox copies the rows out only after a change

/** How many writes so far (the sandbox compares it after each call). */
export function dbWrites() {
  return writes
}

// Rows by String(id): inserts and lookups by id stay O(1) however big a table grows.
function table(name) {
  if (!tables.has(name)) tables.set(name, { rows: [], nextId: 1, index: new Map() })
  return tables.get(name)
}

function reindex(t) {
  t.index = new Map(t.rows.map((r) => [String(r.id), r]))
}

function byIdOnly(where) {
  if (!where) return undefined
  const keys = Object.keys(where)
  if (keys.length !== 1 || keys[0] !== 'id') return undefined
  const v = where.id
  return v !== null && typeof v !== 'object' ? String(v) : undefined
}

/** Loose id equality: form fields arrive as strings, auto ids are numbers. */
function same(a, b) {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (typeof a === 'number' && typeof b === 'string') return b !== '' && Number(b) === a
  if (typeof a === 'string' && typeof b === 'number') return a !== '' && Number(a) === b
  return a === b
}

function matchField(value, cond) {
  if (cond === null || typeof cond !== 'object' || cond instanceof Date) return same(value, cond)
  return Object.entries(cond).every(([op, arg]) => {
    switch (op) {
      case 'equals':
        return same(value, arg)
      case 'not':
        return !matchField(value, arg)
      case 'in':
        return arg.some((x) => same(value, x))
      case 'notIn':
        return !arg.some((x) => same(value, x))
      case 'lt':
        return value < arg
      case 'lte':
        return value <= arg
      case 'gt':
        return value > arg
      case 'gte':
        return value >= arg
      case 'contains':
        return (
          typeof value === 'string' &&
          (cond.mode === 'insensitive'
            ? value.toLowerCase().includes(String(arg).toLowerCase())
            : value.includes(arg))
        )
      case 'startsWith':
        return typeof value === 'string' && value.startsWith(arg)
      case 'endsWith':
        return typeof value === 'string' && value.endsWith(arg)
      case 'mode':
        return true
      default:
        throw new Error(`Unknown filter "${op}" in where clause.`)
    }
  })
}

function matches(row, where = {}) {
  return Object.entries(where).every(([key, cond]) => {
    if (key === 'AND') return [].concat(cond).every((w) => matches(row, w))
    if (key === 'OR') return cond.some((w) => matches(row, w))
    if (key === 'NOT') return ![].concat(cond).some((w) => matches(row, w))
    return matchField(row[key], cond)
  })
}

function sort(rows, orderBy) {
  if (!orderBy) return rows
  const keys = [].concat(orderBy).flatMap((o) => Object.entries(o))
  return rows.slice().sort((a, b) => {
    for (const [k, dir] of keys) {
      const d = a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0
      if (d) return dir === 'desc' ? -d : d
    }
    return 0
  })
}

function project(row, select) {
  if (!select) return clone(row)
  const out = {}
  for (const [k, on] of Object.entries(select)) if (on) out[k] = clone(row[k])
  return out
}

function applyData(row, data) {
  writes++
  for (const [k, v] of Object.entries(data)) {
    if (v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) {
      if ('increment' in v) {
        row[k] = (row[k] || 0) + v.increment
        continue
      }
      if ('decrement' in v) {
        row[k] = (row[k] || 0) - v.decrement
        continue
      }
      if ('multiply' in v) {
        row[k] = (row[k] || 0) * v.multiply
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

function notFound(model, op) {
  const err = new Error(
    op === 'delete' ? `Record to delete does not exist.` : `No record was found for an ${op}.`,
  )
  err.code = 'P2025'
  err.name = 'PrismaClientKnownRequestError'
  err.meta = { modelName: model }
  return err
}

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
    const err = new Error(`Unique constraint failed on the fields: (\`id\`)`)
    err.code = 'P2002'
    throw err
  }
  t.rows.push(row)
  t.index.set(String(row.id), row)
  return row
}

function model(name) {
  const rows = () => table(name).rows
  const find = (where) => {
    const key = byIdOnly(where)
    const hit = key !== undefined ? table(name).index.get(key) : undefined
    return hit || rows().find((r) => matches(r, where))
  }
  const api = {
    async create({ data, select } = {}) {
      return project(insert(name, data || {}), select)
    },
    async createMany({ data = [] } = {}) {
      for (const d of data) insert(name, d)
      return { count: data.length }
    },
    async findMany({ where, orderBy, take, skip = 0, select } = {}) {
      let list = sort(
        rows().filter((r) => matches(r, where)),
        orderBy,
      )
      if (take !== undefined) list = take < 0 ? list.slice(take) : list.slice(skip, skip + take)
      else list = list.slice(skip)
      return list.map((r) => project(r, select))
    },
    async findUnique({ where, select } = {}) {
      const r = find(where)
      return r ? project(r, select) : null
    },
    async findFirst({ where, orderBy, select } = {}) {
      const r = sort(
        rows().filter((x) => matches(x, where)),
        orderBy,
      )[0]
      return r ? project(r, select) : null
    },
    async findUniqueOrThrow(args) {
      const r = await api.findUnique(args)
      if (!r) throw notFound(name, 'findUniqueOrThrow')
      return r
    },
    async update({ where, data = {}, select } = {}) {
      const r = find(where)
      if (!r) throw notFound(name, 'update')
      applyData(r, data)
      if ('id' in data) reindex(table(name))
      return project(r, select)
    },
    async updateMany({ where, data = {} } = {}) {
      const list = rows().filter((r) => matches(r, where))
      list.forEach((r) => applyData(r, data))
      if ('id' in data) reindex(table(name))
      return { count: list.length }
    },
    async upsert({ where, create, update } = {}) {
      const r = find(where)
      if (r) {
        applyData(r, update || {})
        return clone(r)
      }
      return clone(insert(name, { ...create }))
    },
    async delete({ where } = {}) {
      const t = table(name)
      const r = find(where)
      if (!r) throw notFound(name, 'delete')
      writes++
      t.rows.splice(t.rows.indexOf(r), 1)
      t.index.delete(String(r.id))
      return clone(r)
    },
    async deleteMany({ where } = {}) {
      const t = table(name)
      const before = t.rows.length
      writes++
      t.rows = t.rows.filter((r) => !matches(r, where))
      reindex(t)
      return { count: before - t.rows.length }
    },
    async count({ where } = {}) {
      return rows().filter((r) => matches(r, where)).length
    },
  }
  return api
}

const models = new Map()

export const db = new Proxy(
  {},
  {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined
      if (name === '$transaction')
        return async (arg) => (typeof arg === 'function' ? arg(db) : Promise.all(arg))
      if (!models.has(name)) models.set(name, model(name))
      return models.get(name)
    },
    set() {
      return false
    },
  },
)

/** Loads the playground's seed: { collection: [records] }. Dates given as ISO strings stay strings. */
export function seed(data) {
  if (!data || typeof data !== 'object') return
  for (const [name, records] of Object.entries(data)) {
    if (!Array.isArray(records)) throw new Error(`Seed for "${name}" must be an array of records.`)
    for (const r of records) insert(name, r)
  }
}

/** Lets @/lib/auth look a user up without going through the async API. */
export function peek(name, id) {
  const t = tables.get(name)
  const r = t && (t.index.get(String(id)) || t.rows.find((x) => same(x.id, id)))
  return r ? clone(r) : null
}

export default db
export { db as prisma }

/** The whole store, for the sandbox to carry it into a fresh isolate after a render was stopped. */
export function dumpTables() {
  return [...tables].map(([name, t]) => [name, { rows: t.rows, nextId: t.nextId }])
}

export function restoreTables(dump) {
  tables.clear()
  for (const [name, t] of dump || []) {
    const restored = { rows: t.rows, nextId: t.nextId, index: new Map() }
    reindex(restored)
    tables.set(name, restored)
  }
}
