// Before any JavaScript, a playground shows its code line by line and its example already rendered
// (the build-time snapshot made by the live server); with JavaScript, the snapshot gives way to
// the live preview once that has rendered (issue 14).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, openPage } from '../support/browser.mjs'

const FIRST = 'section[data-playground] >> nth=0'

let browser
before(async () => {
  browser = await launch()
})
after(() => browser?.close())

for (const [path, label] of [
  ['/en/forms', 'Send'],
  ['/fr/forms', 'Envoyer'],
  ['/de/forms', 'Absenden'],
]) {
  test(`${path} without JavaScript: the code keeps its lines and the example is rendered`, async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false })
    try {
      await page.goto(`${BASE_URL}${path}`)
      const section = page.locator(FIRST)
      const code = await section.locator('[role="region"] pre').innerText()
      assert.ok(
        code.split('\n').length > 10,
        `the static code shows ${code.split('\n').length} line(s):\n${code.slice(0, 200)}`,
      )
      const snapshot = section.locator('iframe[data-snapshot]')
      assert.equal(await snapshot.count(), 1, 'the preview area has the build-time snapshot')
      assert.equal(
        await snapshot.getAttribute('sandbox'),
        'allow-same-origin',
        'the snapshot frame runs nothing',
      )
      const frame = page.frameLocator(`${FIRST} >> iframe[data-snapshot]`)
      await frame.locator(`button:has-text("${label}")`).waitFor({ timeout: 5_000 })
    } finally {
      await context.close()
    }
  })
}

test('the snapshot frame renders in the page’s own process and runs no script', async () => {
  // Without JavaScript the live preview never replaces the snapshot while its process is looked at.
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  try {
    const answer = await page.goto(`${BASE_URL}/en/forms`)
    assert.equal(answer?.status(), 200)
    const frame = page.frameLocator(`${FIRST} >> iframe[data-snapshot]`)
    await frame.locator('button:has-text("Send")').waitFor({ timeout: 10_000 })
    const src = await page.locator(`${FIRST} >> iframe[data-snapshot]`).getAttribute('src')
    // Opened on its own too, the file is sandboxed: no script, no form, no navigation.
    const policy = (await page.request.get(`${BASE_URL}${src}`)).headers()[
      'content-security-policy'
    ]
    assert.match(policy, /^sandbox allow-same-origin;/)
    assert.match(policy, /default-src 'none'/)
    // An opaque origin made it an out-of-process frame: a renderer started during the page load.
    const cdp = await context.newCDPSession(page)
    try {
      const { targetInfos } = await cdp.send('Target.getTargets')
      const own = targetInfos.filter((t) => t.type === 'iframe' && t.url.includes('/snapshots/'))
      assert.deepEqual(own, [], 'no snapshot frame in a process of its own')
      assert.ok(
        targetInfos.some((t) => t.type === 'page' && t.url.endsWith('/en/forms')),
        'the page is among the targets listed',
      )
    } finally {
      await cdp.detach()
    }
  } finally {
    await context.close()
  }
})

test('with JavaScript the snapshot shows first, then gives way to the live preview', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
  try {
    await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'domcontentloaded' })
    const section = page.locator(FIRST)
    await section.scrollIntoViewIfNeeded()
    assert.equal(await section.locator('iframe[data-snapshot]').count(), 1)
    // The live preview renders, and only then the snapshot leaves.
    const live = page.frameLocator(`${FIRST} >> iframe.sp-preview-iframe`)
    await live.locator('html[data-preview="ready"]').waitFor({ timeout: 45_000 })
    await page.waitForFunction(
      () => {
        const first = document.querySelector('section[data-playground]')
        return first?.dataset.playground === 'live' && !first.querySelector('iframe[data-snapshot]')
      },
      null,
      { timeout: 10_000 },
    )
    await live.locator('button:has-text("Send")').waitFor({ timeout: 5_000 })
  } finally {
    await context.close()
  }
})
