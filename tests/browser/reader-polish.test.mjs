// The playground and the site as a new reader meets them (issue 13, items 1, 2, 4, 5, 8, 9): the
// preview follows the site's light/dark mode with readable contrast, code has room at 1280 px,
// errors point at the reader's line, the reset question and tab rows survive narrow screens, the
// site's chrome speaks the page's language, and the home page shows a live playground first.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  BASE_URL,
  launch,
  openPage,
  pasteIntoEditor,
  pickWhileHydrating,
} from '../support/browser.mjs'
import { allPages, ROOT } from '../../scripts/site-pages.mjs'

const PLAYGROUND = 'section[data-playground]'
const PREVIEW = 'iframe.sp-preview-iframe'
const messages = (locale) =>
  JSON.parse(readFileSync(join(ROOT, 'locales', `${locale}.json`), 'utf8'))

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function waitFor(check, { timeout = 20_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    try {
      last = await check()
      if (last) return last
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, interval))
  }
  throw new Error(
    `timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  )
}

/** WCAG contrast ratio of two [r, g, b] colours (0–255). */
function contrast(a, b) {
  const lum = ([r, g, bl]) => {
    const c = [r, g, bl].map((v) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const rgb = (css) =>
  css
    .match(/[\d.]+/g)
    .slice(0, 3)
    .map(Number)

/** Colours of what is painted: one pixel of a screenshot, read back through a canvas. */
async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } })
  return page.evaluate(async (b64) => {
    const image = new Image()
    image.src = `data:image/png;base64,${b64}`
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 1
    const context = canvas.getContext('2d')
    context.drawImage(image, 0, 0)
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)]
  }, png.toString('base64'))
}

/** Opens a page with a theme ("light", "dark" or "system") stored as next-themes keeps it. */
async function openThemed(path, { theme, colorScheme, viewport } = {}) {
  const opened = await openPage(browser, {
    colorScheme,
    viewport: viewport ?? { width: 1280, height: 800 },
  })
  if (theme)
    await opened.context.addInitScript((value) => localStorage.setItem('theme', value), theme)
  await opened.page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
  return opened
}

async function bootPreview(page) {
  await page.locator(PLAYGROUND).first().scrollIntoViewIfNeeded()
  const frame = page.frameLocator(`${PLAYGROUND} ${PREVIEW}`).first()
  await frame.locator('h2').first().waitFor({ timeout: 45_000 })
  return frame
}

/** The preview's text colour against the colour painted beside the text, for h2 and p. */
async function previewContrast(page) {
  const iframe = page.locator(`${PLAYGROUND} ${PREVIEW}`).first()
  await iframe.scrollIntoViewIfNeeded()
  const box = await iframe.boundingBox()
  const frame = page.frameLocator(`${PLAYGROUND} ${PREVIEW}`).first()
  const results = []
  for (const selector of ['h2', 'p']) {
    const element = frame.locator(selector).first()
    const color = rgb(await element.evaluate((el) => getComputedStyle(el).color))
    const inner = await element.boundingBox()
    // Right end of the block, past its text: only the background is painted there.
    const background = await pixel(
      page,
      Math.min(box.x + box.width - 4, inner.x + inner.width - 3),
      inner.y + inner.height / 2,
    )
    results.push({ selector, color, background, ratio: contrast(color, background) })
  }
  return results
}

/** Waits until the preview paints the site's mode: a dark or a light background behind its text. */
async function waitForScheme(page, dark) {
  await waitFor(
    async () => {
      const results = await previewContrast(page)
      const ok = results.every((r) => r.background.reduce((s, v) => s + v, 0) / 3 < 128 === dark)
      if (!ok)
        throw new Error(results.map((r) => `${r.selector} on rgb(${r.background})`).join(', '))
      return true
    },
    { message: `a ${dark ? 'dark' : 'light'} preview background`, interval: 300 },
  )
}

describe('dark mode: the preview follows the site theme', () => {
  const cases = [
    { name: 'system dark, theme "system"', colorScheme: 'dark', theme: 'system', dark: true },
    { name: 'system light, theme "dark"', colorScheme: 'light', theme: 'dark', dark: true },
    { name: 'system dark, theme "light"', colorScheme: 'dark', theme: 'light', dark: false },
    { name: 'system light, theme "light"', colorScheme: 'light', theme: 'light', dark: false },
  ]
  for (const c of cases)
    test(`${c.name}: preview text has AA contrast and the ${c.dark ? 'dark' : 'light'} scheme`, async () => {
      const { context, page } = await openThemed('/en/intro', c)
      try {
        const frame = await bootPreview(page)
        await waitForScheme(page, c.dark)
        for (const r of await previewContrast(page))
          assert.ok(
            r.ratio >= 4.5,
            `${r.selector}: rgb(${r.color}) on rgb(${r.background}) is ${r.ratio.toFixed(2)}:1`,
          )
        // Form controls and scrollbars follow too.
        const scheme = await frame
          .locator('html')
          .evaluate((el) => getComputedStyle(el).colorScheme)
        assert.equal(scheme, c.dark ? 'dark' : 'light')
      } finally {
        await context.close()
      }
    })

  test('a change while open (system turns dark, then the reader picks light)', async () => {
    const { context, page } = await openThemed('/en/intro', {
      colorScheme: 'light',
      theme: 'system',
    })
    try {
      await bootPreview(page)
      await page.emulateMedia({ colorScheme: 'dark' })
      await waitForScheme(page, true)
      for (const r of await previewContrast(page))
        assert.ok(r.ratio >= 4.5, `dark: ${r.selector} ${r.ratio.toFixed(2)}:1`)
      await page.evaluate(() => {
        localStorage.setItem('theme', 'light')
        window.dispatchEvent(new StorageEvent('storage', { key: 'theme', newValue: 'light' }))
      })
      await waitForScheme(page, false)
      for (const r of await previewContrast(page))
        assert.ok(r.ratio >= 4.5, `light: ${r.selector} ${r.ratio.toFixed(2)}:1`)
    } finally {
      await context.close()
    }
  })
})

/** Lines of the shown file cut at the editor's right edge, scrolling the editor top to bottom. */
function cutLines(section) {
  return section.evaluate(async (root) => {
    const scroller = root.querySelector('.cm-scroller')
    const cut = []
    if (!scroller) return ['no editor']
    if (scroller.scrollWidth > scroller.clientWidth + 1)
      cut.push(`scrolls sideways: ${scroller.scrollWidth} > ${scroller.clientWidth}`)
    const right = scroller.getBoundingClientRect().right
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      for (const line of root.querySelectorAll('.cm-line')) {
        const range = document.createRange()
        range.selectNodeContents(line)
        const rects = [...range.getClientRects()]
        if (rects.some((r) => r.right > right + 0.5)) cut.push(line.textContent.slice(0, 80))
      }
      if (top + scroller.clientHeight >= scroller.scrollHeight) break
    }
    scroller.scrollTop = 0
    return [...new Set(cut)]
  })
}

describe('code room', () => {
  test('at 1280 px no editor line of any playground, page or locale is cut off; line numbers show', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 800 } })
    // Only the editors matter here: the previews stay off (no live sessions, less CPU).
    await context.route(/\.preview\./, (route) => route.abort())
    const problems = []
    let editors = 0
    try {
      for (const { path } of allPages()) {
        await page.goto(`${BASE_URL}${path}`, { waitUntil: 'load' })
        const sections = page.locator(PLAYGROUND)
        const count = await sections.count()
        for (let i = 0; i < count; i++) {
          const section = sections.nth(i)
          await section.scrollIntoViewIfNeeded()
          await section.locator('.cm-content').waitFor({ timeout: 30_000 })
          if (!(await section.locator('.cm-lineNumbers').count()))
            problems.push(`${path} #${i}: no line numbers`)
          const tabs = section.locator('[role="tab"][data-path]')
          for (let t = 0; t < (await tabs.count()); t++) {
            const file = await tabs.nth(t).getAttribute('data-path')
            await tabs.nth(t).click()
            await waitFor(async () => (await tabs.nth(t).getAttribute('aria-selected')) === 'true')
            editors++
            for (const line of await cutLines(section))
              problems.push(`${path} #${i} ${file}: ${line}`)
          }
        }
      }
    } finally {
      await context.close()
    }
    assert.ok(editors > 20, `checked ${editors} files`)
    assert.deepEqual(problems.slice(0, 15), [], `${problems.length} cut lines`)
  })

  test('at 375 px the editor sits above the preview, full width, and is tall enough to read', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 375, height: 740 } })
    await context.route(/\.preview\./, (route) => route.abort())
    try {
      await page.goto(`${BASE_URL}/en/forms`, { waitUntil: 'load' })
      const section = page.locator(PLAYGROUND).first()
      await section.scrollIntoViewIfNeeded()
      await section.locator('.cm-content').waitFor({ timeout: 30_000 })
      const editor = await section.locator('.cm-scroller').boundingBox()
      const preview = await section.locator(PREVIEW).boundingBox()
      assert.ok(editor.y + editor.height <= preview.y + 1, 'editor above preview')
      assert.ok(editor.height >= 240, `editor ${editor.height}px tall`)
      assert.ok(editor.width >= 300, `editor ${editor.width}px wide`)
      assert.deepEqual(await cutLines(section), [])
    } finally {
      await context.close()
    }
  })
})

