// Small statistics the benchmarks share.

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
