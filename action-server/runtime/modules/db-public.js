// `@/lib/db` as playground code sees it: the database only. The store's own functions (seed, dump,
// restore, change reports) stay with the runtime, which keeps the site's copy of the rows in step.
export { db, db as prisma, db as default } from './db.js'