/** Replaces a file's text in the first playground's editor, as a reader pasting would. */
async function replaceFile(page, path, text) {
  const section = page.locator(PLAYGROUND).first()
  await section.locator(`[role="tab"][data-path="/${path}"]`).click()
  await pasteIntoEditor(section, text)
}

describe('errors point', () => {
  test('the overlay shows a code frame, the editor marks the line, a click jumps to it', async () => {
    const { context, page } = await openThemed('/en/intro', { colorScheme: 'light' })
    try {
      await bootPreview(page)
      const section = page.locator(PLAYGROUND).first()
      const broken = [
        "'use client'",
        '',
        'export default function Page() {',
        '  const answer = 42',
        '  return <main><h2>{answer}</h2></main>',
        '  }}',
        '}',
      ].join('\n')
      await replaceFile(page, 'app/page.tsx', broken)
      const alert = section.locator('[role="alert"]')
      await waitFor(async () => /app\/page\.tsx:6:\d+/.test(await alert.innerText()), {
        message: 'overlay with app/page.tsx:6',
        timeout: 30_000,
      })
      const frame = alert.locator('[data-code-frame]')
      await frame.waitFor({ timeout: 5000 })
      const frameText = await frame.innerText()
      assert.match(frameText, />\s*6 \|\s+\}\}/, frameText)
      assert.match(frameText, /\^/, 'a caret under the column')
      const marked = section.locator('.cm-errorLine')
      await waitFor(async () => (await marked.count()) === 1, { message: 'marked line' })
      assert.equal((await marked.innerText()).trim(), '}}')

      // From another file, the frame opens app/page.tsx at line 6 with the cursor there.
      await section.locator('[role="tab"][data-path="/app/actions.ts"]').click()
      await waitFor(async () => (await section.locator('.cm-errorLine').count()) === 0)
      await frame.click()
      await waitFor(
        async () =>
          (await section
            .locator('[role="tab"][data-path="/app/page.tsx"]')
            .getAttribute('aria-selected')) === 'true',
        { message: 'page tab selected' },
      )
      await waitFor(
        async () =>
          (await section.locator('.cm-focused .cm-activeLine').innerText()).trim() === '}}',
        { message: 'cursor on line 6' },
      )
      assert.equal(await section.locator('.cm-errorLine').count(), 1)
    } finally {
      await context.close()
    }
  })

  test("the browser console maps stacks to the reader's files and keeps React's messages", async () => {
    const { context, page } = await openThemed('/en/intro', { colorScheme: 'light' })
    try {
      const preview = await bootPreview(page)
      const section = page.locator(PLAYGROUND).first()
      const source = [
        "'use client'",
        "import { useState } from 'react'",
        '',
        'function Boom(): never {',
        "  throw new Error('boom while rendering')",
        '}',
        '',
        'export default function Page() {',
        '  const [broken, setBroken] = useState(false)',
        '  function fail() {',
        "    console.error(new Error('boom from a handler'))",
        '  }',
        '  return (',
        '    <main>',
        '      <h2>Errors</h2>',
        '      <button onClick={fail}>log</button>',
        '      <button onClick={() => setBroken(true)}>break</button>',
        '      {broken && <Boom />}',
        '    </main>',
        '  )',
        '}',
      ].join('\n')
      await replaceFile(page, 'app/page.tsx', source)
      await preview.getByRole('button', { name: 'log', exact: true }).click()
      await section.locator('[role="tab"][data-panel="browserConsole"]').click()
      const panel = section.locator('[role="tabpanel"][data-panel="browserConsole"]')
      const logged = await waitFor(
        async () => {
          const text = await panel.innerText()
          return text.includes('boom from a handler') ? text : false
        },
        { message: 'the handler error in the console' },
      )
      assert.match(logged, /at fail \(app\/page\.tsx:11:\d+\)/, logged)
      assert.doesNotMatch(logged, /runtime\.js:\d+/, logged)

      await preview.getByRole('button', { name: 'break', exact: true }).click()
      const rendered = await waitFor(
        async () => {
          const text = await panel.innerText()
          return text.includes('boom while rendering') ? text : false
        },
        { message: 'the render error in the console' },
      )
      assert.match(rendered, /at Boom \(app\/page\.tsx:5:\d+\)/, rendered)
      // React's own words, whole: the component and what React does next.
      assert.match(rendered, /The above error occurred in the <Boom> component/, rendered)
      // …naming the preview's boundary, not a minified identifier.
      assert.doesNotMatch(rendered, /error boundary you provided, [A-Za-z_$]{1,3}\./, rendered)
      assert.doesNotMatch(rendered, /runtime\.js:\d+/, rendered)
    } finally {
      await context.close()
    }
  })
})

