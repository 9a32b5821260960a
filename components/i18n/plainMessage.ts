// Labels a page renders while it hydrates, filled without ICU. next-intl formats any message given
// values through intl-messageformat, whose first use initialises the browser's ICU number data:
// 20–30 ms of one main-thread task on this box's cores, ×4 on Lighthouse's phone (issue 14). A
// message whose only syntax is `{name}` gives the same text by substitution; anything else ICU
// would read differently (quotes, formatted or nested arguments, tags) still goes through `t`.
import { useTranslations } from 'next-intl'

const PLAIN = /^(?:[^{}'<>]|\{[A-Za-z_]\w*\})*$/
const ARGUMENT = /\{(\w+)\}/g

/** `message` with its `{name}` arguments filled; null when ICU is needed or a value is missing. */
export function fillPlain(message: string, values: Record<string, string>): string | null {
  if (!PLAIN.test(message)) return null
  let missing = false
  const text = message.replace(ARGUMENT, (_, name: string) => {
    if (!Object.hasOwn(values, name)) missing = true
    return values[name] ?? ''
  })
  return missing ? null : text
}

/** `t(key, values)` of the namespace, without ICU when the message allows it. */
export function usePlainTranslations(namespace: string) {
  const t = useTranslations(namespace)
  return (key: string, values: Record<string, string>): string => {
    const raw: unknown = t.raw(key)
    return (typeof raw === 'string' && fillPlain(raw, values)) || t(key, values)
  }
}
