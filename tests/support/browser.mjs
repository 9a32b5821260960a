// Real Chromium through playwright-core, with every request and console error recorded.
import { chromium } from 'playwright-core'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { actAsReader } from './reader.mjs'

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

const PREVIEW_DOCUMENT_SLOW_MS = 5_000

/**
 * Diagnostics for the rare preview frame that never shows a document under CI load: every
 * navigation of a preview frame (`*.preview.*`) is timed. One left unanswered for 10 s, or a
 * crash, is printed with the page's timeline; the returned function gives the timeline (for a
 * test's own failure message).
 * @param {import('playwright-core').Page} page
 * @returns {() => string}
 */
function watchPreviewDocuments(page) {
  const started = Date.now()
  const lines = []
  let odd = false
  const at = () => `${((Date.now() - started) / 1000).toFixed(2)}s`
  const isPreview = (url) => {
    try {
      return new URL(url).hostname.includes('.preview.')
    } catch {
      return false
    }
  }
  const pending = new Map()
  page.on('request', (req) => {
    if (req.resourceType() !== 'document' || !isPreview(req.url())) return
    pending.set(req, Date.now())
    lines.push(`${at()} request ${req.method()} ${req.url()}`)
    // A test that times out may never close its page: say it while it waits.
    setTimeout(() => {
      if (pending.has(req))
        console.error(`[preview documents] unanswered for 10 s\n  ${lines.slice(-30).join('\n  ')}`)
    }, 10_000).unref()
  })
  page.on('response', (res) => {
    if (pending.has(res.request())) lines.push(`${at()} response ${res.status()} ${res.url()}`)
  })
  page.on('requestfinished', (req) => {
    const sent = pending.get(req)
    if (sent === undefined) return
    pending.delete(req)
    lines.push(`${at()} finished ${req.url()}`)
  })
  page.on('requestfailed', (req) => {
    if (!pending.has(req)) return
    pending.delete(req)
    lines.push(`${at()} failed ${req.failure()?.errorText ?? '?'} ${req.url()}`)
  })
  page.on('framenavigated', (frame) => {
    if (isPreview(frame.url())) lines.push(`${at()} navigated ${frame.url()}`)
  })
  page.on('crash', () => {
    odd = true
    lines.push(`${at()} page crashed`)
  })
  page.on('close', () => {
    for (const [req, sent] of pending)
      if (Date.now() - sent > PREVIEW_DOCUMENT_SLOW_MS) {
        odd = true
        lines.push(`${at()} never answered: ${req.url()}`)
      }
    if (odd) console.error(`[preview documents] ${page.url()}\n  ${lines.slice(-30).join('\n  ')}`)
  })
  return () => lines.slice(-30).join('\n  ')
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
