// Every <Playground> of every page, in every locale, booted in real Chromium with its check.json
// run inside its preview. The steps on the page (fill, click, press, see, gone, value) are run by
// tests/support/check-steps.mjs, shared with tests/conformance/example-checks.test.mjs, which runs
// the same checks on real Next 16; the playground's own switches are PREVIEW_STEPS below (network
// "slow" / "failing" / "normal", signIn). A check with "noJs": true runs again in the
// JavaScript-off view (the live server's HTML, in a frame where no script runs), on a fresh live
// server session. Each page is loaded once and its playgrounds run on it one after another.
//
// The preview toolbar and the network panel have steps too:
// - {"mode": "production"} / {"mode": "development"}: sets the production switch and waits for the
//   preview to be ready again (in the JavaScript-off view: for its HTML page to load again).
// - {"path": "/posts"}: waits until the address bar shows this path (JavaScript-off view: the path
//   the HTML frame shows). {"go": "/posts/2"}: types the path into the address bar, goes there and
//   waits for the preview to be ready (JavaScript on only).
// - {"compose": {"action": "publish", "origin": "https://evil.example", "headers": {"Name": "value"},
//   "body": "…", "padBytes": 2000000, "tamper": true, "call": "deleteAll"}, "status": 500, "see": "…"}:
//   opens the network panel, picks the most recent recorded call of that action (its name as the
//   panel shows it) that the app made (not one an earlier compose step sent), applies the edits
//   (all optional: "origin" replaces the Origin the live server sees, "" for none; "headers" sets
//   header lines; "body" replaces the body; "padBytes" appends that many bytes; "tamper" corrupts
//   the closure token in the body; "call" aims the request at another action of the deploy, by
//   name), sends it and waits for the live server's answer, whose status must be "status" and
//   whose text must contain "see" (both optional).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BASE_URL, isLocalUrl, launch, openPage } from '../support/browser.mjs'
import { sitePlaygrounds } from '../support/playgrounds.mjs'
import {
  STEP_TIMEOUT,
  assertNothingSeenYet,
  pollUntil,
  runStep,
  stepKind,
} from '../support/check-steps.mjs'
import { ROOT } from '../../scripts/site-pages.mjs'

// An action that throws answers 500, as Next does, and a forged one (the request composer) 400,
// 409 or 500: Chromium logs that response, though the example handles it (its check's `see` steps
// prove it). Only those log lines are expected…
const EXPECTED_ACTION_ERROR =
  /^Failed to load resource: the server responded with a status of (?:400|409|413|500) \([\w ]+\) @ http:\/\/(?:[\w-]+\.)?preview\.[^/]+\/api\/live\/[\w-]+\/(?:action|html)(?:\?[^ ]*)?$/

/** …and what the check itself says its example logs on purpose (`"consoleErrors": ["text"]`). */
const expectedByCheck = (check) => (line) =>
  (check.consoleErrors ?? []).some((text) => line.includes(text))

const PLAYGROUND = 'section[data-playground]'
const LIVE_PREVIEW = 'iframe.sp-preview-iframe'
const NO_JS_PREVIEW = 'iframe[data-nojs]'
const BOOT_TIMEOUT = 45_000

const labels = (locale) =>
  JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8')).playground

/** Playgrounds grouped by page, in page order; TEST_PLAYGROUND_PAGES="/en/forms,/de/intro" narrows them. */
function pages() {
  const only = process.env.TEST_PLAYGROUND_PAGES?.split(',')
    .map((path) => path.trim())
    .filter(Boolean)
  const byPath = new Map()
  for (const playground of sitePlaygrounds()) {
    if (only?.length && !only.includes(playground.path)) continue
    if (!byPath.has(playground.path)) byPath.set(playground.path, [])
    byPath.get(playground.path).push(playground)
  }
  return byPath
}

/** What the playground's error overlay says, or null. */
async function overlayText(section) {
  const overlay = section.locator('[role="alert"]')
  if (!(await overlay.count())) return null
  return (
    (
      await overlay
        .first()
        .innerText()
        .catch(() => '')
    ).trim() || null
  )
}

/** Polls `check` until it returns a truthy value; fails early when the error overlay shows. */
const waitFor = (section, check, what, timeout = STEP_TIMEOUT) =>
  pollUntil(check, what, { timeout, fail: () => overlayText(section) })

