// The <Playground> remark plugin: fenced code blocks become the file map; mistakes stop the build
// with the page and line.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compile } from '@mdx-js/mdx'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import remarkPlayground, {
  SNAPSHOT_DIR,
  snapshotKey,
} from '../../components/playground/build/remark-playground.mjs'

const fence = '```'

async function build(body, path = 'pages/en/example.mdx') {
  return String(await compile({ value: body, path }, { remarkPlugins: [remarkPlayground] }))
}

test('code blocks become the files prop, with the active file highlighted by shiki', async () => {
  const out = await build(`# Title

<Playground title="Demo">

${fence}tsx app/page.tsx
'use client'
export default function Page() { return <p>hi</p> }
${fence}

${fence}ts app/actions.ts active
'use server'
export async function go() {}
${fence}

${fence}json check.json hidden
{ "steps": [] }
${fence}

</Playground>
`)
  const files = JSON.parse(JSON.parse(/files: ("(?:[^"\\]|\\.)*")/.exec(out)[1]))
  assert.deepEqual(Object.keys(files), ['/app/page.tsx', '/app/actions.ts', '/check.json'])
  assert.equal(files['/app/actions.ts'].active, true)
  assert.equal(files['/check.json'].hidden, true)
  assert.equal(files['/app/page.tsx'].active, undefined)
  assert.match(out, /staticHtml: "<pre class=\\"shiki/)
  assert.match(out, /export async function go|go\b/)
})

test('the first visible file is active when none is marked', async () => {
  const out = await build(
    `<Playground>\n\n${fence}tsx app/page.tsx\nexport default () => null\n${fence}\n\n</Playground>\n`,
  )
  const files = JSON.parse(JSON.parse(/files: ("(?:[^"\\]|\\.)*")/.exec(out)[1]))
  assert.equal(files['/app/page.tsx'].active, true)
})

const failures = [
  [
    'a code block without a file name',
    `${fence}tsx\nexport default () => null\n${fence}`,
    /example\.mdx:3: a code block has no file name/,
  ],
  [
    'a duplicate path',
    `${fence}tsx app/page.tsx\na\n${fence}\n\n${fence}tsx app/page.tsx\nb\n${fence}`,
    /example\.mdx:7: app\/page\.tsx appears twice/,
  ],
  [
    'an unknown flag',
    `${fence}tsx app/page.tsx readonly\na\n${fence}`,
    /example\.mdx:3: unknown flag "readonly"/,
  ],
  [
    'two active files',
    `${fence}tsx app/a.tsx active\na\n${fence}\n\n${fence}tsx app/b.tsx active\nb\n${fence}`,
    /two files are marked active/,
  ],
  [
    'prose inside',
    `Some text.\n\n${fence}tsx app/page.tsx\na\n${fence}`,
    /only fenced code blocks/,
  ],
]

for (const [name, inner, message] of failures) {
  test(`${name} fails the build with the page and line`, async () => {
    await assert.rejects(build(`<Playground>\n\n${inner}\n\n</Playground>\n`), (error) => {
      assert.match(error.message, /<Playground> in pages\/en\/example\.mdx:\d+/)
      assert.match(error.message, message)
      return true
    })
  })
}

test('the static code keeps its line breaks through the MDX attribute', async () => {
  const out = await build(
    `<Playground>\n\n${fence}tsx app/page.tsx\nconst a = 1\nconst b = 2\nexport default () => null\n${fence}\n\n</Playground>\n`,
  )
  const html = JSON.parse(/staticHtml: ("(?:[^"\\]|\\.)*")/.exec(out)[1])
  // MDX folds a raw line break in an attribute into a space; the entity is one again in <pre>.
  assert.equal(html.split('&#10;').length, 3, html)
  assert.doesNotMatch(html, /\n/)
})

test('a playground gets its build-time snapshot by the hash of its files, and none without one', async () => {
  const body = `<Playground>\n\n${fence}tsx app/page.tsx\nexport default () => <p>snap</p>\n${fence}\n\n</Playground>\n`
  const before = await build(body)
  assert.doesNotMatch(before, /snapshot:/)
  const files = JSON.parse(JSON.parse(/files: ("(?:[^"\\]|\\.)*")/.exec(before)[1]))
  const path = join(SNAPSHOT_DIR, `${snapshotKey(files)}.html`)
  mkdirSync(SNAPSHOT_DIR, { recursive: true })
  writeFileSync(path, '<html><body><p>snap</p></body></html>')
  try {
    const after = await build(body)
    // Named, not carried: the page holds the URL, the site serves the file.
    assert.match(after, new RegExp(`snapshot: "/snapshots/${snapshotKey(files)}\\.html"`))
  } finally {
    rmSync(path)
  }
})

test('each playground gets an id in page order (share links name it)', async () => {
  const one = (n) => `<Playground>

${fence}tsx app/page.tsx
export default function Page() { return <p>${n}</p> }
${fence}

</Playground>
`
  const out = await build(`# Title\n\n${one(1)}\nText.\n\n${one(2)}\n${one(3)}`)
  assert.deepEqual(
    [...out.matchAll(/playgroundId: "([^"]*)"/g)].map((m) => m[1]),
    ['1', '2', '3'],
  )
})
