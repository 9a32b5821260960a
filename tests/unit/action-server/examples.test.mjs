// The site's own playgrounds (pages/en/*.mdx): each one's files deploy, its page renders (Flight and
// HTML), and its check.json steps pass through the no-JavaScript form flow wherever a step is a
// plain form submission (steps that need client JavaScript are left to the browser tests).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { startLive } from './helpers.mjs'

const PAGES = readdirSync(new URL('../../../pages/en/', import.meta.url))
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((f) => `pages/en/${f}`)

/** <Playground title="…"> blocks → { title, files, check } */
function playgrounds(file) {
  const mdx = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')
  const out = []
  for (const block of mdx.matchAll(/<Playground title="([^"]*)">([\s\S]*?)<\/Playground>/g)) {
    const files = {}
    let check = null
    for (const fence of block[2].matchAll(/```\w+ ([^\s`]+)[^\n]*\n([\s\S]*?)\n```/g)) {
      if (fence[1] === 'check.json') check = JSON.parse(fence[2])
      else files[fence[1]] = fence[2]
    }
    out.push({ title: `${file.split('/').pop()}: ${block[1]}`, files, check })
  }
  return out
}

const decodeEntities = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? decodeEntities(m[1]) : null
}
const visibleText = (html) =>
  decodeEntities(
    html
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  )

/** The input a label names: <label for=id> or an input inside the label. */
function inputNameFor(html, label) {
  for (const m of html.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label>/g)) {
    if (
      visibleText(m[2])
        .trim()
        .replace(/\s*\*$/, '') !== label &&
      !visibleText(m[2]).trim().startsWith(label)
    )
      continue
    const inner = /<(?:input|textarea|select)\b[^>]*>/.exec(m[2])
    if (inner) return attr(inner[0], 'name') || ''
    const id = attr(m[1], 'for')
    const input =
      id && new RegExp(`<(?:input|textarea|select)\\b[^>]*\\sid="${id}"[^>]*>`).exec(html)
    if (input) return attr(input[0], 'name') || '' // '' : a controlled input only JavaScript reads
  }
  return null
}

/** Examples whose steps need JavaScript: their main action is called the way the preview calls it. */
const DIRECT_CALLS = {
  'conventions.mdx: Importing actions into a Client Component': async (session, actions) => {
    const created = await live.call(session, actions['app/actions.ts#createUser'], [
      { name: 'Grace Hopper' },
    ])
    assert.equal(created.status, 200)
    assert.equal(created.value.name, 'Grace Hopper')
    const users = await live.call(session, actions['app/actions.ts#fetchUsers'], [])
    assert.deepEqual(
      users.value.map((u) => u.name),
      ['Grace Hopper'],
    )
  },
}

/** The form holding the submit button with this text, as the browser would post it; null if none. */
function submission(html, buttonText, filled) {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const button = [...form[1].matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].find(
      (b) => visibleText(b[2]).trim() === buttonText,
    )
    if (!button) continue
    const fd = new FormData()
    // A textarea's content is its value; an <input> must not swallow what follows it.
    for (const [, inputAttrs, textareaAttrs, text] of form[1].matchAll(
      /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g,
    )) {
      const attrs = inputAttrs ?? textareaAttrs
      const name = attr(attrs, 'name')
      if (!name) continue
      if (filled.has(name)) fd.append(name, filled.get(name))
      else
        fd.append(
          name,
          textareaAttrs !== undefined ? decodeEntities(text || '') : (attr(attrs, 'value') ?? ''),
        )
    }
    const name = attr(button[1], 'name')
    if (name) fd.append(name, attr(button[1], 'value') ?? '')
    return fd
  }
  return null
}

let live
before(async () => {
  live = await startLive({ cpuMs: 1000 })
})
after(() => live.close())

for (const page of PAGES) {
  for (const pg of playgrounds(page)) {
    test(pg.title, async (t) => {
      const session = await live.session()
      const d = await live.deploy(session, pg.files)
      assert.equal(d.status, 200, JSON.stringify(d.body))
      const flight = await live.fetch(`/api/live/${session}/render?path=/`)
      assert.equal(flight.status, 200, await flight.clone().text())
      const base = `/api/live/${session}/html?path=%2F`
      let cookie = ''
      const get = async (url) => {
        const r = await live.fetch(url, { headers: { cookie } })
        assert.equal(r.status, 200)
        return r.text()
      }
      let html = await get(base)
      const filled = new Map()
      const skipped = []
      // A check that says its example needs JavaScript ("noJs": false) is the browser tests' alone.
      const steps = pg.check?.noJs === false ? [] : pg.check?.steps || []
      if (pg.check?.noJs === false) skipped.push('every step ("noJs": false)')
      for (const step of steps) {
        if (step.signIn) cookie = 'live_user=user_1'
        else if (step.fill) {
          const name = inputNameFor(html, step.fill.label)
          assert.ok(name !== null, `no input labelled ${step.fill.label}`)
          if (name) filled.set(name, step.fill.value)
          else skipped.push(`fill ${step.fill.label}`)
        } else if (step.click) {
          const fd = submission(html, step.click, filled)
          if (!fd) {
            skipped.push(`click ${step.click}`)
            continue
          }
          const r = await live.fetch(base, {
            method: 'POST',
            body: fd,
            headers: { origin: live.url, cookie },
            redirect: 'manual',
          })
          assert.ok(
            r.status === 200 || r.status === 303,
            `POST → ${r.status}: ${await r.clone().text()}`,
          )
          html = r.status === 303 ? await get(r.headers.get('location')) : await r.text()
          filled.clear()
        } else if (step.see) {
          if (skipped.length) continue // what it should show depends on a step only a browser can do
          assert.ok(
            visibleText(html).includes(step.see),
            `expected to see "${step.see}" in ${visibleText(html)}`,
          )
        } else skipped.push(Object.keys(step)[0])
      }
      if (DIRECT_CALLS[pg.title]) await DIRECT_CALLS[pg.title](session, d.body.actions)
      if (skipped.length) t.diagnostic(`needs JavaScript: ${skipped.join(', ')}`)
    })
  }
}

// What the Forms chapter teaches about .bind: without JavaScript the bound arguments are hidden
// fields of the rendered form, so a plain post can change them.
test('forms.mdx: a JavaScript-off post can change a bound argument', async () => {
  const pg = playgrounds('pages/en/forms.mdx').find((p) => p.title.includes('.bind'))
  const session = await live.session()
  assert.equal((await live.deploy(session, pg.files)).status, 200)
  const html = await (await live.fetch(`/api/live/${session}/html?path=/`)).text()
  const bound =
    /<input type="hidden" name="(\$ACTION_\d+:\d+)" value="\[&quot;user_42&quot;\]"/.exec(html)
  assert.ok(bound, 'the bound argument is a hidden field holding its JSON')
  const filled = new Map([
    ['name', 'Mallory'],
    [bound[1], '["user_7"]'],
  ])
  const posted = await live.fetch(`/api/live/${session}/html?path=/`, {
    method: 'POST',
    headers: { origin: live.url },
    body: submission(html, 'Rename with bind', filled),
  })
  assert.equal(posted.status, 200)
  assert.match(visibleText(await posted.text()), /user_7 → Mallory \(\.bind\)/)
})
