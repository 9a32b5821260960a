// Every type React's encodeReply / Flight allow round-trips through a real action, and the server
// sees the real type (not a JSON look-alike). Functions and class instances travel as temporary
// references, as Next 16's client sends them.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startLive, encodeReply } from './helpers.mjs'

const ACTIONS = `'use server'
function kind(v: any): string {
  if (v === undefined) return 'undefined'
  if (v === null) return 'null'
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : 'number:' + v
  if (typeof v === 'bigint') return 'bigint:' + v
  if (typeof v !== 'object') return typeof v + ':' + String(v)
  if (v instanceof Date) return 'Date:' + v.toISOString()
  if (v instanceof Map) return 'Map:' + v.size
  if (v instanceof Set) return 'Set:' + v.size
  if (v instanceof File) return 'File:' + v.name + ':' + v.type + ':' + v.size
  if (v instanceof Blob) return 'Blob:' + v.type + ':' + v.size
  if (v instanceof FormData) return 'FormData:' + [...v.keys()].join(',')
  if (v instanceof ArrayBuffer) return 'ArrayBuffer:' + v.byteLength
  if (ArrayBuffer.isView(v)) return v.constructor.name + ':' + v.byteLength
  if (Array.isArray(v)) return 'Array:' + v.length
  if (typeof v[Symbol.iterator] === 'function') return 'Iterable'
  if (typeof v[Symbol.asyncIterator] === 'function') return 'AsyncIterable'
  if (typeof v.then === 'function') return 'Promise'
  if (typeof v.getReader === 'function') return 'ReadableStream'
  return 'Object'
}
export async function echo(value: unknown) { return { kind: kind(value), value } }
export async function fileText(f: File) { return { name: f.name, text: await f.text() } }
export async function formFields(fd: FormData) {
  const file = fd.get('upload') as File
  return { title: fd.get('title'), tags: fd.getAll('tag'), file: file.name, size: file.size, text: await file.text() }
}
export async function awaitIt(p: Promise<number>) { return (await p) * 2 }
export async function sum(it: Iterable<number>) { let s = 0; for (const x of it) s += x; return s }
export async function drain(it: AsyncIterable<string>) { const out: string[] = []; for await (const x of it) out.push(x); return out }
export async function readStream(s: ReadableStream<string>) {
  const r = s.getReader(); let out = ''
  for (;;) { const { done, value } = await r.read(); if (done) return out; out += value }
}
export async function returnFunction() { return { f: () => 1 } }
export async function returnClass() { class Point { x = 1 } return new Point() }
export async function returnSymbol() { return Symbol('local') }
export async function passThrough(v: unknown) { return { same: v, kind: typeof v } }
export async function touchIt(v: any) { return v.x }
export async function stringify(v: unknown) { return String(v) }
export async function returnRegisteredSymbol() { return Symbol.for('shared') }
export async function returnEverything() {
  return {
    big: 2n ** 70n, date: new Date(0), nan: NaN, negZero: -0, inf: -Infinity, undef: [undefined],
    map: new Map<any, any>([[1, { a: 1 }]]), set: new Set(['x']), bytes: new Uint8Array([1, 2, 3]),
    dollar: '$not-a-reference', nested: [[[{ deep: true }]]],
  }
}
export async function returnPromise() { return { later: new Promise((r) => setTimeout(() => r('done'), 10)) } }
`

let live
let pg
before(async () => {
  live = await startLive()
  pg = await live.playground(ACTIONS)
})
after(() => live.close())

async function echo(value) {
  const r = await live.call(pg.session, pg.ids.echo, [value])
  assert.equal(r.status, 200, r.text)
  return r.value
}

