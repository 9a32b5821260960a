// The playground's request composer and address bar, apart from their UI: drafts made from the
// live server's records, header lines, the closure-token tamper, typed paths, reported routes and
// the actions a deploy listed.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { importTs } from '../support/import-ts.mjs'

let draft
let state
before(async () => {
  draft = await importTs('components/playground/composer/requestDraft.ts')
  state = await importTs('components/playground/previewState.ts')
})

const PREVIEW = 'http://abc.preview.localhost:3000'
const record = {
  seq: 3,
  actionId: '7f' + 'a'.repeat(40),
  action: 'app/page.tsx#$$RSC_SERVER_ACTION_0',
  name: 'publish',
  method: 'POST',
  url: '/api/live/s1/action',
  requestHeaders: {
    'Content-Type': 'text/plain;charset=UTF-8',
    'Next-Action': '7f' + 'a'.repeat(40),
    Origin: PREVIEW,
    Cookie: 'live_user=user_1',
    'x-live-compose': 'old',
  },
  requestBody: '["QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVm",1]',
  status: 200,
  responseHeaders: {},
  durationMs: 4,
}

test('a draft sends the recorded call again, without the headers the browser sets itself', () => {
  const d = draft.draftFrom(record, PREVIEW)
  assert.equal(d.url, '/api/live/s1/action')
  assert.equal(d.origin, PREVIEW)
  assert.equal(d.body, record.requestBody)
  assert.equal(d.headers, `Content-Type: text/plain;charset=UTF-8\nNext-Action: ${record.actionId}`)
  const message = draft.composeMessage(
    { ...d, origin: ' https://evil.example ', padBytes: 2e6 },
    'n1',
  )
  assert.deepEqual(message, {
    type: 'live/compose',
    nonce: 'n1',
    url: d.url,
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': record.actionId },
    origin: 'https://evil.example',
    body: d.body,
    padBytes: 2e6,
  })
  assert.equal(draft.composeMessage({ ...d, padBytes: 1e12 }, 'n').padBytes, draft.MAX_PAD_BYTES)
})

test('header lines: parsed, replaced, and refused when they are not "Name: value"', () => {
  assert.deepEqual(draft.parseHeaders('A: 1\n\n B : two words \nno colon\nbad name: x'), {
    headers: { A: '1', B: 'two words' },
    bad: ['no colon', 'bad name: x'],
  })
  assert.equal(
    draft.withHeader('Next-Action: old\nX: 1', 'next-action', 'new'),
    'X: 1\nnext-action: new',
  )
  assert.deepEqual(
    draft.composeMessage({ url: '/', headers: 'oops', origin: '', body: '', padBytes: 0 }, 'n'),
    {
      bad: ['oops'],
    },
  )
})

test('tamper changes one character of the closure token, nothing else', () => {
  const tampered = draft.tamperToken(record.requestBody)
  assert.notEqual(tampered, record.requestBody)
  assert.equal(tampered.length, record.requestBody.length)
  const diff = [...tampered].filter((c, i) => c !== record.requestBody[i]).length
  assert.equal(diff, 1)
  assert.ok(tampered.endsWith('",1]'))
  // A no-JS form: the action id (hex) and the multipart boundary are not tokens; the bound value is.
  const form = [
    '------WebKitFormBoundaryAbCdEfGhIjKlMnOp',
    `Content-Disposition: form-data; name="$ACTION_REF_1"`,
    '',
    '------WebKitFormBoundaryAbCdEfGhIjKlMnOp',
    `Content-Disposition: form-data; name="$ACTION_1:0"`,
    '',
    `{"id":"7f${'b'.repeat(40)}","bound":"$@1"}`,
    '------WebKitFormBoundaryAbCdEfGhIjKlMnOp',
    `Content-Disposition: form-data; name="$ACTION_1:1"`,
    '',
    '["c2VjcmV0IGNsb3N1cmUgdG9rZW4gaGVyZQ=="]',
  ].join('\r\n')
  const t2 = draft.tamperToken(form)
  const at = [...t2].findIndex((c, i) => c !== form[i])
  assert.ok(form.slice(at - 40, at + 40).includes('c2VjcmV0'), 'the change is in the token')
  assert.equal(draft.tamperToken(`["hello", 1, "${'7f' + 'c'.repeat(40)}"]`), null)
})

test('typed paths: routes of the app only', () => {
  for (const ok of ['/', '/posts/2', '/posts?tab=x']) assert.ok(draft.isAppPath(ok), ok)
  for (const bad of [
    '',
    'posts',
    '//evil.example/x',
    'https://evil.example/',
    '/a b',
    '/a\\b',
    `/${'x'.repeat(2000)}`,
  ])
    assert.ok(!draft.isAppPath(bad), bad)
})

test('a reported route counts only on the preview’s own origin', () => {
  assert.equal(state.routeOf(`${PREVIEW}/posts/2?x=1`, PREVIEW), '/posts/2?x=1')
  assert.equal(state.routeOf('https://evil.example/posts', PREVIEW), null)
  assert.equal(state.routeOf('javascript:alert(1)', PREVIEW), null)
  assert.equal(state.routeOf('not a url', PREVIEW), null)
})

test('the actions a deploy listed, named as the reader wrote them', () => {
  const body = JSON.stringify({
    actions: { 'app/actions.ts#createUser': 'id1', 'app/page.tsx#$$RSC_SERVER_ACTION_0': 'id2' },
    names: { 'app/page.tsx#$$RSC_SERVER_ACTION_0': 'register' },
  })
  assert.deepEqual(state.deployedActions(body), [
    { key: 'app/actions.ts#createUser', id: 'id1', name: 'createUser' },
    { key: 'app/page.tsx#$$RSC_SERVER_ACTION_0', id: 'id2', name: 'register' },
  ])
  assert.deepEqual(state.deployedActions(body.slice(0, 40)), [], 'a record cut short')
  assert.deepEqual(state.deployedActions('{"actions":{"a#b":{"x":1}}}'), [])
  assert.equal(draft.actionName({ name: null, action: 'app/actions.ts#createUser' }), 'createUser')
})
