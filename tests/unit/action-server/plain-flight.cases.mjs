// Values for plain-flight.test.mjs: hand-picked edges, then generated plain data (seeded, so a
// failure names a value that can be made again), then values the plain writer must leave to React.

/** A small seeded PRNG (mulberry32): the same cases on every run. @param {number} seed */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const STRINGS = [
  '',
  '$',
  '$$',
  '$@1',
  '$undefined',
  'a$b',
  'é✓',
  '"quote"\\',
  '\n\t\u0000\u001f',
  '\ud800',
  '\udfff\ud800',
  '😀',
  'Z',
  '2024-01-01T00:00:00.000Z',
  '__proto__',
  'x'.repeat(1023),
]
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  NaN,
  Infinity,
  -Infinity,
]
const KEYS = [
  'a',
  '',
  '0',
  '1',
  '01',
  '-1',
  '10',
  '$',
  '$key',
  'then ',
  'proto',
  'ünï',
  '"k"',
  'constructor',
]

/** @param {() => number} rnd @param {number} depth @returns {unknown} */
function generate(rnd, depth) {
  const pick = (/** @type {any[]} */ xs) => xs[Math.floor(rnd() * xs.length)]
  const kind = Math.floor(rnd() * (depth > 3 ? 6 : 8))
  switch (kind) {
    case 0:
      return pick(STRINGS)
    case 1:
      return pick(NUMBERS)
    case 2:
      return rnd() < 0.5
    case 3:
      return null
    case 4:
      return undefined
    case 5:
      return Math.floor(rnd() * 1e6) / 100
    case 6: {
      const list = Array.from({ length: Math.floor(rnd() * 5) }, () => generate(rnd, depth + 1))
      if (rnd() < 0.1) list.length += 2 // holes
      return list
    }
    default: {
      /** @type {Record<string, unknown>} */
      const obj = {}
      for (let n = Math.floor(rnd() * 5); n > 0; n--) obj[pick(KEYS)] = generate(rnd, depth + 1)
      return obj
    }
  }
}

/** Values the plain writer takes: its bytes must be React's. */
export function CASES() {
  const rnd = random(14)
  const cases = [
    ...STRINGS.map((value) => ({ value })),
    ...NUMBERS.map((value) => ({ value })),
    { value: true },
    { value: null },
    { value: undefined },
    { value: [] },
    { value: {} },
    { value: [undefined, null, -0, NaN] },
    { value: { ok: true, todo: { title: 'Write the docs' } } },
    { value: { ok: false, errors: { title: ['Too short'] } } },
    { value: 'ok', path: '/?b=2&a=1' },
    { value: 'ok', path: '/todos?q=$x#frag' },
    { value: Object.freeze({ frozen: [1, 2] }) },
    { value: [[[[{ deep: true }]]]] },
    { value: Object.assign([1, 2], { extra: 'ignored' }) },
  ]
  for (let i = 0; i < 1500; i++) cases.push({ value: generate(rnd, 0) })
  return cases
}

class Point {
  x = 1
}
const shared = { same: 1 }

/** Values the plain writer must refuse (null), leaving them to React. */
export function REFUSED() {
  return [
    'x'.repeat(1024),
    2n,
    Symbol.for('s'),
    () => 1,
    new Date(0),
    new Map([[1, 2]]),
    new Set([1]),
    new Uint8Array([1]),
    new Point(),
    Object.create(null),
    { toJSON: () => 'x' },
    { then: () => {} },
    { $$typeof: 'x' },
    { [Symbol.iterator]: () => [][Symbol.iterator]() },
    { [Symbol.asyncIterator]: () => {} },
    [shared, shared],
    { a: shared, b: { c: shared } },
    Promise.resolve(1),
    new Error('e'),
    Array.from({ length: 2001 }, () => 0),
    JSON.parse('['.repeat(70) + ']'.repeat(70)),
    [1, 2, [3, 4, { f: () => 1 }]],
  ]
}
