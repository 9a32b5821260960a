// What a playground shows is what Next 16 does (issue 11): every English example's check.json,
// run by tests/browser/playground-checks.test.mjs in our own preview, runs here again on the same
// example built as a real Next.js 16 app (tests/support/next16-examples.mjs) under `next start`,
// in Chromium, through the same step interpreter (tests/support/check-steps.mjs). Each example
// runs at the root of its own host (<slug>.localhost) on a freshly emptied @/lib/db, with a fresh
// browser context. The playground's own controls map onto the real browser:
//   network "slow"/"failing"/"normal": Server Action POSTs held 1.5 s / the next one dropped as a
//     lost connection, as the preview's network switch does (preview-runtime/src/network.ts);
//   signIn: the `live_user` cookie the downloaded lib/auth.ts reads, then a reload;
//   path / go: the browser's own address; mode "production": `next start` is production.
// Steps with no equivalent here are skipped with their reason and listed at the end of the run;
// an unknown step fails. TEST_EXAMPLES="forms-1,intro-0" narrows the run.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { isLocalUrl, launch } from '../support/browser.mjs'
import { assertNothingSeenYet, pollUntil, runStep, stepKind } from '../support/check-steps.mjs'
import { CONFORMANCE_DIR } from '../support/next16.mjs'
import { hostRequest } from '../../scripts/host-fetch.mjs'
import { buildExamplesApp, englishExamples, startExamplesApp } from '../support/next16-examples.mjs'

/** Same values as the preview's network switch (preview-runtime/src/network.ts). */
const SLOW_DELAY_MS = 1500
const NETWORK_MODES = ['normal', 'slow', 'failing']
const DEMO_USER_ID = 'user_1' // components/playground/PreviewSwitches.tsx's DEMO_USER
const AUTH_COOKIE = 'live_user' // the downloaded lib/auth.ts reads it

const only = process.env.TEST_EXAMPLES?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const examples = englishExamples().filter((e) => !only?.length || only.includes(e.slug))

/** Every step not run against real Next, with why: printed as a table at the end. */
const skipped = []

/** Steps real Next answers otherwise, each with what Next does instead and why. */
const DIFFERENT_STEPS = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'DIFFERENCES.json'), 'utf8'))
  .examples.steps
const differencesMet = new Set()

/** The step as run on real Next: its listed difference's `next` step, or itself. */
function onNext(example, step) {
  const difference = DIFFERENT_STEPS.find(
    (d) => d.example === example.slug && isDeepStrictEqual(d.step, step),
  )
  if (!difference) return step
  differencesMet.add(difference)
  return difference.next
}

// Chromium logs a failed request even when the example handles the failure: an action that
// throws answers 500 (as on the live server), and "failing" drops the request on purpose.
// A production Server Components error that reaches an error.tsx boundary is logged by React as
// its minified #441 (the message stays on the server): the errors chapter shows exactly that.
const EXPECTED_CONSOLE_ERROR =
  /^(?:Failed to load resource: (the server responded with a status of 500 \(Internal Server Error\)|net::ERR_FAILED) @ |Error: Minified React error #441; )/

let next
let built
let browser

before(async () => {
  built = await buildExamplesApp()
  if (built.status !== 0) return
  next = await startExamplesApp()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await next?.stop()
})

/** Waits until React hydrated every control: before that a click does nothing, as for a reader. */
async function hydrated(page) {
  const controls = page.locator('button, input:not([type=hidden]), textarea, select, form')
  await pollUntil(
    () =>
      controls.evaluateAll((elements) =>
        elements.every((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))),
      ),
    'React to hydrate the page',
  )
}

/**
 * The examples share one server process and its @/lib/db: empty it before each view, as the
 * preview starts each on a fresh session. The reset also revalidates every page; Next then serves
 * a prerendered page stale once while it renders it again: wait for that render.
 */
async function resetDb(example) {
  for (const [path, method] of [
    ['/test-reset', 'GET'],
    ['/test-revalidate', 'POST'],
  ]) {
    const r = await fetch(`${next.urlFor(example.slug)}${path}`, { method })
    assert.equal(r.status, 200, `${method} ${path}: ${await r.text()}`)
  }
  const base = next.urlFor(example.slug)
  const host = new URL(base.replace('127.0.0.1', `${example.slug}.localhost`)).host
  await pollUntil(async () => {
    const page = await hostRequest(`${base}/`, { host })
    return page.headers['x-nextjs-cache'] !== 'STALE'
  }, `${example.slug}'s page to be rendered again after the reset`)
}

