// The check.json step interpreter, shared by the two places an example's check runs: our own
// preview (tests/browser/playground-checks.test.mjs) and the example built as a real Next 16 app
// under `next start` (tests/conformance/example-checks.test.mjs). Steps that act on the page
// itself (fill, click, press, see, gone, value) are run here the same way for both; steps that
// drive the playground around the page (network switch, sign-in, toolbar…) are given by each
// runner as `handlers`. A step neither knows fails the check, naming the step and what is known.

export const STEP_TIMEOUT = 15_000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` until it returns a truthy value; `fail()` may name an error shown meanwhile. */
export async function pollUntil(check, what, { timeout = STEP_TIMEOUT, fail } = {}) {
  const deadline = Date.now() + timeout
  let lastError
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    const shown = await fail?.()
    if (shown) throw new Error(`the page shows an error while waiting for ${what}:\n${shown}`)
    await sleep(100)
  }
  throw new Error(
    `timed out after ${timeout / 1000}s waiting for ${what}${lastError ? ` (last: ${lastError.message.split('\n')[0]})` : ''}`,
  )
}

/** Visible text anywhere under `root` (form values excluded, as a reader would see it). */
export async function sees(root, text) {
  const matches = root.getByText(text, { exact: false })
  const count = await matches.count()
  for (let i = 0; i < count; i++) if (await matches.nth(i).isVisible()) return true
  return false
}

/** The steps every runner performs on the page itself: `root` is a Page or a FrameLocator. */
const PAGE_STEPS = {
  fill: ({ root }, arg) =>
    root.getByLabel(arg.label, { exact: true }).fill(arg.value, { timeout: STEP_TIMEOUT }),
  click: ({ root }, arg) =>
    root.getByRole('button', { name: arg, exact: true }).click({ timeout: STEP_TIMEOUT }),
  press: ({ root }, arg) =>
    root.getByLabel(arg.label, { exact: true }).press(arg.key, { timeout: STEP_TIMEOUT }),
  see: ({ root, waitFor }, arg) => waitFor(() => sees(root, arg), `"${arg}" in the page`),
  gone: ({ root, waitFor }, arg) =>
    waitFor(async () => !(await sees(root, arg)), `"${arg}" to disappear`),
  value: ({ root, waitFor }, arg) =>
    waitFor(
      async () =>
        (await root.getByLabel(arg.label, { exact: true }).inputValue({ timeout: 500 })) ===
        arg.value,
      `the field "${arg.label}" to hold "${arg.value}"`,
    ),
}

export const PAGE_STEP_KINDS = Object.keys(PAGE_STEPS)

/** What a compose step may carry beside its request: the answer it expects. */
const COMPOSE_EXPECTS = ['status', 'see']

/**
 * The kind of a step ({"see": "x"} → "see"); a step has exactly one key, except "compose", which
 * may also say the answer it expects ("status", "see").
 */
export function stepKind(step) {
  const keys = step && typeof step === 'object' && !Array.isArray(step) ? Object.keys(step) : []
  if (keys.includes('compose') && keys.every((k) => k === 'compose' || COMPOSE_EXPECTS.includes(k)))
    return 'compose'
  if (keys.length !== 1)
    throw new Error(`a step is an object with one key, got ${JSON.stringify(step)}`)
  return keys[0]
}

/**
 * Runs one step. `context` has `root` and `waitFor(check, what, timeout?)`; `handlers` maps the
 * runner's own step kinds to functions (context, arg, step) → undefined, or { skipped: reason }
 * when the step has no meaning where this runner runs. Returns what the handler returned.
 */
export async function runStep(step, context, handlers = {}) {
  const kind = stepKind(step)
  const run = Object.hasOwn(PAGE_STEPS, kind)
    ? PAGE_STEPS[kind]
    : Object.hasOwn(handlers, kind)
      ? handlers[kind]
      : null
  if (!run)
    throw new Error(
      `unknown step "${kind}" (known here: ${[...PAGE_STEP_KINDS, ...Object.keys(handlers)].join(', ')})`,
    )
  return run(context, step[kind], step)
}

/** A "see" must be caused by the steps: its text is not on the fresh page yet. */
export async function assertNothingSeenYet(steps, root, where) {
  for (const step of steps)
    // A compose step's "see" is about the composer's answer, not the page.
    if (!('compose' in step) && typeof step.see === 'string' && (await sees(root, step.see)))
      throw new Error(`${where}: "${step.see}" is already shown before any step ran`)
}