describe('toolbar', () => {
  for (const width of [1280, 375])
    test(`the reset question at ${width} px keeps the tabs whole and every button on screen`, async () => {
      const { context, page } = await openThemed('/fr/forms', {
        colorScheme: 'light',
        viewport: { width, height: 800 },
      })
      await context.route(/\.preview\./, (route) => route.abort())
      try {
        const section = page.locator(PLAYGROUND).first()
        await section.scrollIntoViewIfNeeded()
        await section.locator('.cm-content').waitFor({ timeout: 30_000 })
        const t = messages('fr').playground
        // Which file tabs are fully visible in their row (the row may scroll on a phone).
        const shownTabs = () =>
          section
            .locator('[role="tablist"]')
            .first()
            .evaluate((list) => {
              const row = list.getBoundingClientRect()
              return [...list.querySelectorAll('[role="tab"]')]
                .filter((tab) => {
                  const box = tab.getBoundingClientRect()
                  return box.left >= row.left - 0.5 && box.right <= row.right + 0.5
                })
                .map((tab) => tab.textContent)
            })
        const before = await shownTabs()
        assert.ok(before.length >= 1, 'a file tab shows')
        await section.getByRole('button', { name: t.reset, exact: true }).click()
        const question = section.getByText(t.resetQuestion, { exact: true })
        await question.waitFor({ timeout: 5000 })
        assert.ok(await question.isVisible(), 'the question is visible')
        const sectionBox = await section.boundingBox()
        for (const name of [t.resetConfirm, t.resetCancel, t.resetQuestion]) {
          const box = await section.getByText(name, { exact: true }).boundingBox()
          assert.ok(
            box.x >= sectionBox.x - 0.5 &&
              box.x + box.width <= sectionBox.x + sectionBox.width + 0.5,
            `"${name}" inside the playground (${box.x}+${box.width} vs ${sectionBox.width})`,
          )
          assert.ok(box.x + box.width <= width, `"${name}" on screen`)
        }
        assert.deepEqual(await shownTabs(), before, 'the file tabs stay whole while it is asked')
        await section.getByRole('button', { name: t.resetCancel, exact: true }).click()
        await section.getByRole('button', { name: t.reset, exact: true }).waitFor()
      } finally {
        await context.close()
      }
    })

  test('at 375 px the file and panel tabs show that more hide off-screen', async () => {
    const { context, page } = await openThemed('/en/forms', {
      colorScheme: 'light',
      viewport: { width: 375, height: 800 },
    })
    await context.route(/\.preview\./, (route) => route.abort())
    try {
      const sections = page.locator(PLAYGROUND)
      let checked = 0
      for (let i = 0; i < (await sections.count()); i++) {
        const section = sections.nth(i)
        await section.scrollIntoViewIfNeeded()
        await section.locator('.cm-content').waitFor({ timeout: 30_000 })
        for (const list of await section.locator('[role="tablist"]').all()) {
          const state = await waitFor(() =>
            list.evaluate((el) => ({
              overflows: el.scrollWidth > el.clientWidth + 1,
              hint: el.dataset.overflow ?? null,
              mask: getComputedStyle(el).maskImage,
            })),
          )
          if (!state.overflows) continue
          checked++
          assert.match(String(state.hint), /end/, 'data-overflow says more tabs follow')
          assert.notEqual(state.mask, 'none', 'the hidden edge fades')
          // Scrolled to the end, the hint moves to the start.
          await list.evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
          await waitFor(async () => (await list.getAttribute('data-overflow')) === 'start')
        }
      }
      assert.ok(checked >= 2, `${checked} overflowing tab rows checked`)
    } finally {
      await context.close()
    }
  })
})

