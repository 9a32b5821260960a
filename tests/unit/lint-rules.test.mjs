// The lint keeps its promises: hooks rules and the walls between rooms stay switched on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ESLint } from 'eslint'
import { ROOT } from '../../scripts/site-pages.mjs'

const eslint = new ESLint({ cwd: ROOT })

async function ruleIds(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.map((m) => m.ruleId ?? m.message)
}

test('a hook called conditionally fails the lint', async () => {
  const code = `import { useState } from 'react'
export function Widget({ on }: { on: boolean }) {
  const [n] = on ? useState(0) : [1]
  return <p>{n}</p>
}
`
  assert.deepEqual(await ruleIds('components/playground/Widget.tsx', code), [
    'react-hooks/rules-of-hooks',
  ])
})

test('content and the playground UI cannot import the live server or the preview runtime', async () => {
  for (const [file, from] of [
    ['pages/en/Widget.tsx', '../../action-server/index.mjs'],
    ['components/playground/Widget.tsx', '../../action-server/sandbox/host.mjs'],
    ['components/playground/Widget.tsx', '../../preview-runtime/src/live'],
  ]) {
    const ids = await ruleIds(file, `import { x } from '${from}'\nexport const y = x\n`)
    assert.deepEqual(ids, ['@typescript-eslint/no-restricted-imports'], `${file} ← ${from}`)
  }
})

test('the preview runtime shares only types with the live server', async () => {
  const file = 'preview-runtime/src/widget.ts'
  const value = `import { createActionServer } from '../../action-server/index.mjs'\nexport const y = createActionServer\n`
  const types = `import type { ActionServer } from '../../action-server/index.mjs'\nexport type Y = ActionServer\n`
  assert.deepEqual(await ruleIds(file, value), ['@typescript-eslint/no-restricted-imports'])
  assert.deepEqual(await ruleIds(file, types), [])
  const site = `import { x } from '../../components/playground/types'\nexport const y = x\n`
  assert.deepEqual(await ruleIds(file, site), ['@typescript-eslint/no-restricted-imports'])
})

test('every room imports the shared contract, types only; the contract imports no room', async () => {
  for (const [file, from] of [
    ['components/playground/Widget.tsx', '../../contract/http'],
    ['pages/en/Widget.tsx', '../../contract/http'],
    ['preview-runtime/src/widget.ts', '../../contract/http'],
  ]) {
    const types = `import type { ErrorBody } from '${from}'\nexport type Y = ErrorBody\n`
    const value = `import { ErrorBody } from '${from}'\nexport const y = ErrorBody\n`
    assert.deepEqual(await ruleIds(file, types), [], `${file} ← type ${from}`)
    assert.deepEqual(
      await ruleIds(file, value),
      ['@typescript-eslint/no-restricted-imports'],
      `${file} ← ${from}`,
    )
  }
  // The live server's JavaScript names the contract's types in JSDoc; a value import is refused.
  const value = `import { ErrorBody } from '../../contract/http'\nexport const y = ErrorBody\n`
  assert.deepEqual(await ruleIds('action-server/http/reply.mjs', value), [
    '@typescript-eslint/no-restricted-imports',
  ])
  const room = `import type { ActionServer } from '../action-server/index.mjs'\nexport type Y = ActionServer\n`
  assert.deepEqual(await ruleIds('contract/widget.d.ts', room), [
    '@typescript-eslint/no-restricted-imports',
  ])
})
