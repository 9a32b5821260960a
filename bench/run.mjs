// `npm run bench`: every benchmark in turn; each prints its table and writes bench/reports/<name>.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ROOT } from '../scripts/site-pages.mjs'

const BENCHES = ['server', 'playground']
const failed = []
for (const name of BENCHES) {
  console.log(`\n=== bench:${name} ===`)
  const { status } = spawnSync('npm', ['run', `bench:${name}`], { cwd: ROOT, stdio: 'inherit' })
  if (status !== 0) failed.push(name)
}

const reports = BENCHES.map((name) => join(ROOT, 'bench/reports', `${name}.md`)).filter(existsSync)
writeFileSync(
  join(ROOT, 'bench/reports/README.md'),
  reports.map((file) => readFileSync(file, 'utf8')).join('\n\n'),
)
console.log(
  `\nReports: ${reports.map((f) => relative(ROOT, f)).join(', ')} (combined in bench/reports/README.md)`,
)
if (failed.length) {
  console.error(`Failed: ${failed.map((n) => `bench:${n}`).join(', ')}`)
  process.exit(1)
}