const NEXTRA_ENGLISH = [
  'Change language',
  'Change theme',
  'Hide sidebar',
  'Show sidebar',
  'Copy code',
  'Toggle word wrap',
  'Permalink for this section',
  'Open in CodeSandbox',
]

describe('site chrome', () => {
  for (const locale of ['fr', 'de'])
    test(`${locale}: no Nextra or Sandpack English label in titles and aria-labels`, async () => {
      const { context, page } = await openThemed(`/${locale}/intro`, { colorScheme: 'light' })
      try {
        await page.locator(PLAYGROUND).first().scrollIntoViewIfNeeded()
        await page.locator(`${PLAYGROUND} .cm-content`).first().waitFor({ timeout: 30_000 })
        const labels = () =>
          page.evaluate(() =>
            [...document.querySelectorAll('[title],[aria-label]')].flatMap((el) => [
              el.getAttribute('title'),
              el.getAttribute('aria-label'),
            ]),
          )
        const english = (await labels()).filter((l) => NEXTRA_ENGLISH.includes(l))
        assert.deepEqual(english, [])
        const chrome = messages(locale).chrome
        for (const key of ['changeLanguage', 'changeTheme', 'copyCode', 'permalink'])
          assert.ok((await labels()).includes(chrome[key]), `${key} localized`)
        // The sidebar button renders its title again on every click.
        const toggle = page.locator(`[title="${chrome.hideSidebar}"]`)
        await toggle.click()
        await waitFor(async () => (await labels()).includes(chrome.showSidebar), {
          message: 'show sidebar, localized',
        })
        assert.deepEqual(
          (await labels()).filter((l) => NEXTRA_ENGLISH.includes(l)),
          [],
        )
      } finally {
        await context.close()
      }
    })

  test('locale and theme switches are native selects: the stored theme shows, a choice applies', async () => {
    const chrome = messages('fr').chrome
    const theme = messages('fr').theme
    const { context, page } = await openThemed('/fr/intro', { theme: 'dark', colorScheme: 'light' })
    try {
      const themeSelects = page.locator(`select[aria-label="${chrome.changeTheme}"]`)
      const localeSelects = page.locator(`select[aria-label="${chrome.changeLanguage}"]`)
      // Sidebar and footer. React does not correct a select when hydrating: the stored theme must
      // still reach both (components/site/SiteSwitches.tsx).
      assert.equal(await themeSelects.count(), 2)
      await waitFor(
        async () =>
          (await themeSelects.evaluateAll((s) => s.map((e) => e.value))).join() === 'dark,dark',
        { message: 'both theme selects show the stored dark theme' },
      )
      assert.equal(
        await themeSelects.first().evaluate((s) => s.selectedOptions[0].textContent),
        theme.themeDark,
      )
      assert.deepEqual(await localeSelects.evaluateAll((s) => s.map((e) => e.value)), ['fr', 'fr'])
      // Nextra's listboxes are gone: they cost every page load a re-render inside hydration.
      assert.equal(await page.locator('[id^="headlessui-listbox"]').count(), 0)
      const visible = themeSelects.filter({ visible: true }).first()
      await visible.selectOption('light')
      await page.waitForFunction(() => document.documentElement.className === 'light')
      assert.equal(await page.evaluate(() => localStorage.getItem('theme')), 'light')
      assert.deepEqual(await themeSelects.evaluateAll((s) => s.map((e) => e.value)), [
        'light',
        'light',
      ])
      // Collapsed sidebar: the icon alone, still a working select.
      await page.locator(`[title="${chrome.hideSidebar}"]`).click()
      await waitFor(async () => ((await visible.boundingBox())?.width ?? 99) <= 40, {
        message: 'the collapsed sidebar shows the switch as an icon',
      })
      await visible.selectOption('dark')
      await page.waitForFunction(() => document.documentElement.className === 'dark')
    } finally {
      await context.close()
    }
  })

  test('titles name the site once, in the page language', async () => {
    const { context, page } = await openPage(browser)
    try {
      for (const locale of ['en', 'fr', 'de']) {
        const { site } = messages(locale)
        await page.goto(`${BASE_URL}/${locale}`, { waitUntil: 'load' })
        assert.equal(await page.title(), site.name, `/${locale}`)
        await page.goto(`${BASE_URL}/${locale}/forms`, { waitUntil: 'load' })
        const forms = { en: 'Forms', fr: 'Formulaires', de: 'Formulare' }[locale]
        assert.equal(await page.title(), `${forms} – ${site.name}`, `/${locale}/forms`)
      }
    } finally {
      await context.close()
    }
  })

  test('a theme picked while React hydrates stays picked', async () => {
    const { context, page } = await openPage(browser, { colorScheme: 'light' })
    try {
      await pickWhileHydrating(page, messages('en').chrome.changeTheme, 'dark')
      await page.goto(`${BASE_URL}/en/intro`, { waitUntil: 'networkidle' })
      await page.waitForTimeout(500)
      assert.equal(await page.evaluate(() => localStorage.getItem('theme')), 'dark')
      assert.equal(await page.evaluate(() => document.documentElement.className), 'dark')
    } finally {
      await context.close()
    }
  })

  for (const theme of ['light', 'dark'])
    test(`search (${theme}): "no results" is readable and the French placeholder fits`, async () => {
      const { context, page } = await openThemed('/fr/intro', { theme, colorScheme: theme })
      try {
        const input = page.locator('input[type="search"]:visible').first()
        const fits = await input.evaluate((el) => {
          const style = getComputedStyle(el)
          const canvas = document.createElement('canvas').getContext('2d')
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
          const box = el.getBoundingClientRect()
          let room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
          // The shortcut hint (Ctrl K) sits over the input's right end.
          const kbd = el.parentElement.querySelector('kbd')
          if (kbd && kbd.offsetWidth)
            room = Math.min(
              room,
              kbd.getBoundingClientRect().left - box.left - parseFloat(style.paddingLeft),
            )
          return { text: el.placeholder, width: canvas.measureText(el.placeholder).width, room }
        })
        assert.ok(fits.width <= fits.room, `"${fits.text}" ${fits.width}px in ${fits.room}px`)
        await input.click()
        await input.fill('zzzqqqxxy')
        const empty = page.getByText(messages('fr').theme.searchEmpty, { exact: true })
        await empty.waitFor({ timeout: 15_000 })
        const colours = await empty.evaluate((el) => {
          let node = el
          let background = 'rgba(0, 0, 0, 0)'
          while (node) {
            const bg = getComputedStyle(node).backgroundColor
            if (!/rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') {
              background = bg
              break
            }
            node = node.parentElement
          }
          return { color: getComputedStyle(el).color, background }
        })
        const ratio = contrast(rgb(colours.color), rgb(colours.background))
        assert.ok(ratio >= 4.5, `${colours.color} on ${colours.background}: ${ratio.toFixed(2)}:1`)
      } finally {
        await context.close()
      }
    })
})

