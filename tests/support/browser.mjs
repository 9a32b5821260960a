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
  return { context, page, record }
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