describe('arguments keep their type on the server and come back intact', () => {
  const cases = [
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['true', true, 'boolean:true'],
    ['string', 'héllo wörld ✓ 🎉', 'string:héllo wörld ✓ 🎉'],
    ['string starting with $', '$1:constructor', 'string:$1:constructor'],
    ['string starting with @', '@1', 'string:@1'],
    ['number', 42.5, 'number:42.5'],
    ['NaN', NaN, 'NaN'],
    ['-0', -0, '-0'],
    ['Infinity', Infinity, 'number:Infinity'],
    ['-Infinity', -Infinity, 'number:-Infinity'],
    ['BigInt', 12345678901234567890n, 'bigint:12345678901234567890'],
    ['Date', new Date('2024-02-29T12:34:56.789Z'), 'Date:2024-02-29T12:34:56.789Z'],
    [
      'Map',
      new Map([
        ['a', 1],
        [2, new Date(0)],
      ]),
      'Map:2',
    ],
    ['Set', new Set([1, 'two', 3n]), 'Set:3'],
    ['Array', [1, [2, [3]], { a: undefined }], 'Array:3'],
    ['Object', { a: 1, nested: { b: [1, 2], c: null } }, 'Object'],
    ['Uint8Array', new Uint8Array([0, 1, 255]), 'Uint8Array:3'],
    ['Int16Array', new Int16Array([-1, 2]), 'Int16Array:4'],
    ['Float64Array', new Float64Array([Math.PI]), 'Float64Array:8'],
    ['BigInt64Array', new BigInt64Array([-5n]), 'BigInt64Array:8'],
    ['ArrayBuffer', new Uint8Array([9, 9]).buffer, 'ArrayBuffer:2'],
    ['DataView', new DataView(new ArrayBuffer(4)), 'DataView:4'],
  ]
  for (const [name, value, kind] of cases) {
    test(name, async () => {
      const r = await echo(value)
      assert.equal(r.kind, kind)
      assert.deepStrictEqual(r.value, value)
    })
  }
  test('Blob', async () => {
    const r = await echo(new Blob(['abc'], { type: 'text/plain' }))
    // FormData turns a Blob into a File named "blob" on the server, in Next as here.
    assert.match(r.kind, /^(Blob|File:blob):text\/plain:3$/)
    assert.equal(await r.value.text(), 'abc')
  })
  test('File keeps its name', async () => {
    const file = new File(['hello file'], 'notes.txt', { type: 'text/plain' })
    const r = await live.call(pg.session, pg.ids.fileText, [file])
    assert.deepEqual(r.value, { name: 'notes.txt', text: 'hello file' })
  })
  test('FormData with fields and a file', async () => {
    const fd = new FormData()
    fd.append('title', 'Hello')
    fd.append('tag', 'a')
    fd.append('tag', 'b')
    fd.append('upload', new File(['12345'], 'five.bin', { type: 'application/octet-stream' }))
    const r = await live.call(pg.session, pg.ids.formFields, [fd])
    assert.deepEqual(r.value, {
      title: 'Hello',
      tags: ['a', 'b'],
      file: 'five.bin',
      size: 5,
      text: '12345',
    })
  })
  test('FormData round-trips', async () => {
    const fd = new FormData()
    fd.append('x', '1')
    const r = await echo(fd)
    assert.equal(r.kind, 'FormData:x')
    assert.equal(r.value.get('x'), '1')
  })
  test('Promise argument', async () => {
    const r = await live.call(pg.session, pg.ids.awaitIt, [Promise.resolve(21)])
    assert.equal(r.value, 42)
  })
  test('iterable argument', async () => {
    function* gen() {
      yield 1
      yield 2
      yield 3
    }
    const r = await live.call(pg.session, pg.ids.sum, [gen()])
    assert.equal(r.value, 6)
  })
  test('async iterable argument', async () => {
    async function* gen() {
      yield 'a'
      await new Promise((r) => setTimeout(r, 5))
      yield 'b'
    }
    const r = await live.call(pg.session, pg.ids.drain, [gen()])
    assert.deepEqual(r.value, ['a', 'b'])
  })
  test('ReadableStream argument', async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue('ab')
        c.enqueue('cd')
        c.close()
      },
    })
    const r = await live.call(pg.session, pg.ids.readStream, [stream])
    assert.equal(r.value, 'abcd')
  })
})

