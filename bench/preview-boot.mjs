// `node bench/preview-boot.mjs`: loads pages again and again in Chromium against the production
// build and counts previews that never start (issue 13 item 11). Every playground of the page is
// scrolled into view; a preview counts as started when its runtime says ready or error
// (html[data-preview]); one that says error is counted apart, with the live server's refusals the
// page got (under load those were 500 cpu-limit answers to honest first renders, now retried).
// For a stuck one it records what the handshake saw: the runtime's
// `initialized`, the editor page's `register-frame`, the first `compile`, and the frame's requests.
// BOOT_LOADS (default 60), BOOT_PAGES (default /en/forms,/en/intro,/en/conventions), BOOT_URL (a
// running site; otherwise the production site is started), BOOT_TIMEOUT_MS (default 30000).
// Writes bench/reports/preview-boot.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { ensureBuild, startProductionSite } from '../scripts/production-site.mjs'
import { actAsReader } from '../tests/support/reader.mjs'
import { disableFeatures } from '../tests/support/chromium-flags.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const LOADS = Number(process.env.BOOT_LOADS) || 60
const PAGES = (process.env.BOOT_PAGES || '/en/forms,/en/intro,/en/conventions').split(',')
const TIMEOUT = Number(process.env.BOOT_TIMEOUT_MS) || 30_000

// In every frame at document start: the handshake messages this window receives, with times.
function instrument() {
  const t0 = performance.timeOrigin
  window.__boot = []
  addEventListener(
    'message',
    (event) => {
      const type = event.data && typeof event.data === 'object' ? event.data.type : null
      if (typeof type === 'string' && type !== 'console')
        window.__boot.push(`${Math.round(t0 + performance.now())} ${type} from ${event.origin}`)
    },
    true,
  )
  addEventListener('load', () => window.__boot.push(`${Math.round(t0 + performance.now())} load`))
}

async function main() {
  let site = null
  let base = process.env.BOOT_URL
  if (!base) {
    ensureBuild({ reuseBuild: true })
    site = await startProductionSite()
    base = site.baseUrl
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', disableFeatures()],
  })
  const results = []
  try {
    for (let load = 0; load < LOADS; load++) {
      const path = PAGES[load % PAGES.length]
      const context = await browser.newContext()
      await context.addInitScript(instrument)
      const page = await context.newPage()
      actAsReader(page)
      /** @type {string[]} */
      const requests = []
      page.on('requestfinished', (r) => requests.push(r.url()))
      /** @type {string[]} */
      const refusals = []
      page.on('response', (r) => {
        if (r.status() >= 400 && /\.preview\.[^/]+\/api\/live\//.test(r.url()))
          refusals.push(
            `${r.status()} ${r.headers()['x-live-reason'] ?? ''} ${new URL(r.url()).pathname}`,
          )
      })
      page.on('requestfailed', (r) => requests.push(`FAILED ${r.url()} ${r.failure()?.errorText}`))
      const started = Date.now()
      await page.goto(base + path, { waitUntil: 'load' })
      const sections = page.locator('section[data-playground]')
      const count = await sections.count()
      const stuck = []
      const errors = []
      for (let i = 0; i < count; i++) {
        const section = sections.nth(i)
        await section.scrollIntoViewIfNeeded()
        const frame = section.frameLocator('iframe.sp-preview-iframe')
        const deadline = Date.now() + TIMEOUT
        let state = null
        while (Date.now() < deadline) {
          state = await frame
            .locator('html')
            .getAttribute('data-preview', { timeout: 500 })
            .catch(() => null)
          if (state === 'ready' || state === 'error') break
          await new Promise((r) => setTimeout(r, 200))
        }
        if (state === 'error') errors.push({ playground: i + 1, refusals: [...refusals] })
        if (state !== 'ready' && state !== 'error') {
          const element = await section.locator('iframe.sp-preview-iframe').elementHandle()
          const child = await element?.contentFrame()
          stuck.push({
            playground: i + 1,
            state,
            frameUrl: child?.url() ?? null,
            parentSaw: await page.evaluate(() => window.__boot),
            frameSaw: child
              ? await child.evaluate(() => window.__boot).catch((e) => e.message)
              : null,
            frameRequests: requests.filter((u) => /preview\./.test(u)),
          })
        }
      }
      results.push({ load, path, playgrounds: count, stuck, errors, ms: Date.now() - started })
      console.log(
        `${load + 1}/${LOADS} ${path}: ${count} playgrounds, ${stuck.length} stuck, ${errors.length} in error, ${Date.now() - started} ms`,
      )
      for (const e of errors) console.log(JSON.stringify(e).slice(0, 2000))
      for (const s of stuck) console.log(JSON.stringify(s, null, 1).slice(0, 4000))
      await context.close()
    }
  } finally {
    await browser.close()
    site?.stop()
  }
  const previews = results.reduce((n, r) => n + r.playgrounds, 0)
  const stuck = results.flatMap((r) => r.stuck.map((s) => ({ path: r.path, load: r.load, ...s })))
  const errors = results.flatMap((r) => r.errors.map((e) => ({ path: r.path, load: r.load, ...e })))
  mkdirSync(join(ROOT, 'bench/reports'), { recursive: true })
  writeFileSync(
    join(ROOT, 'bench/reports/preview-boot.json'),
    JSON.stringify({ loads: LOADS, pages: PAGES, previews, stuck, errors }, null, 2) + '\n',
  )
  writeFileSync(
    join(ROOT, 'bench/reports/preview-boot.md'),
    `# Preview boot\n\n\`node bench/preview-boot.mjs\`: ${LOADS} page loads of ${PAGES.join(', ')} in ` +
      `Chromium, every playground scrolled into view; ${previews} previews, ` +
      `**${stuck.length} never started** within ${TIMEOUT / 1000} s, **${errors.length} ended in an error**.\n`,
  )
  console.log(`${previews} previews, ${stuck.length} never started, ${errors.length} in error`)
}

await main()
