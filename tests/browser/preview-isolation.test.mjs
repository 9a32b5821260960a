// Every preview is isolated from the others and from the docs page (issue 19): its own origin
// and live server session, permissions the site owns, no modals, popups, downloads or history
// traps, and every message it sends treated as hostile. Code "in the preview" is run with
// frame.evaluate: the same main world, with the same powers, as a reader's playground code.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'

const PLAYGROUND = 'section[data-playground]'
const PREVIEW = `${PLAYGROUND} iframe.sp-preview-iframe`
const SESSION_URL = /\/api\/live\/([A-Za-z0-9_-]{24})\//

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(check, { timeout = 30_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    try {
      last = await check()
      if (last) return last
    } catch (error) {
      last = error
    }
    await sleep(interval)
  }
  throw new Error(
    `timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  )
}

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** The playwright Frame of the n-th preview of the page, once its first render is done (some
 * examples end on an error on purpose). */
async function previewFrame(page, n = 0) {
  await page.locator(PLAYGROUND).nth(n).scrollIntoViewIfNeeded()
  const element = page.locator(PREVIEW).nth(n)
  await element.waitFor({ timeout: 30_000 })
  const frame = await waitFor(async () => (await element.elementHandle())?.contentFrame(), {
    message: `preview ${n}`,
  })
  await waitFor(
    async () =>
      ['ready', 'error'].includes(
        await frame.evaluate(() => document.documentElement.dataset.preview),
      ),
    { message: `preview ${n} to be ready` },
  )
  return frame
}

/** The live server session a preview uses, from its own resource timing entries. */
function sessionOf(frame) {
  return waitFor(
    () =>
      frame.evaluate((pattern) => {
        const re = new RegExp(pattern)
        for (const entry of performance.getEntriesByType('resource')) {
          const match = re.exec(entry.name)
          if (match) return match[1]
        }
        return null
      }, SESSION_URL.source),
    { message: 'the preview session' },
  )
}

async function open(path, contextOptions) {
  const opened = await openPage(browser, contextOptions)
  await opened.page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
  return opened
}

describe('preview isolation', () => {
  test('a sibling preview cannot read another preview, its storage, channels or session', async () => {
    const { context, page } = await open('/en/forms')
    try {
      const first = await previewFrame(page, 0)
      const second = await previewFrame(page, 1)
      const [origin0, origin1] = [
        await first.evaluate(() => location.origin),
        await second.evaluate(() => location.origin),
      ]
      const session1 = await sessionOf(second)
      const stolen = await first.evaluate(
        async ({ session, origin }) => {
          const attempt = async (url, init) => {
            try {
              const r = await fetch(url, init)
              return `${r.status}`
            } catch (error) {
              return `blocked ${error.name}`
            }
          }
          return {
            sameOrigin: await attempt(`/api/live/${session}/render?path=/`),
            theirOrigin: await attempt(`${origin}/api/live/${session}/render?path=/`),
            redeploy: await attempt(`/api/live/${session}/files`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ files: { 'app/page.tsx': 'export default () => null' } }),
            }),
          }
        },
        { session: session1, origin: origin1 },
      )
      assert.equal(stolen.sameOrigin, '404', "another session is unknown on this preview's origin")
      assert.match(stolen.theirOrigin, /^blocked TypeError/, 'CORS keeps the answer unread')
      assert.equal(stolen.redeploy, '404')
      const reads = await first.evaluate(() => {
        const out = []
        for (let i = 0; i < parent.frames.length; i++) {
          if (parent.frames[i] === window) continue
          try {
            out.push(`read ${parent.frames[i].document.title}`)
          } catch (error) {
            out.push(`blocked ${error.name}`)
          }
        }
        return out
      })
      assert.ok(reads.length >= 1)
      for (const read of reads) assert.match(read, /^blocked SecurityError/)

      // Chromium may deny storage to a frame of another site altogether; shared it must never be.
      await second.evaluate(() => {
        try {
          localStorage.setItem('secret', 'from the second preview')
        } catch {}
      })
      const read = await first.evaluate(() => {
        try {
          return localStorage.getItem('secret')
        } catch (error) {
          return `denied ${error.name}`
        }
      })
      assert.notEqual(read, 'from the second preview')

      await second.evaluate(() => {
        window.__heard = []
        new BroadcastChannel('playgrounds').onmessage = (e) => window.__heard.push(e.data)
      })
      await first.evaluate(() => new BroadcastChannel('playgrounds').postMessage('hello'))
      await sleep(300)
      assert.deepEqual(await second.evaluate(() => window.__heard), [])

      assert.notEqual(origin0, origin1, 'each preview has its own origin')
      assert.match(origin0, /^http:\/\/[a-z2-7]{16}\.preview\.localhost:\d+$/)

      // The second preview still runs its own files.
      assert.notEqual(await second.evaluate(() => document.documentElement.dataset.preview), 'busy')
    } finally {
      await context.close()
    }
  })

  test('the site owns the frame: no permissions, even after the preview reloads itself', async () => {
    const { context, page } = await open('/en/intro')
    try {
      await context.grantPermissions(['geolocation', 'camera', 'microphone'], { origin: BASE_URL })
      await context.setGeolocation({ latitude: 48.8566, longitude: 2.3522 })
      const frame = await previewFrame(page)
      await Promise.all([
        frame.waitForNavigation({ waitUntil: 'load' }),
        frame.evaluate(() => void setTimeout(() => location.reload(), 50)),
      ])
      const probe = await frame.evaluate(async () => {
        const policy = document.featurePolicy
        const allowed = ['geolocation', 'camera', 'microphone'].filter((f) =>
          policy?.allowsFeature(f),
        )
        const position = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve('no answer'), 5000)
          navigator.geolocation.getCurrentPosition(
            (p) => {
              clearTimeout(timer)
              resolve(`position ${p.coords.latitude}`)
            },
            (e) => {
              clearTimeout(timer)
              resolve(`denied ${e.code}`)
            },
          )
        })
        let camera
        try {
          const stream = await navigator.mediaDevices.getUserMedia({ video: true })
          camera = `granted ${stream.getTracks().length}`
        } catch (error) {
          camera = `denied ${error.name}`
        }
        return { allowed, position, camera }
      })
      assert.deepEqual(probe.allowed, [])
      assert.match(probe.position, /^denied/)
      assert.match(probe.camera, /^denied/)
      const element = page.locator(PREVIEW).first()
      assert.equal(await element.getAttribute('allow'), '')
      assert.deepEqual((await element.getAttribute('sandbox')).split(/\s+/).sort(), [
        'allow-forms',
        'allow-same-origin',
        'allow-scripts',
      ])
      const csp = await frame.evaluate(async () =>
        (await fetch(location.href)).headers.get('content-security-policy'),
      )
      assert.match(csp, /connect-src 'self'/)
      assert.match(csp, /frame-ancestors [^;]*localhost/)
    } finally {
      await context.close()
    }
  })

  test('alert, popups, downloads, top navigation and history spam are blocked', async () => {
    const { context, page } = await open('/en/intro')
    try {
      const frame = await previewFrame(page)
      let dialogs = 0
      page.on('dialog', (dialog) => {
        dialogs++
        void dialog.dismiss()
      })
      let popups = 0
      context.on('page', () => popups++)
      let downloads = 0
      page.on('download', () => downloads++)
      const historyBefore = await page.evaluate(() => history.length)
      const docsUrl = page.url()

      const results = await frame.evaluate(() => {
        const out = {}
        alert('alert')
        out.confirm = confirm('confirm')
        out.prompt = prompt('prompt')
        out.open = window.open('/popup') === null ? 'blocked' : 'opened'
        const link = document.createElement('a')
        link.href = URL.createObjectURL(new Blob(['payload'], { type: 'text/plain' }))
        link.download = 'payload.txt'
        document.body.append(link)
        link.click()
        try {
          top.location.href = '/en/forms'
          out.top = 'navigated'
        } catch (error) {
          out.top = `blocked ${error.name}`
        }
        for (let i = 0; i < 50; i++) history.pushState({}, '', `?spam=${i}`)
        history.back()
        return out
      })
      await sleep(1500)
      assert.equal(dialogs, 0, 'no dialog opened')
      assert.equal(results.confirm, false)
      assert.equal(results.prompt, null)
      assert.equal(results.open, 'blocked')
      assert.equal(popups, 0, 'no popup')
      assert.equal(downloads, 0, 'no download')
      assert.equal(page.url(), docsUrl, 'the docs page did not move')
      assert.equal(await page.evaluate(() => history.length), historyBefore, 'Back is not trapped')
    } finally {
      await context.close()
    }
  })

  test('a console flood keeps the docs page answering within 100 ms', async (t) => {
    // The flood lasts 60 s; 10 s by default here: the guard's console queue is full after
    // its first 250 ms, and from then on every second costs the docs page the same (each message
    // is refused at O(1), one bounded batch is shown per flush). TEST_FLOOD_MS=60000 runs it all.
    const floodMs = Number(process.env.TEST_FLOOD_MS) || 10_000
    const { context, page } = await open('/en/intro')
    try {
      const frame = await previewFrame(page)
      // Lag of the docs page's event loop, measured inside it: a 50 ms timer that fires late by
      // how long the page was busy. (Round trips from the test would also time the flood of
      // console events Chromium sends to the test driver, which is not the docs page's work.)
      await page.evaluate(() => {
        window.__lags = []
        let last = performance.now()
        window.__lagTimer = setInterval(() => {
          const now = performance.now()
          window.__lags.push(now - last - 50)
          last = now
        }, 50)
      })
      await frame.evaluate((ms) => {
        const end = Date.now() + ms
        const timer = setInterval(() => {
          if (Date.now() > end) return clearInterval(timer)
          for (let i = 0; i < 50; i++) console.log('flood', i)
        }, 10)
      }, floodMs)
      await sleep(floodMs + 500)
      const delays = await page.evaluate(() => {
        clearInterval(window.__lagTimer)
        return window.__lags
      })
      delays.sort((a, b) => a - b)
      const at = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]
      const summary = `${delays.length} probes over ${floodMs / 1000} s: event loop lag median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${delays.at(-1).toFixed(1)} ms`
      t.diagnostic(summary)
      assert.ok(delays.length >= (floodMs / 50) * 0.8, `the page kept its timers: ${summary}`)
      assert.ok(at(0.95) <= 100, summary)
      assert.ok(at(0.5) <= 50, summary)
      const console = page.locator(`${PLAYGROUND} [role="tabpanel"][data-panel="browserConsole"]`)
      await waitFor(async () => /console messages dropped/.test(await console.innerText()), {
        message: 'the "messages dropped" marker',
      })
    } finally {
      await context.close()
    }
  })

  test('forged messages show nothing', async () => {
    const { context, page } = await open('/en/intro')
    try {
      const frame = await previewFrame(page)
      // Learn the channel id the way playground code can: from the editor's next message.
      await frame.evaluate(() => {
        window.__registered = 0
        addEventListener('message', (event) => {
          if (event.data?.$id !== undefined) window.__channel = event.data.$id
          if (event.data?.type === 'register-frame') window.__registered++
        })
      })
      await page.locator(`${PLAYGROUND} .cm-content`).click()
      await page.keyboard.press('ControlOrMeta+End')
      await page.keyboard.type(' ')
      const channel = await waitFor(() => frame.evaluate(() => window.__channel), {
        message: 'a message from the editor',
      })
      await frame.evaluate((id) => {
        const forge = (message) => parent.postMessage({ codesandbox: true, ...message }, '*')
        forge({ type: 'initialized' })
        forge({
          type: 'console',
          $id: id,
          log: [{ method: 'evil', id: 'forged-1', data: ['FORGED-CONSOLE'] }],
        })
        forge({ type: 'console', $id: id, log: 'FORGED-CONSOLE' })
        forge({
          type: 'live/network',
          $id: id,
          entry: {
            seq: 999,
            actionId: '7f'.padEnd(42, '0'),
            action: 'FORGED-NETWORK',
            method: 'POST',
            url: '/api/live/x/action',
            requestHeaders: {},
            requestBody: 'FORGED-BODY',
            status: 200,
            responseHeaders: {},
            durationMs: 1,
          },
        })
        forge({
          type: 'live/logs',
          $id: id,
          session: 'A'.repeat(24),
          entries: [{ seq: 999, level: 'log', text: 'FORGED-SERVER-LOG' }],
        })
        forge({ type: 'live/cookies', $id: id, cookies: 'forged=FORGED-COOKIE' })
        // From a window that is not the registered preview (a frame the preview made).
        const nested = document.createElement('iframe')
        document.body.append(nested)
        nested.contentWindow.eval(
          `top.postMessage({ codesandbox: true, type: 'console', $id: ${id}, log: [{ method: 'log', id: 'forged-2', data: ['FORGED-NESTED'] }] }, '*')`,
        )
      }, channel)
      await sleep(1500)
      const panels = await page
        .locator(`${PLAYGROUND} [role="tabpanel"][data-panel]`)
        .evaluateAll((nodes) => nodes.map((n) => n.textContent).join('\n'))
      assert.doesNotMatch(panels, /FORGED/)
      assert.equal(
        await frame.evaluate(() => window.__registered),
        0,
        'a second `initialized` registers nothing',
      )
    } finally {
      await context.close()
    }
  })

  test('the network panel shows what the server received, even when the preview rewrites fetch', async () => {
    const { context, page } = await open('/en/intro')
    try {
      const frame = await previewFrame(page)
      await frame.evaluate(() => {
        const original = window.fetch
        window.fetch = (url, init = {}) => {
          if (String(url).endsWith('/action')) {
            // The panel entry is already built: change the body, and send one more call unseen.
            void original(url, { ...init, body: '["extra"]' })
            return original(url, { ...init, body: '["rewritten"]' })
          }
          return original(url, init)
        }
      })
      await waitFor(
        async () => {
          await frame.getByRole('button', { name: 'string', exact: true }).click()
          await sleep(300)
          return (await frame.locator('output').textContent()).includes('rewritten')
        },
        { message: 'the rewritten call to be answered' },
      )
      await page.locator(`${PLAYGROUND} [role="tab"][data-panel="network"]`).click()
      const network = page.locator(`${PLAYGROUND} [role="tabpanel"][data-panel="network"]`)
      const text = await waitFor(
        async () => {
          const shown = await network.evaluate((n) => n.textContent)
          return shown.includes('["extra"]') && shown.includes('["rewritten"]') ? shown : false
        },
        { message: 'both calls as the server received them' },
      )
      assert.doesNotMatch(text, /\["hello"\]/, 'the body the server never received')
    } finally {
      await context.close()
    }
  })
})
