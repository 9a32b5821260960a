// A session's records of what the server received and answered (written by http/events.mjs),
// bounded in bytes: the oldest go first.

/** @import { EventRecord, EventRecordFields, RecordPage } from '../../contract/http.js' */
/** @import { SessionEvents } from '../../contract/session.js' */

export const EVENT_BYTES = 256 * 1024

/**
 * The size of a record as it is kept: its strings' lengths plus a little per field. A walk of the
 * fields (one level of header objects) rather than JSON.stringify, which the site ran on every
 * request and which cost more than the rest of the record.
 * @param {Record<string, unknown>} record
 */
function sizeOf(record) {
  let size = 2
  for (const key in record) {
    const value = record[key]
    size += key.length + 4
    if (typeof value === 'string') size += value.length + 2
    else if (value && typeof value === 'object') {
      const fields = /** @type {Record<string, unknown>} */ (value)
      for (const k in fields) size += k.length + String(fields[k]).length + 6
    } else size += 16
  }
  return size
}

/** @implements {SessionEvents} */
export class EventBuffer {
  constructor(maxBytes = EVENT_BYTES) {
    this.maxBytes = maxBytes
    /** @type {{ entry: EventRecord, size: number }[]} */
    this.entries = []
    this.bytes = 0
    this.seq = 0
  }
  /** @param {EventRecordFields} record */
  push(record) {
    const entry = { seq: ++this.seq, ...record }
    const size = sizeOf(entry)
    this.entries.push({ entry, size })
    this.bytes += size
    while (this.bytes > this.maxBytes && this.entries.length > 1)
      this.bytes -= /** @type {{ size: number }} */ (this.entries.shift()).size
  }
  /** Records after cursor `since`; `dropped` counts those already pushed out of the buffer. */
  /** @returns {RecordPage<EventRecord>} */
  since(since = 0) {
    const first = this.entries.length ? this.entries[0].entry.seq : this.seq + 1
    const list = this.entries.filter((e) => e.entry.seq > since).map((e) => e.entry)
    return { entries: list, next: this.seq, dropped: Math.max(0, first - since - 1) }
  }
}
