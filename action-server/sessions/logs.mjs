// A session's server console: bounded, timestamped, level kept, read by cursor.
export class LogBuffer {
  constructor(max) {
    this.max = max
    this.entries = []
    this.seq = 0
  }
  push({ time = Date.now(), level = 'log', text }) {
    this.entries.push({
      seq: ++this.seq,
      time: new Date(time).toISOString(),
      level,
      text: String(text),
    })
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max)
  }
  /** Entries after cursor `since`; `dropped` counts those already pushed out of the buffer. */
  since(since = 0) {
    const first = this.entries.length ? this.entries[0].seq : this.seq + 1
    const list = this.entries.filter((e) => e.seq > since)
    return { entries: list, next: this.seq, dropped: Math.max(0, first - since - 1) }
  }
}
