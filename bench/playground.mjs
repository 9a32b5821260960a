// `npm run bench:playground`: the playground in real Chromium against the production build.
//   1. JS a page loads before any playground starts (intro page, not scrolled) vs. a page without one.
//   2. Scroll into view → first preview paint: a jump (scrollIntoView, nothing preloaded) and a
//      reader's scroll (wheel steps), median of 10 fresh page loads each.
//   3. Keystroke → updated preview, median of 10 keystrokes.
// Prints a table and writes bench/reports/playground.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { actAsReader } from '../tests/support/reader.mjs'
import { chromium } from 'playwright-core'
import { ensureBuild, startProductionSite } from '../scripts/production-site.mjs'
import { disableFeatures } from '../tests/support/chromium-flags.mjs'
import { median } from './stats.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUNS = Number(process.env.BENCH_RUNS) || 10
const PLAYGROUND = 'section[data-playground]'
const TARGETS = { paint: 400, keystroke: 150, extraJsKb: 15 }

const ms = (/** @type {number} */ value) => `${Math.round(value)} ms`

// Runs in every frame at document start. In the preview: the time (epoch ms) of the first paint
// of the app, and of every paint after the heading changed. In the docs page: when the playground
// enters the viewport, and when a key goes down.
function instrument() {
  const now = () => performance.timeOrigin + performance.now()
  const afterPaint = (/** @type {(t: number) => void} */ record) =>
    requestAnimationFrame(() => setTimeout(() => record(now()), 0))
  window.__bench = { firstPaint: null, headings: [], inView: null, keys: [] }
  if (/^(?:[a-z0-9-]+\.)?preview\./.test(location.hostname)) {
    // An offscreen frame gets no animation frames: the paint is the first one once it is visible.
    addEventListener('DOMContentLoaded', () => {
      const root = /** @type {HTMLElement} */ (document.getElementById('root'))
      /** @type {string | null} */
      let last = null
      let painting = false
      const check = () => {
        const heading = root.querySelector('h2')?.textContent ?? null
        if (heading !== null && window.__bench.firstPaint === null && !painting) {
          painting = true
          afterPaint((t) => (window.__bench.firstPaint ??= t))
        }
        if (heading !== last) {
          last = heading
          afterPaint((t) => window.__bench.headings.push({ text: heading, t }))
        }
      }
      new MutationObserver(check).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
      })
      check()
    })
  } else {
    addEventListener('keydown', () => window.__bench.keys.push(now()), true)
    const watch = () => {
      const section = document.querySelector('section[data-playground]')
      if (!section)
        return document.readyState === 'complete' ? undefined : requestAnimationFrame(watch)
      new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) window.__bench.inView ??= now()
      }).observe(section)
    }
    addEventListener('DOMContentLoaded', watch)
  }
}

/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').Page} Page */

/** @param {Browser} browser */
async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(instrument)
  const page = await context.newPage()
  actAsReader(page)
  /** @type {string[]} */
  const offsite = []
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname
    if (!(
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      host === '127.0.0.1' ||
      r.url().startsWith('data:')
    ))
      offsite.push(r.url())
  })
  return { context, page, offsite }
}

const previewFrame = (/** @type {Page} */ page) =>
  page.frames().find((f) => /:\/\/(?:[a-z0-9-]+\.)?preview\./.test(f.url()))

/** @param {Page} page */
async function waitForFirstPaint(page, timeout = 30_000) {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    const frame = previewFrame(page)
    const t = frame
      ? await frame.evaluate(() => window.__bench?.firstPaint ?? null).catch(() => null)
      : null
    if (t) return t
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the preview did not paint')
}

/**
 * JS loaded by a page before any playground starts (no scrolling).
 * @param {Browser} browser
 * @param {string} url
 */
async function jsBeforeStart(browser, url) {
  const { context, page } = await newPage(browser)
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.waitForTimeout(300)
  const result = await page.evaluate(() => {
    // Scripts the page runs; Next's <link rel=prefetch> of linked pages is left out.
    const scripts = /** @type {PerformanceResourceTiming[]} */ (
      performance.getEntriesByType('resource')
    ).filter((r) => r.initiatorType === 'script')
    return {
      urls: scripts.map((r) => r.name),
      transferred: scripts.reduce((s, r) => s + r.encodedBodySize, 0),
      decoded: scripts.reduce((s, r) => s + r.decodedBodySize, 0),
      preview: performance
        .getEntriesByType('resource')
        .some((r) => /:\/\/(?:[a-z0-9-]+\.)?preview\./.test(r.name)),
    }
  })
  await context.close()
  return result
}

/**
 * A page's scripts as Next lists them in the build manifest (its chunks and _app's), gzipped.
 * @param {string} route
 */
