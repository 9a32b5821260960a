// The preview's console, as plain lines. Sandpack's own console mounts a CodeMirror editor per
// entry: a preview logging in a loop made the docs page freeze. Entries arrive in small batches
// through messageGuard.ts; here each is formatted once, within a fixed budget, and the list keeps
// the last MAX_ENTRIES.
import { useSandpack } from '@codesandbox/sandpack-react'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import styles from './Playground.module.css'

const MAX_ENTRIES = 200
const MAX_CHARS = 2000

interface Line {
  key: string
  level: string
  text: string
}

interface Budget {
  left: number
}

/** console-feed's encoding (preview-runtime/src/console.ts) → text, like the browser prints it. */
function show(value: unknown, budget: Budget, depth = 0): string {
  if (budget.left <= 0) return '…'
  budget.left -= 1
  if (typeof value === 'string') return depth ? JSON.stringify(value.slice(0, MAX_CHARS)) : value
  if (typeof value !== 'object' || value === null) return String(value)
  if (depth > 4) return '…'
  const list = (items: unknown[]) => items.map((v) => show(v, budget, depth + 1)).join(', ')
  if (Array.isArray(value)) return `[${list(value.slice(0, 50))}]`
  const tagged = value as { '@t'?: unknown; data?: unknown }
  const data = tagged.data as Record<string, unknown> | unknown[] | number | undefined
  switch (tagged['@t']) {
    case '[[undefined]]':
      return 'undefined'
    case '[[NaN]]':
      return 'NaN'
    case 'Arithmetic':
      return ['Infinity', '-Infinity', '-0'][data as number] ?? 'NaN'
    case 'Function':
      return `ƒ ${String((data as Record<string, unknown>)?.name ?? 'anonymous')}()`
    case '[[Error]]': {
      const error = data as Record<string, unknown>
      return `${String(error?.name)}: ${String(error?.message)}`
    }
    case '[[Date]]':
      return new Date(Number(data)).toISOString()
    case '[[RegExp]]': {
      const re = data as Record<string, unknown>
      return `/${String(re?.src)}/${String(re?.flags)}`
    }
    case '[[Map]]': {
      const flat = Array.isArray(data) ? data.slice(0, 100) : []
      const pairs: string[] = []
      for (let i = 0; i + 1 < flat.length; i += 2)
        pairs.push(`${show(flat[i], budget, depth + 1)} => ${show(flat[i + 1], budget, depth + 1)}`)
      return `Map(${flat.length / 2}) {${pairs.join(', ')}}`
    }
    case '[[Set]]':
      return `Set {${list(Array.isArray(data) ? data.slice(0, 50) : [])}}`
    case '[[TypedArray]]': {
      const typed = data as Record<string, unknown>
      const items = Array.isArray(typed?.arr) ? typed.arr.slice(0, 50) : []
      return `${String(typed?.ctorName)} [${items.join(', ')}]`
    }
  }
  const entries = Object.entries(value).slice(0, 50)
  return `{${entries.map(([k, v]) => `${k}: ${show(v, budget, depth + 1)}`).join(', ')}}`
}

function lineOf(entry: { method?: unknown; id?: unknown; data?: unknown }, index: number): Line {
  const budget = { left: 500 }
  const args = Array.isArray(entry.data) ? entry.data : []
  const text = args.map((a) => show(a, budget)).join(' ')
  return {
    key: `${String(entry.id)}-${index}`,
    level: String(entry.method),
    text: text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text,
  }
}

let lineCount = 0

export function BrowserConsole() {
  const t = useTranslations('playground')
  const { listen } = useSandpack()
  const [lines, setLines] = useState<Line[]>([])

  useEffect(
    () =>
      listen((message) => {
        if (message.type !== 'console') return
        const log = (message as unknown as { log: { method?: unknown }[] }).log
        setLines((prev) => {
          let next = prev
          const added: Line[] = []
          for (const entry of log) {
            if (entry.method === 'clear') {
              next = []
              added.length = 0
            } else added.push(lineOf(entry, ++lineCount))
          }
          return [...next, ...added].slice(-MAX_ENTRIES)
        })
      }),
    [listen],
  )

  return (
    <>
      <div className={styles.panelBar}>
        <span />
        <button
          type="button"
          className={styles.button}
          onClick={() => setLines([])}
          disabled={!lines.length}
        >
          {t('clear')}
        </button>
      </div>
      <ul className={styles.log}>
        {lines.map((line) => (
          <li key={line.key} data-level={line.level}>
            {line.text}
          </li>
        ))}
      </ul>
    </>
  )
}