/** A fresh browser context on the example's own host; its Server Action POSTs pass `network`. */
async function openExample(example, { javaScriptEnabled }) {
  const origin = next.urlFor(example.slug).replace('127.0.0.1', `${example.slug}.localhost`)
  const context = await browser.newContext({ javaScriptEnabled, baseURL: origin })
  const state = { network: 'normal', errors: [], offSite: [] }
  // Nothing may leave this machine.
  await context.route('**/*', async (route) => {
    const request = route.request()
    if (!isLocalUrl(request.url())) {
      state.offSite.push(request.url())
      return route.abort()
    }
    if (request.method() === 'POST' && (await request.headerValue('next-action'))) {
      if (state.network === 'slow') await new Promise((r) => setTimeout(r, SLOW_DELAY_MS))
      else if (state.network === 'failing') {
        state.network = 'normal' // the preview's "failing" drops the next call only
        return route.abort('failed')
      }
    }
    return route.continue()
  })
  const page = await context.newPage()
  page.on('console', (msg) => {
    if (msg.type() === 'error') state.errors.push(`${msg.text()} @ ${msg.location().url}`)
  })
  page.on('pageerror', (error) => state.errors.push(`pageerror: ${error.message}`))
  await page.goto('/', { waitUntil: 'load' })
  if (javaScriptEnabled) await hydrated(page)
  return { context, page, state, origin }
}

/** What Next's production error page or a page error says, or null. */
async function errorShown(page, state) {
  const thrown = state.errors.find((e) => e.startsWith('pageerror: '))
  if (thrown) return thrown
  const text = await page
    .locator('body')
    .innerText({ timeout: 500 })
    .catch(() => '')
  return /Application error: a (client|server)-side exception has occurred/.test(text)
    ? text.trim().slice(0, 300)
    : null
}

/** The playground's own controls, mapped onto the real browser (or skipped with a reason). */
const NEXT_STEPS = {
  network(ctx, mode) {
    if (!NETWORK_MODES.includes(mode)) throw new Error(`network must be one of ${NETWORK_MODES}`)
    if (!ctx.javaScriptEnabled && mode !== 'normal')
      return { skipped: 'without JavaScript a form posts a whole page: no fetch to slow or drop' }
    ctx.state.network = mode
  },
  async signIn(ctx, on) {
    const url = ctx.origin
    if (on) await ctx.context.addCookies([{ name: AUTH_COOKIE, value: DEMO_USER_ID, url }])
    else await ctx.context.clearCookies({ name: AUTH_COOKIE })
    // The preview renders the page again for the new user; a reader of the real app reloads.
    await ctx.page.reload({ waitUntil: 'load' })
    if (ctx.javaScriptEnabled) await hydrated(ctx.page)
  },
  mode(ctx, mode) {
    if (mode === 'production') return // `next start` is the production server
    if (mode === 'development')
      return {
        skipped:
          'the preview switches to development; this runs `next start` only (a `next dev` per example would cost minutes)',
        rest: (step) => step.mode === 'production',
      }
    throw new Error('mode must be "production" or "development"')
  },
  path(ctx, path) {
    return ctx.waitFor(
      () => new URL(ctx.page.url()).pathname === path,
      `the address to show ${path} (it shows ${new URL(ctx.page.url()).pathname})`,
    )
  },
  async go(ctx, path) {
    await ctx.page.goto(path, { waitUntil: 'load' })
    if (ctx.javaScriptEnabled) await hydrated(ctx.page)
  },
  compose() {
    return {
      skipped:
        "the request composer is the playground's network panel, not part of the app: the steps after it read what it sent",
      rest: () => false,
    }
  },
}

/** Runs the check's steps in one view; an error names the example, the view and the step. */
async function runChecks(example, view, ctx, skips = skipped) {
  const where = `${example.slug} (${example.path} playground ${example.index}, ${view})`
  const steps = example.check.steps.map((step) => onNext(example, step))
  await assertNothingSeenYet(steps, ctx.page, where)
  let skipUntil = null
  for (const [i, step] of steps.entries()) {
    const kind = stepKind(step)
    if (skipUntil) {
      if (!skipUntil.until(step)) {
        skips.push({ where, step, reason: `after step ${skipUntil.at}: ${skipUntil.reason}` })
        continue
      }
      skipUntil = null
    }
    try {
      const result = await runStep(step, ctx, NEXT_STEPS)
      if (result?.skipped) {
        skips.push({ where, step, reason: result.skipped })
        if (result.rest) skipUntil = { until: result.rest, at: i + 1, reason: result.skipped }
      }
    } catch (error) {
      const shown = await ctx.page
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '(unreadable)')
      const failure = new Error(
        `real Next 16: ${where}, step ${i + 1} ${JSON.stringify(step)} (${kind}): ${error.message}\n` +
          `the page at ${ctx.page.url()} shows: ${JSON.stringify(shown.replace(/\s+/g, ' ').trim().slice(0, 400))}` +
          (ctx.state.errors.length ? `\nconsole errors:\n${ctx.state.errors.join('\n')}` : ''),
      )
      failure.cause = error
      throw failure
    }
  }
}

