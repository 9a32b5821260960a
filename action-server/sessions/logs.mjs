// A session's server console: bounded in entries and in bytes, timestamped, level kept, read by cursor.
/** @import { LogEntry, RecordPage } from '../../contract/http.js' */
/** @import { LogInput, SessionLog } from '../../contract/session.js' */

/** @implements {SessionLog} */
export class LogBuffer {
  /** @param {number} max @param {number} [maxBytes] */
  constructor(max, maxBytes = Infinity) {
    this.max = max
    this.maxBytes = maxBytes
    this.bytes = 0
    /** @type {LogEntry[]} */
    this.entries = []
    this.head = 0 // entries before it were dropped; trimmed in bulk so dropping stays O(1) amortized
    this.seq = 0
  }
  /** @param {LogInput} entry */
  push({ time = Date.now(), level = 'log', text }) {
    const entry = { seq: ++this.seq, time: new Date(time).toISOString(), level, text: String(text) }
    this.entries.push(entry)
    this.bytes += entry.text.length
    while (
      this.entries.length - this.head > this.max ||
      (this.bytes > this.maxBytes && this.entries.length - this.head > 1)
    ) {
      this.bytes -= this.entries[this.head].text.length
      this.head++
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head)
      this.head = 0
    }
  }
  /** Entries after cursor `since`; `dropped` counts those already pushed out of the buffer. */
  /** @returns {RecordPage<LogEntry>} */
  since(since = 0) {
    const live = this.entries.slice(this.head)
    const first = live.length ? live[0].seq : this.seq + 1
    const list = live.filter((e) => e.seq > since)
    return { entries: list, next: this.seq, dropped: Math.max(0, first - since - 1) }
  }
}
