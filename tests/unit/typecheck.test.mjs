// `npm run typecheck` keeps its promise: a wrong type in any checked folder fails it. Small
// wrong-typed files are written into the folders; each must be included by exactly one
// configuration of the typecheck script, and checked alone with that configuration's options it
// must report the expected error (the whole projects would take tens of seconds on a busy box;
// their options and include globs are what this proves).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { ROOT } from '../../scripts/site-pages.mjs'

const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.typecheck
const CONFIGS = script.split(/\s+/).filter((/** @type {string} */ word) => word.endsWith('.json'))
const probe = `__typecheck-probe-${process.pid}`

/** Wrong-typed file → the errors a strict check must report in it. */
const PROBES = {
  [`components/playground/${probe}.tsx`]: {
    code: `export const label: string = 42\nexport const Probe = () => <p>{label}</p>\n`,
    expected: [/^TS2322: Type 'number' is not assignable to type 'string'\.$/],
  },
  [`pages/${probe}.tsx`]: {
    code: `export default function Page({ n }: { n: number }) {\n  return <p>{n.toUpperCase()}</p>\n}\n`,
    expected: [/^TS2339: Property 'toUpperCase' does not exist on type 'number'\.$/],
  },
  // react-dom's types are there: without them createRoot is `any` and nothing fails.
  [`preview-runtime/src/${probe}.ts`]: {
    code: `import { createRoot } from 'react-dom/client'\nexport const root = createRoot('#root')\n`,
    expected: [
      /^TS2345: Argument of type 'string' is not assignable to parameter of type 'Container'/,
    ],
  },
  ...Object.fromEntries(
    ['scripts', 'bench'].map((folder) => [
      `${folder}/${probe}.mjs`,
      {
        code: `/** @param {number} n */\nexport const twice = (n) => n * 2\ntwice('2')\nexport const same = (x) => x\n`,
        expected: [
          /^TS2345: Argument of type 'string' is not assignable to parameter of type 'number'\.$/,
          /^TS7006: Parameter 'x' implicitly has an 'any' type\.$/,
        ],
      },
    ]),
  ),
  // Build-time code runs in Node: its types are Node's.
  [`components/playground/build/${probe}.mjs`]: {
    code: `/** @type {number} */\nexport const version = process.version\n`,
    expected: [/^TS2322: Type 'string' is not assignable to type 'number'\.$/],
  },
}

/** @type {Map<string, string[]>} probe file → the errors its configuration reports in it */
const reported = new Map()
/** @type {Map<string, string[]>} probe file → the configurations that include it */
const covering = new Map()

before(() => {
  for (const [file, { code }] of Object.entries(PROBES)) writeFileSync(join(ROOT, file), code)
  // Lib and @types files are parsed once for every configuration.
  /** @type {Map<string, ts.SourceFile | undefined>} */
  const cache = new Map()
  for (const config of CONFIGS.filter((c) => existsSync(join(ROOT, c)))) {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, config), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    })
    assert.ok(parsed, config)
    const mine = Object.keys(PROBES).filter((file) => parsed.fileNames.includes(join(ROOT, file)))
    if (!mine.length) continue
    assert.equal(parsed.options.strict, true, `${config} is strict`)
    const options = { ...parsed.options, incremental: false, noEmit: true }
    const host = ts.createCompilerHost(options)
    const getSourceFile = host.getSourceFile
    host.getSourceFile = (name, version, ...rest) => {
      if (name.includes(probe)) return getSourceFile(name, version, ...rest)
      const key = `${name}\0${JSON.stringify(version)}`
      if (!cache.has(key)) cache.set(key, getSourceFile(name, version, ...rest))
      return cache.get(key)
    }
    const program = ts.createProgram(
      mine.map((file) => join(ROOT, file)),
      options,
      host,
    )
    for (const file of mine) {
      covering.set(file, [...(covering.get(file) ?? []), config])
      const source = program.getSourceFile(join(ROOT, file))
      assert.ok(source, file)
      reported.set(
        file,
        program
          .getSemanticDiagnostics(source)
          .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
      )
    }
  }
})

after(() => {
  for (const file of Object.keys(PROBES)) rmSync(join(ROOT, file), { force: true })
})

for (const [file, { expected }] of Object.entries(PROBES)) {
  const folder = file.split('/').slice(0, -1).join('/')
  test(`a wrong type in ${folder}/ fails npm run typecheck`, () => {
    assert.equal(covering.get(file)?.length, 1, `one config of the typecheck script has ${file}`)
    const errors = reported.get(file) ?? []
    assert.equal(errors.length, expected.length, errors.join('\n'))
    expected.forEach((pattern, i) => assert.match(errors[i], pattern))
  })
}