function pageJs(route) {
  /** @type {{ polyfillFiles: string[], pages: Record<string, string[]> }} */
  const manifest = JSON.parse(readFileSync(join(ROOT, '.next/build-manifest.json'), 'utf8'))
  const files = new Set(
    [
      ...manifest.polyfillFiles,
      ...manifest.pages['/_app'],
      ...(manifest.pages[route] ?? []),
    ].filter((f) => f.endsWith('.js')),
  )
  return [...files].reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(ROOT, '.next', file))).length,
    0,
  )
}

/**
 * The playground's own share of those scripts (gzip): its component chunk, and its props in the page chunk.
 * @param {string[]} urls
 */
async function playgroundShare(urls) {
  let component = 0
  let props = 0
  let sandpack = false
  for (const url of urls) {
    const code = await (await fetch(url)).text()
    if (code.includes('sp-wrapper')) sandpack = true
    if (code.includes('data-playground')) component += gzipSync(code).length
    for (const match of code.matchAll(/(?:files|staticHtml):"((?:[^"\\]|\\.)*)"/g))
      props += gzipSync(match[1]).length
  }
  return { component, props, sandpack }
}

/**
 * @param {Browser} browser
 * @param {string} base
 */
async function paintAfterJump(browser, base) {
  const { context, page, offsite } = await newPage(browser)
  await page.goto(`${base}/en/intro`, { waitUntil: 'networkidle' })
  const t0 = await page.evaluate(() => {
    const t = performance.timeOrigin + performance.now()
    const section = /** @type {Element} */ (document.querySelector('section[data-playground]'))
    section.scrollIntoView({ block: 'center' })
    return t
  })
  const painted = await waitForFirstPaint(page)
  await context.close()
  return { value: painted - t0, offsite }
}

/**
 * @param {Browser} browser
 * @param {string} base
 */
async function paintAfterScroll(browser, base) {
  const { context, page, offsite } = await newPage(browser)
  await page.goto(`${base}/en/intro`, { waitUntil: 'networkidle' })
  await page.mouse.move(640, 400)
  // A brisk reader: 120 px per wheel step, one step per frame (~7,000 px/s), until the playground is in view.
  // …and keeps scrolling until the playground's top is in the upper third of the screen.
  for (let i = 0; i < 400; i++) {
    const top = await page.evaluate(
      () =>
        /** @type {Element} */ (
          document.querySelector('section[data-playground]')
        ).getBoundingClientRect().top,
    )
    if (top < 800 / 3) break
    await page.mouse.wheel(0, 120)
    await page.waitForTimeout(16)
  }
  const painted = await waitForFirstPaint(page)
  const inView = await page.evaluate(() => window.__bench.inView)
  await context.close()
  return { value: Math.max(0, painted - (inView ?? 0)), offsite }
}

/**
 * @param {Browser} browser
 * @param {string} base
 */
async function keystrokes(browser, base) {
  const { context, page } = await newPage(browser)
  await page.goto(`${base}/en/intro`, { waitUntil: 'networkidle' })
  await page.evaluate(() =>
    /** @type {Element} */ (document.querySelector('section[data-playground]')).scrollIntoView({
      block: 'center',
    }),
  )
  await waitForFirstPaint(page)
  await page.waitForTimeout(500)
  // Put the caret right after the heading text in the editor.
  await page.locator(`${PLAYGROUND} .cm-content`).click()
  await page.evaluate(() => {
    const content = /** @type {Element} */ (
      document.querySelector('section[data-playground] .cm-content')
    )
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '' // a text node's is never null
      const at = text.indexOf('boundary</')
      const plain = text.indexOf('boundary')
      if (
        at !== -1 ||
        (plain !== -1 && node.parentElement?.closest('.cm-line')?.textContent?.includes('<h2>'))
      ) {
        const range = document.createRange()
        range.setStart(node, (at !== -1 ? at : plain) + 'boundary'.length)
        range.collapse(true)
        const selection = /** @type {Selection} */ (getSelection())
        selection.removeAllRanges()
        selection.addRange(range)
        return
      }
    }
    throw new Error('heading not found in the editor')
  })
  await page.waitForTimeout(200)
  const frame = /** @type {import('playwright-core').Frame} */ (previewFrame(page)) // it painted
  /** @type {number[]} */
  const times = []
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  for (let i = 0; i < RUNS; i++) {
    const before = await frame.evaluate(() => window.__bench.headings.length)
    const keysBefore = await page.evaluate(() => window.__bench.keys.length)
    await page.keyboard.press(letters[i])
    const expected = `What crosses the boundary${letters.slice(0, i + 1)}`
    const deadline = Date.now() + 10_000
    let change = null
    while (!change && Date.now() < deadline) {
      change = await frame.evaluate(
        ([n, text]) => window.__bench.headings.slice(n).find((h) => h.text === text) ?? null,
        /** @type {[number, string]} */ ([before, expected]),
      )
      if (!change) await new Promise((r) => setTimeout(r, 10))
    }
    if (!change) throw new Error(`the preview did not show "${expected}"`)
    const keyDown = await page.evaluate((n) => window.__bench.keys[n], keysBefore)
    times.push(change.t - keyDown)
    await page.waitForTimeout(250)
  }
  await context.close()
  return times
}