describe('home page', () => {
  const WAY_IN = {
    en: /Start with the Introduction/,
    fr: /Commencer par l.introduction/,
    de: /Mit der Einführung beginnen/,
  }
  for (const locale of ['en', 'fr', 'de'])
    test(`${locale}: a live playground and the way in show in the first screen`, async () => {
      const { context, page } = await openThemed(`/${locale}`, { colorScheme: 'light' })
      try {
        const link = page.getByRole('link', { name: WAY_IN[locale] })
        const linkBox = await link.boundingBox()
        assert.ok(linkBox && linkBox.y + linkBox.height <= 800, 'the way in is in the first screen')
        assert.equal(await link.getAttribute('href'), `/${locale}/intro`)
        const section = page.locator(PLAYGROUND).first()
        const box = await section.boundingBox()
        assert.ok(box && box.y < 800 - 200, `playground starts in the first screen (y=${box?.y})`)
        // The action really runs on the live server.
        const preview = page.frameLocator(`${PLAYGROUND} ${PREVIEW}`).first()
        const { fill, click, see } = JSON.parse(
          readFileSync(join(ROOT, 'pages', locale, 'index.mdx'), 'utf8').match(
            /```json check\.json hidden\n([\s\S]*?)```/,
          )[1],
        ).steps.reduce((all, step) => ({ ...all, ...step }), {})
        await preview.getByLabel(fill.label).waitFor({ timeout: 45_000 })
        await preview.getByLabel(fill.label).fill(fill.value)
        await preview.getByRole('button', { name: click, exact: true }).click()
        await waitFor(async () => (await preview.locator('output').innerText()).includes(see), {
          message: see,
          timeout: 30_000,
        })
      } finally {
        await context.close()
      }
    })
})