/** Waits for the live preview's runtime to finish its compile (html[data-preview="ready"]). */
async function waitForPreview(section, what = 'the preview to be ready') {
  const frame = section.frameLocator(LIVE_PREVIEW)
  await waitFor(
    section,
    async () =>
      (await frame
        .locator('html:not([data-stale])')
        .getAttribute('data-preview', { timeout: 500 })) === 'ready' &&
      // Sandpack's loading overlay fades out over the preview for a moment after the first paint.
      (await section.locator('.sp-loading').count()) === 0,
    what,
    BOOT_TIMEOUT,
  )
  return frame
}

async function setSwitch(section, name, on) {
  const toggle = section.getByRole('switch', { name, exact: true })
  await toggle.waitFor({ timeout: STEP_TIMEOUT })
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click()
  await waitFor(
    section,
    async () =>
      (await toggle.getAttribute('aria-checked')) === String(on) &&
      (await toggle.getAttribute('aria-busy')) === null,
    `the "${name}" switch to be ${on ? 'on' : 'off'}`,
  )
}

/** The path the JavaScript-off frame shows (its `?path=`), or null. */
async function noJsPath(section) {
  const handle = await section.locator(NO_JS_PREVIEW).elementHandle({ timeout: 500 })
  const url = (await handle?.contentFrame())?.url()
  return url ? new URL(url).searchParams.get('path') : null
}