ensureBuild({ reuseBuild: true })
const { baseUrl: base, stop } = await startProductionSite({
  port: Number(process.env.BENCH_PORT) || undefined,
})
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    disableFeatures(),
  ],
})

try {
  // Warm the server (compiled routes, live server worker) so the first run is not an outlier.
  await paintAfterJump(browser, base)

  const withPlayground = await jsBeforeStart(browser, `${base}/en/intro`)

  const jumps = []
  const scrolls = []
  const offsite = new Set()
  for (let i = 0; i < RUNS; i++) {
    const jump = await paintAfterJump(browser, base)
    jumps.push(jump.value)
    jump.offsite.forEach((u) => offsite.add(u))
    const scroll = await paintAfterScroll(browser, base)
    scrolls.push(scroll.value)
    scroll.offsite.forEach((u) => offsite.add(u))
  }
  const keys = await keystrokes(browser, base)

  const share = await playgroundShare(withPlayground.urls)
  const extraKb = (share.component + share.props) / 1024
  /** @type {[string, string, string, boolean | null][]} */
  const rows = [
    [
      'Scroll into view → first preview paint (reader scrolling, median of ' + RUNS + ')',
      ms(median(scrolls)),
      `≤ ${TARGETS.paint} ms`,
      median(scrolls) <= TARGETS.paint,
    ],
    [
      'Jump into view → first preview paint (cold, nothing preloaded, median of ' + RUNS + ')',
      ms(median(jumps)),
      `(≤ ${TARGETS.paint} ms)`,
      median(jumps) <= TARGETS.paint,
    ],
    [
      'Keystroke → updated preview (median of ' + RUNS + ')',
      ms(median(keys)),
      `≤ ${TARGETS.keystroke} ms`,
      median(keys) <= TARGETS.keystroke,
    ],
    [
      'JS the playground adds before it starts (gzip: component chunk + its props in the page chunk)',
      `${extraKb.toFixed(1)} kB (${(share.component / 1024).toFixed(1)} + ${(share.props / 1024).toFixed(1)})`,
      `≤ ${TARGETS.extraJsKb} kB`,
      extraKb <= TARGETS.extraJsKb,
    ],
    [
      'All JS of the page before any playground starts: /en/intro vs /en (gzip, from the build manifest)',
      `${(pageJs('/en/intro') / 1024).toFixed(1)} kB vs ${(pageJs('/en') / 1024).toFixed(1)} kB`,
      '',
      null,
    ],
    [
      'Preview requests / Sandpack code before the playground starts',
      `${withPlayground.preview ? 'yes' : 'none'} / ${share.sandpack ? 'yes' : 'none'}`,
      'none / none',
      !withPlayground.preview && !share.sandpack,
    ],
    ['Requests that left the site', String(offsite.size), '0', offsite.size === 0],
  ]

  const verdict = (/** @type {boolean | null} */ ok) => (ok === null ? '' : ok ? 'met' : 'MISSED')
  const table = [
    '| measure | result | target | |',
    '|---|---|---|---|',
    ...rows.map(
      ([name, value, target, ok]) => `| ${name} | ${value} | ${target} | ${verdict(ok)} |`,
    ),
  ].join('\n')

  const details = [
    `Runs, scroll → paint (ms): ${scrolls.map(Math.round).join(', ')}`,
    `Runs, jump → paint (ms): ${jumps.map(Math.round).join(', ')}`,
    `Runs, keystroke → preview (ms): ${keys.map(Math.round).join(', ')}`,
  ].join('\n')

  const report = `# Playground benchmark

${new Date().toISOString()} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${availableParallelism()} · Chromium headless · \`next start\` production build

${table}

${details}

How it is measured (bench/playground.mjs): fresh browser context per run; times are taken inside the
page (playground enters the viewport, keydown) and inside the preview frame (two animation frames
after the app's DOM changed), on the same clock. "Reader scrolling" wheels 120 px per frame from the
top, so the playground starts loading when it comes within 1000 px of the viewport, as designed;
"jump" scrolls it into view at once with nothing loaded, the worst case. The playground's JS
before it starts is what the reader pays on a page with a playground and not on one without: the
light entry's chunk (Playground.tsx, the static version, next/dynamic glue) plus the props the
remark plugin put in the page chunk (file map and build-time highlighted HTML), both gzipped.
Sandpack, CodeMirror and the preview runtime load only when the playground starts (checked: no
preview request and no Sandpack chunk before). The totals of /en/intro and /en from the build
manifest are shown for context; the introduction's page chunk also holds its longer prose.
`
  mkdirSync(join(ROOT, 'bench/reports'), { recursive: true })
  writeFileSync(join(ROOT, 'bench/reports/playground.md'), report)
  console.log(table)
  console.log(details)
  console.log('\nwritten: bench/reports/playground.md')
} finally {
  await browser.close()
  stop()
}
