// Every English example is genuine Next.js 16 code (issues 11 and 16): each playground, exported
// the way the Download button exports it, goes under its own route of one app (or of its own
// app when it brings a next.config.ts: tests/support/next16-examples.mjs), which must build with Next's defaults (TypeScript
// included) and answer every route with 200 under `next start`. example-checks.test.mjs then
// runs each example's check.json on that app in Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { buildExamplesApp, englishExamples, startExamplesApp } from '../support/next16-examples.mjs'

const examples = englishExamples()

let next
let built

before(async () => {
  built = await buildExamplesApp()
  if (built.status === 0) next = await startExamplesApp()
})

after(async () => {
  await next?.stop()
})

test(`the ${examples.length} English examples build with real Next 16`, () => {
  assert.ok(examples.length > 0)
  assert.equal(built.status, 0, `next build failed:\n${built.output.slice(-6000)}`)
})

for (const e of examples) {
  test(`${e.slug} renders under next start`, async (t) => {
    if (!next) return t.skip('the build failed')
    const r = await fetch(`${next.urlFor(e.slug)}/${e.slug}`)
    const html = await r.text()
    assert.equal(r.status, 200, html.slice(0, 500))
  })
}