async function runView(example, javaScriptEnabled, skips = skipped) {
  await resetDb(example)
  const opened = await openExample(example, { javaScriptEnabled })
  const ctx = {
    ...opened,
    root: opened.page,
    javaScriptEnabled,
    waitFor: (check, what, timeout) =>
      pollUntil(check, `${what} (real Next 16)`, {
        timeout,
        fail: () => errorShown(opened.page, opened.state),
      }),
  }
  try {
    await runChecks(example, javaScriptEnabled ? 'JavaScript on' : 'JavaScript off', ctx, skips)
    assert.deepEqual(opened.state.offSite, [], `${example.slug}: requests left the machine`)
    assert.deepEqual(
      opened.state.errors.filter((e) => !EXPECTED_CONSOLE_ERROR.test(e)),
      [],
      `${example.slug}: console errors`,
    )
  } finally {
    await opened.context.close()
  }
}

test('the English examples build with real Next 16', () => {
  assert.ok(examples.length > 0, 'no example selected')
  assert.equal(built.status, 0, `next build failed:\n${built.output.slice(-6000)}`)
})

for (const example of examples) {
  test(`${example.slug}: check.json on next start`, { timeout: 120_000 }, async (t) => {
    if (!next) return t.skip('the build failed')
    assert.ok(example.check?.steps?.length, `${example.slug} has no check.json steps`)
    await runView(example, true)
    if (example.check.noJs) await runView(example, false)
  })
}

// The steps no English check uses yet, on forms-5 (a form whose action redirects to '/'): what a
// check of the chapters being written may do, and what an unknown step does.
test("the runner's own steps: mode, path, go, compose, an unknown step", async (t) => {
  const rsvp = englishExamples().find((e) => e.slug === 'forms-5')
  if (!next || !rsvp) return t.skip('needs the build and the forms-5 example')
  const steps = [
    { mode: 'production' },
    { path: '/' },
    { fill: { label: 'Your name', value: 'Grace' } },
    { click: 'Count me in' },
    { path: '/' },
    { see: '✔ Grace' },
    { go: '/' }, // a reload: revalidatePath('/') reached the page Next had prerendered
    { see: '1 guest(s) so far' },
    { mode: 'development' },
    { see: 'not read: the rest runs in development' },
    { mode: 'production' },
    { see: '✔ Grace' },
    { compose: { action: 'reply' } },
    { see: 'not read: the composer is not in the app' },
  ]
  const skips = []
  await runView({ ...rsvp, check: { steps } }, true, skips)
  assert.deepEqual(
    skips.map((s) => s.step),
    [steps[8], steps[9], steps[12], steps[13]],
  )
  await assert.rejects(
    runView({ ...rsvp, check: { steps: [{ hover: 'Count me in' }] } }, true),
    /unknown step "hover" \(known here: fill, click, press, see, gone, value, network, signIn, mode, path, go, compose\)/,
  )
})

test('every difference listed in DIFFERENCES.json still occurs in its check', () => {
  const ran = new Set(examples.map((e) => e.slug))
  const stale = DIFFERENT_STEPS.filter((d) => ran.has(d.example) && !differencesMet.has(d))
  assert.deepEqual(stale, [], 'listed steps no check has any more: remove them')
  for (const d of DIFFERENT_STEPS)
    assert.ok(d.reason, `${d.example}: a difference needs its reason`)
})

test('steps not run against real Next 16, with their reasons', (t) => {
  if (!skipped.length) return t.diagnostic('none: every step ran')
  const rows = skipped.map((s) => `${s.where}: ${JSON.stringify(s.step)} — ${s.reason}`)
  for (const row of rows) t.diagnostic(row)
  for (const s of skipped) assert.ok(s.reason, `${s.where}: a skipped step needs its reason`)
})
