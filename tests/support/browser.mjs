// Real Chromium through playwright-core, with every request and console error recorded.
import { chromium } from 'playwright-core'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { actAsReader } from './reader.mjs'
import { PREVIEW_HOST } from '../../scripts/preview-host.mjs'

export const BASE_URL = process.env.TEST_BASE_URL ?? 'http://localhost:3000'
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLocalUrl(url) {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost')
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A page whose console errors, page errors and requested URLs are collected. */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions)
  const page = await context.newPage()
  actAsReader(page)
  const record = { errors: [], requests: [] }
  page.on('console', (msg) => {
    if (msg.type() === 'error') record.errors.push(`${msg.text()} @ ${msg.location().url}`)
  })
  page.on('pageerror', (err) => record.errors.push(`pageerror: ${err.message}`))
  page.on('request', (req) => record.requests.push(req.url()))
  const previewTimeline = watchPreviewDocuments(page)
  return { context, page, record, previewTimeline }
}

/** Lines of a page's preview-navigation timeline kept (the newest). */
const TIMELINE_LINES = 30

/**
 * Diagnostics for the rare preview that never starts under CI load: every navigation of a
 * preview frame is timed. A document request left unanswered for 10 s, or a crash, is printed
 * with the page's timeline; the returned function gives the timeline (for a test's own failure
 * message).
 * @param {import('playwright-core').Page} page
 * @returns {() => string}
 */
function watchPreviewDocuments(page) {
  const started = Date.now()
  const lines = []
  const note = (line) => {
    lines.push(`${((Date.now() - started) / 1000).toFixed(2)}s ${line}`)
    if (lines.length > TIMELINE_LINES) lines.shift()
  }
  const timeline = () => lines.join('\n  ')
  const isPreview = (url) => {
    try {
      return PREVIEW_HOST.test(new URL(url).host)
    } catch {
      return false
    }
  }
  const pending = new Set()
  page.on('request', (req) => {
    if (req.resourceType() !== 'document' || !isPreview(req.url())) return
    pending.add(req)
    note(`request ${req.method()} ${req.url()}`)
    // A test that times out may never close its page: say it while it waits.
    setTimeout(() => {
      if (pending.has(req))
        console.error(`[preview documents] unanswered for 10 s\n  ${timeline()}`)
    }, 10_000).unref()
  })
  page.on('response', (res) => {
    if (pending.has(res.request())) note(`response ${res.status()} ${res.url()}`)
  })
  page.on('requestfinished', (req) => {
    if (pending.delete(req)) note(`finished ${req.url()}`)
  })
  page.on('requestfailed', (req) => {
    if (pending.delete(req)) note(`failed ${req.failure()?.errorText ?? '?'} ${req.url()}`)
  })
  page.on('framenavigated', (frame) => {
    if (isPreview(frame.url())) note(`navigated ${frame.url()}`)
  })
  page.on('crash', () => {
    note('page crashed')
    console.error(`[preview documents] ${page.url()}\n  ${timeline()}`)
  })
  return timeline
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** axe-core violations of impact serious or critical, as readable strings. */
export async function seriousA11yViolations(page) {
  await page.addScriptTag({ content: axeSource })
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  )
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
}
