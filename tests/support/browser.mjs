// Real Chromium through playwright-core, with every request and console error recorded.
import { chromium } from 'playwright-core'
import { createRequire } from 'node:module'
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actAsReader } from './reader.mjs'
import { PREVIEW_HOST } from '../../scripts/preview-host.mjs'
import { disableFeatures } from './chromium-flags.mjs'

export const BASE_URL = process.env.TEST_BASE_URL ?? 'http://localhost:3000'
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLocalUrl(url) {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost')
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  disableFeatures(),
]

/** Bytes of Chromium's own log read back when it exits on its own. */
const CHROMIUM_LOG_TAIL = 8_000

/**
 * Debian's Chromium, through a handle that launches a new one if the last exited on its own:
 * a browser crash then fails only the test it happened in, and its log says why.
 * @returns {Promise<{ newContext: import('playwright-core').Browser['newContext'], close: () => Promise<void> }>}
 */
export async function launch() {
  const logDir = mkdtempSync(join(tmpdir(), 'chromium-log-'))
  let closing = false
  let launches = 0
  const start = async () => {
    const logFile = join(logDir, `${++launches}.log`)
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Warnings and worse go to a file: the only trace a crashed browser leaves.
      args: [...CHROMIUM_ARGS, '--enable-logging', `--log-file=${logFile}`, '--log-level=1'],
    })
    browser.on('disconnected', () => {
      if (!closing)
        console.error(
          `[chromium] exited on its own; a new one is launched for the next test. ` +
            `End of its log (${logFile}):\n${logTail(logFile)}`,
        )
    })
    return browser
  }
  let current = await start()
  return {
    newContext: async (options) => {
      if (!current.isConnected()) current = await start()
      return current.newContext(options)
    },
    close: async () => {
      closing = true
      await current.close()
      rmSync(logDir, { recursive: true, force: true })
    },
  }
}

/** The last lines of a Chromium log, without the D-Bus noise of a machine with no bus. */
function logTail(file) {
  try {
    const size = statSync(file).size
    const fd = openSync(file, 'r')
    const buf = Buffer.alloc(Math.min(size, CHROMIUM_LOG_TAIL))
    readSync(fd, buf, 0, buf.length, size - buf.length)
    closeSync(fd)
    return buf
      .toString('utf8')
      .split('\n')
      .filter((line) => line && !line.includes('dbus'))
      .slice(-30)
      .join('\n')
  } catch (err) {
    return `(no log: ${err.message})`
  }
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

/**
 * On the next load, picks `value` in the first `select[aria-label=label]` just as React starts to
 * hydrate: React listens on its root before hydrating, so the change is held, the root hydrated at
 * once, and the change replayed to the handler after the component's mount effects ran.
 */
export async function pickWhileHydrating(page, label, value) {
  await page.addInitScript(
    ([label, value]) => {
      const add = EventTarget.prototype.addEventListener
      EventTarget.prototype.addEventListener = function (type, ...rest) {
        add.call(this, type, ...rest)
        if (type !== 'change' || this !== document.getElementById('__next')) return
        EventTarget.prototype.addEventListener = add
        queueMicrotask(() => {
          const select = document.querySelector(`select[aria-label="${label}"]`)
          select.value = value
          select.dispatchEvent(new Event('change', { bubbles: true }))
        })
      }
    },
    [label, value],
  )
}

/**
 * Replaces the open file's text in a playground's editor, as a reader pasting would, then brings
 * the preview back on screen: typing scrolls the page to the cursor, Chromium stops painting an
 * off-screen cross-origin frame once it notices, and a Playwright click in it then waits for
 * animation frames that never come (30 s, then a failure). A reader looks before clicking.
 * @param {import('playwright-core').Locator} section the playground's `section[data-playground]`
 * @param {string} text
 */
export async function pasteIntoEditor(section, text) {
  await section.locator('.cm-content').click()
  await section.page().keyboard.press('ControlOrMeta+A')
  await section.page().keyboard.insertText(text)
  await section.locator('iframe.sp-preview-iframe').scrollIntoViewIfNeeded()
}