/** The "compose" step: a recorded call sent again, edited, through the network panel. */
async function compose(step, { section }) {
  const arg = step.compose
  await section.locator('[role="tab"][data-panel="network"]').click({ timeout: STEP_TIMEOUT })
  const panel = section.locator('[role="tabpanel"][data-panel="network"]')
  const entry = panel.locator(`li[data-action="${arg.action}"]:not([data-composed])`).first()
  await waitFor(
    section,
    async () => (await entry.count()) > 0,
    `a recorded call of "${arg.action}" in the network panel`,
  )
  await entry.locator('[data-compose-open]').click({ timeout: STEP_TIMEOUT })
  const form = panel.locator('[data-composer]')
  const field = (name) => form.locator(`[data-compose-field="${name}"]`)
  if (arg.call !== undefined) {
    const select = field('action')
    const value = await select.evaluate(
      (element, name) => [...element.options].find((o) => o.dataset.name === name)?.value,
      arg.call,
      { timeout: STEP_TIMEOUT },
    )
    if (!value) throw new Error(`no action "${arg.call}" in the composer's list`)
    await select.selectOption(value)
  }
  if (arg.origin !== undefined) await field('origin').fill(arg.origin)
  if (arg.headers) {
    let lines = (await field('headers').inputValue()).split('\n').filter((l) => l.trim())
    for (const [name, value] of Object.entries(arg.headers)) {
      const lower = name.toLowerCase()
      lines = lines.filter((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() !== lower)
      lines.push(`${name}: ${value}`)
    }
    await field('headers').fill(lines.join('\n'))
  }
  if (arg.body !== undefined) await field('body').fill(arg.body)
  if (arg.padBytes !== undefined) await field('padBytes').fill(String(arg.padBytes))
  if (arg.tamper) {
    const before = await field('body').inputValue()
    await form.locator('[data-compose-tamper]').click()
    if ((await field('body').inputValue()) === before)
      throw new Error('the body holds no closure token to tamper with')
  }
  await form.locator('[data-compose-send]').click()
  const answer = form.locator('[data-compose-answer]')
  await waitFor(section, async () => (await answer.count()) > 0, "the live server's answer", 25_000)
  const status = Number(await answer.getAttribute('data-status'))
  const text = await answer.innerText()
  if (step.status !== undefined && status !== step.status)
    throw new Error(`the answer's status is ${status}, not ${step.status}:\n${text.slice(0, 600)}`)
  if (step.see !== undefined && !text.includes(step.see))
    throw new Error(`the answer does not contain "${step.see}":\n${text.slice(0, 600)}`)
}

/** The preview's own steps: the playground's switches around the page. */
const PREVIEW_STEPS = {
  async network({ section, frame, locale }, arg) {
    await section
      .getByRole('combobox', { name: labels(locale).networkMode, exact: true })
      .selectOption(arg, { timeout: STEP_TIMEOUT })
    // The preview says when it applied the mode (html[data-network]).
    return waitFor(
      section,
      async () =>
        (await frame.locator('html').getAttribute('data-network', { timeout: 500 })) === arg,
      `the preview to switch its network to "${arg}"`,
    )
  },
  async signIn({ section, locale, live }, arg) {
    await setSwitch(section, labels(locale).signIn, Boolean(arg))
    // The page was rendered again for the new user.
    if (live) await waitForPreview(section, 'the preview to render again after signing in')
  },
  async mode({ section, frame, locale, live }, arg) {
    await setSwitch(section, labels(locale).production, arg === 'production')
    if (live) return waitForPreview(section, `the preview to run in ${arg} mode`)
    return waitFor(
      section,
      async () => (await frame.locator('form').count()) > 0,
      `the HTML page again in ${arg} mode`,
    )
  },
  path({ section, live }, arg) {
    return waitFor(
      section,
      async () =>
        live
          ? (await section.locator('[data-address]').inputValue({ timeout: 500 })) === arg
          : (await noJsPath(section)) === arg,
      `the address bar to show ${arg}`,
    )
  },
  async go({ section, live }, arg) {
    if (!live)
      throw new Error('"go" needs the live preview (the JavaScript-off view has no address bar)')
    const input = section.locator('[data-address]')
    await input.fill(arg, { timeout: STEP_TIMEOUT })
    await input.press('Enter')
    // The bar is busy until the preview reports its new route (the same moment it starts rendering).
    await waitFor(
      section,
      async () => (await section.locator('[data-address-bar]').getAttribute('aria-busy')) === null,
      `the preview to go to ${arg}`,
    )
    return waitForPreview(section, `the preview to show ${arg}`)
  },
  compose: (context, _arg, step) => compose(step, context),
}

/**
 * Brings the preview's frame wholly into the viewport before a click inside it. Chromium routes a
 * click into a frame of another site (the preview origin) by the compositor's hit-test data. When
 * Playwright has just scrolled the page a few pixels to reach a button at the viewport's edge, that
 * data can still be the old one: the click lands on the page's <iframe> element and is lost, and
 * Playwright, which saw no event in the frame, calls it done. Seen as a no-JS form never sent.
 */
async function frameInView(frame) {
  await frame.owner().evaluate(async (element) => {
    const { top, bottom } = element.getBoundingClientRect()
    if (top >= 0 && bottom <= innerHeight) return
    element.scrollIntoView({ block: 'center' })
    // The new position must reach the compositor before the click does.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    await new Promise((resolve) => setTimeout(resolve, 50))
  })
}

/** Runs all steps in one view; an error names the page, the playground, the view and the step. */
async function runSteps(playground, view, context) {
  const { steps } = playground.check
  await assertNothingSeenYet(
    steps,
    context.frame,
    `${playground.path} playground ${playground.index} (${view})`,
  )
  const stepContext = {
    ...context,
    root: context.frame,
    waitFor: (check, what, timeout) =>
      waitFor(context.section, check, `${what} (preview)`, timeout),
  }
  for (const [i, step] of steps.entries()) {
    try {
      if (stepKind(step) === 'click') await frameInView(context.frame)
      await runStep(step, stepContext, PREVIEW_STEPS)
    } catch (error) {
      const shown = await context.frame
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '(unreadable)')
      const compiles = context.live
        ? await context.frame
            .locator('html')
            .evaluate(() => performance.getEntriesByName('compile-start').length, null, {
              timeout: 1000,
            })
            .catch(() => '?')
        : '-'
      const network = await context.section
        .locator('[role="tabpanel"][data-panel="network"]')
        .textContent({ timeout: 1000 })
        .catch(() => '?')
      const failure = new Error(
        `${playground.path} playground ${playground.index} (${view}), step ${i + 1} ${JSON.stringify(step)}: ${error.message}\n` +
          `the preview shows: ${JSON.stringify(shown.replace(/\s+/g, ' ').trim().slice(0, 400))} (compiles: ${compiles})\n` +
          `network panel: ${JSON.stringify(network.replace(/\s+/g, ' ').trim().slice(0, 600))}` +
          (context.newErrors().length
            ? `\nconsole errors so far:\n${context.newErrors().join('\n')}`
            : ''),
      )
      failure.cause = error
      throw failure
    }
  }
}