describe('return values', () => {
  test('every Flight type comes back', async () => {
    const r = await live.call(pg.session, pg.ids.returnEverything)
    assert.equal(r.status, 200)
    // React's client decodes an undefined array slot as a hole; the wire carries "$undefined".
    assert.equal(r.value.undef.length, 1)
    assert.equal(r.value.undef[0], undefined)
    assert.match(r.text, /"\$undefined"/)
    delete r.value.undef
    assert.deepStrictEqual(r.value, {
      big: 2n ** 70n,
      date: new Date(0),
      nan: NaN,
      negZero: -0,
      inf: -Infinity,
      map: new Map([[1, { a: 1 }]]),
      set: new Set(['x']),
      bytes: new Uint8Array([1, 2, 3]),
      dollar: '$not-a-reference',
      nested: [[[{ deep: true }]]],
    })
  })
  test('a promise inside the result streams in', async () => {
    const r = await live.call(pg.session, pg.ids.returnPromise)
    assert.equal(await r.value.later, 'done')
  })
})

describe('temporary references (Next 16 encodes arguments with a temporary reference set)', () => {
  class Point {
    x = 1
  }
  for (const [label, make] of [
    ['a function', () => function callback() {}],
    ['an arrow function', () => () => 1],
    ['a class instance', () => new Point()],
  ]) {
    test(`${label} passed as an argument comes back as the very same object`, async () => {
      const sent = make()
      const r = await live.call(pg.session, pg.ids.passThrough, [sent])
      assert.equal(r.status, 200)
      assert.equal(r.value.same, sent)
      // The server holds an opaque reference: a function-like proxy whatever was sent.
      assert.equal(r.value.kind, 'function')
    })
    test(`${label}: reading a property on the server throws React's error`, async () => {
      const r = await live.call(pg.session, pg.ids.touchIt, [make()])
      assert.equal(r.status, 500)
      assert.match(
        r.error.message,
        /^Cannot access x on the server\. You cannot dot into a temporary client reference from a server component\. You can only pass the value through to the client\./,
      )
    })
  }
  test('turning it into a string on the server throws too (toString is a property read)', async () => {
    const r = await live.call(pg.session, pg.ids.stringify, [() => 1])
    assert.equal(r.status, 500)
    assert.match(r.error.message, /^Cannot access toString on the server/)
  })
  // React's encodeReply sends any symbol in an object or array as a temporary reference when it has
  // a set (as Next's client does): even a local Symbol() comes back as itself.
  for (const [label, symbol] of [
    ['Symbol.for', Symbol.for('shared')],
    ['a local Symbol()', Symbol('local')],
  ]) {
    test(`a symbol (${label}) passed as an argument comes back as the same symbol`, async () => {
      const r = await live.call(pg.session, pg.ids.passThrough, [symbol])
      assert.equal(r.status, 200)
      assert.equal(r.value.same, symbol)
    })
  }
  test('without a temporary reference set, encodeReply refuses a symbol', async () => {
    await assert.rejects(encodeReply([Symbol.for('shared')]), /Symbols cannot be passed/)
  })
  test('a Symbol.for symbol can be returned and arrives as the same registered symbol', async () => {
    const r = await live.call(pg.session, pg.ids.returnRegisteredSymbol)
    assert.equal(r.status, 200)
    assert.equal(r.value, Symbol.for('shared'))
  })
})

describe('React’s own errors for what cannot be serialized', () => {
  test('without a temporary reference set (not how Next calls), encodeReply refuses a function', async () => {
    await assert.rejects(
      encodeReply([() => 1]),
      /Functions cannot be passed directly|could not be cloned|Server Function/i,
    )
  })
  test('without a temporary reference set, encodeReply refuses a class instance', async () => {
    class Point {
      x = 1
    }
    await assert.rejects(encodeReply([new Point()]), /Only plain objects/)
  })
  test('returning a function → React’s error in the Flight row', async () => {
    const r = await live.call(pg.session, pg.ids.returnFunction)
    assert.match(r.text, /Functions cannot be passed directly to Client Components/)
    const logs = await live.logs(pg.session)
    assert.ok(logs.entries.some((e) => /Functions cannot be passed directly/.test(e.text)))
  })
  test('returning a class instance → React’s error', async () => {
    const r = await live.call(pg.session, pg.ids.returnClass)
    assert.match(r.text, /Only plain objects/)
  })
  test('returning a local symbol → React’s error', async () => {
    const r = await live.call(pg.session, pg.ids.returnSymbol)
    assert.match(r.text, /Symbol/)
  })
})
