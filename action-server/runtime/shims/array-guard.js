// V8 runs some Array builtins over a huge sparse (dictionary) array in C++ loops that neither check
// the CPU limit nor the heap limit: `new Array(2 ** 27 + 10).fill(0)` aborts the whole sandbox
// process with a fatal OOM, `.map`/`.sort`/`.reverse`/`.indexOf` hold an isolate thread for 15–30 s.
// A real array cannot have more than 2^24 elements under the heap limit anyway (8 bytes each), so
// the looping builtins refuse longer ones before they start.
const MAX_LENGTH = 2 ** 24

const LOOPING = [
  'fill',
  'map',
  'filter',
  'forEach',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'indexOf',
  'lastIndexOf',
  'includes',
  'sort',
  'reverse',
  'copyWithin',
  'splice',
  'slice',
  'shift',
  'unshift',
  'join',
  'toString',
  'toLocaleString',
  'flat',
  'flatMap',
  'toReversed',
  'toSorted',
  'toSpliced',
  'with',
]

/** @param {object} proto */
function guard(proto) {
  for (const name of LOOPING) {
    const desc = Object.getOwnPropertyDescriptor(proto, name)
    if (!desc || typeof desc.value !== 'function') continue
    const original = /** @type {(...args: unknown[]) => unknown} */ (desc.value)
    const wrapped = {
      /** @this {{ length: number } | null | undefined} @param {unknown[]} args */
      [name](...args) {
        const length = this == null ? 0 : this.length
        if (length > MAX_LENGTH)
          throw new RangeError(
            `Array.prototype.${name} on ${length} elements: arrays are limited to ${MAX_LENGTH} elements in the playground sandbox.`,
          )
        return Reflect.apply(original, this, args)
      },
    }[name]
    Object.defineProperty(wrapped, 'length', { value: original.length })
    Object.defineProperty(proto, name, { ...desc, value: wrapped })
  }
}

guard(Array.prototype)