/** Starts a new live server session: the Reload button reloads the preview, which opens one. */
async function reloadPreview(section, locale) {
  await section
    .frameLocator(LIVE_PREVIEW)
    .locator('html')
    .evaluate((html) => {
      html.dataset.stale = '1'
    })
  await section.getByRole('button', { name: labels(locale).reload, exact: true }).click()
  return waitForPreview(section, 'the preview to load again')
}

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

for (const [path, playgrounds] of pages()) {
  describe(`playgrounds of ${path}`, () => {
    let opened
    before(async () => {
      opened = await openPage(browser, { viewport: { width: 1280, height: 900 } })
      // Nothing may leave this machine: anything else fails, as it would offline.
      await opened.context.route('**/*', (route) =>
        isLocalUrl(route.request().url()) ? route.continue() : route.abort(),
      )
      await opened.page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
    })
    after(async () => {
      await opened?.context.close()
    })

    test('the page has every playground of its source', async () => {
      assert.equal(
        await opened.page.locator(PLAYGROUND).count(),
        playgrounds.length,
        'playgrounds on the page vs in the MDX source',
      )
    })

    for (const playground of playgrounds) {
      test(`playground ${playground.index}`, { timeout: 180_000 }, async () => {
        const { page, record } = opened
        const errorsBefore = record.errors.length
        assert.ok(
          playground.check,
          `${path} playground ${playground.index} has no check.json: every example must declare its check`,
        )
        assert.ok(
          Array.isArray(playground.check.steps) && playground.check.steps.length,
          `${path} playground ${playground.index}: check.json has no steps`,
        )

        const section = page.locator(PLAYGROUND).nth(playground.index)
        await section.scrollIntoViewIfNeeded()
        await waitFor(
          section,
          async () => (await section.getAttribute('data-playground')) === 'live',
          'the editor to start',
          BOOT_TIMEOUT,
        )
        const newErrors = () => record.errors.slice(errorsBefore)
        const context = { section, locale: playground.locale, live: true, newErrors }
        try {
          context.frame = await waitForPreview(section)
        } catch (error) {
          throw new Error(`${path} playground ${playground.index}: ${error.message}`)
        }
        await runSteps(playground, 'JavaScript on', context)

        if (playground.check.noJs) {
          const { noJs } = labels(playground.locale)
          await reloadPreview(section, playground.locale)
          await setSwitch(section, noJs, true)
          const frameElement = section.locator(NO_JS_PREVIEW)
          await frameElement.waitFor({ timeout: STEP_TIMEOUT })
          assert.doesNotMatch(
            (await frameElement.getAttribute('sandbox')) ?? '',
            /allow-scripts/,
            'the JavaScript-off frame runs no script',
          )
          const frame = section.frameLocator(NO_JS_PREVIEW)
          await waitFor(
            section,
            async () =>
              (await frame.locator('body').count()) > 0 &&
              (await frame.locator('form').count()) > 0,
            'the HTML page with its form',
          )
          // The view is keyed by the session it shows: let a late session (or mode) report settle,
          // or a remount would drop what the first steps typed.
          let src = await frameElement.getAttribute('src')
          let since = Date.now()
          await waitFor(
            section,
            async () => {
              const now = await section.locator(NO_JS_PREVIEW).getAttribute('src')
              if (now !== src) [src, since] = [now, Date.now()]
              return Date.now() - since >= 1000 && (await frame.locator('form').count()) > 0
            },
            'the JavaScript-off view to settle on one session',
          )
          await runSteps(playground, 'JavaScript off', {
            section,
            frame,
            locale: playground.locale,
            live: false,
            newErrors,
          })
          await setSwitch(section, noJs, false)
        }

        const offSite = record.requests.filter((url) => !isLocalUrl(url))
        assert.deepEqual(
          offSite,
          [],
          `${path} playground ${playground.index}: requests left the site`,
        )
        assert.deepEqual(
          record.errors
            .slice(errorsBefore)
            .filter((e) => !EXPECTED_ACTION_ERROR.test(e) && !expectedByCheck(playground.check)(e)),
          [],
          `${path} playground ${playground.index}: console errors`,
        )
      })
    }
  })
}
