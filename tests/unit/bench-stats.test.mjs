// The median every benchmark reports.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { median } from '../../bench/stats.mjs'

test('median: the middle value, or the mean of the two middle ones, whatever the order', () => {
  assert.equal(median([5, 1, 3]), 3)
  assert.equal(median([4, 1, 3, 2]), 2.5)
  assert.equal(median([7]), 7)
  assert.ok(Number.isNaN(median([])))
})

test('median leaves its argument as it was', () => {
  const values = [3, 1, 2]
  median(values)
  assert.deepEqual(values, [3, 1, 2])
})
