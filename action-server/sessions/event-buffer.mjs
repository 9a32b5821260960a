// A session's records of what the server received and answered (written by http/events.mjs),
// bounded in bytes: the oldest go first.

export const EVENT_BYTES = 256 * 1024

export class EventBuffer {
  constructor(maxBytes = EVENT_BYTES) {
    this.maxBytes = maxBytes
    this.entries = []
    this.bytes = 0
    this.seq = 0
  }
  push(record) {
    const entry = { seq: ++this.seq, ...record }
    const size = JSON.stringify(entry).length
    this.entries.push({ entry, size })
    this.bytes += size
    while (this.bytes > this.maxBytes && this.entries.length > 1)
      this.bytes -= this.entries.shift().size
  }
  /** Records after cursor `since`; `dropped` counts those already pushed out of the buffer. */
  since(since = 0) {
    const first = this.entries.length ? this.entries[0].entry.seq : this.seq + 1
    const list = this.entries.filter((e) => e.entry.seq > since).map((e) => e.entry)
    return { entries: list, next: this.seq, dropped: Math.max(0, first - since - 1) }
  }
}
