// The docs page's one door for preview messages. A capture-phase `message` listener on window
// runs before sandpack-client's own listeners and stops every message they must not see:
// - from anything but a registered preview frame's window, at that frame's own origin;
// - not shaped as its type says (previewMessages.ts);
// - `initialized` once the frame is registered (only a navigation the site made may register it);
// - past a per-frame rate (token bucket), so a flood costs the docs page a few µs per message.
// Console messages are always taken here, queued in a bounded buffer, and handed on in small
// batches a few times a second; what does not fit is counted and shown as "N messages dropped".
import { checkPreviewMessage, MAX_CONSOLE_ENTRIES } from './previewMessages'

/** Messages other than console per second, per frame, and the burst allowed. */
const RATE = 60
const BURST = 120
/** Console entries waiting to be shown, per frame; more are dropped (and counted). */
const CONSOLE_QUEUE = 200
/** Console entries handed on per flush, and flushes per second. */
const CONSOLE_BATCH = 40
const FLUSH_MS = 250
/** A console argument larger than this (in characters of its text, or values) is cut. */
const ENTRY_BUDGET = 4000

interface ConsoleEntry {
  method: string
  id: string
  data: unknown[]
}

interface Frame {
  element: HTMLIFrameElement
  origin: string
  /** The site navigated the frame and waits for its `initialized`. */
  armed: boolean
  initialized: boolean
  tokens: number
  refilled: number
  channel: number | undefined
  queue: ConsoleEntry[]
  dropped: number
  timer: ReturnType<typeof setTimeout> | null
  droppedText: (count: number) => string
  onLoad: () => void
}

const frames = new Map<Window, Frame>()
let relaying = false
let installed = false
let markerCount = 0

/** A copy of a console value cut to a budget of characters and nodes (bounded work). */
function clip(value: unknown, budget: { left: number }, depth = 0): unknown {
  if (budget.left <= 0) return '…'
  if (typeof value === 'string') {
    budget.left -= Math.min(value.length, ENTRY_BUDGET)
    return value.length > ENTRY_BUDGET ? `${value.slice(0, ENTRY_BUDGET)}…` : value
  }
  budget.left -= 1
  if (typeof value !== 'object' || value === null) return value
  if (depth > 6) return '…'
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const item of value) {
      if (budget.left <= 0) break
      out.push(clip(item, budget, depth + 1))
    }
    return out
  }
  const out: Record<string, unknown> = {}
  for (const key in value) {
    if (budget.left <= 0) break
    if (Object.hasOwn(value, key))
      out[key.slice(0, 200)] = clip((value as Record<string, unknown>)[key], budget, depth + 1)
  }
  return out
}

function relay(frame: Frame, data: Record<string, unknown>) {
  const source = frame.element.contentWindow
  if (!source) return
  relaying = true
  try {
    window.dispatchEvent(new MessageEvent('message', { data, origin: frame.origin, source }))
  } finally {
    relaying = false
  }
}

function flushConsole(frame: Frame) {
  frame.timer = null
  const batch = frame.queue.splice(0, CONSOLE_BATCH)
  if (frame.dropped && frame.queue.length === 0) {
    batch.push({
      method: 'warn',
      id: `dropped-${++markerCount}-${Date.now()}`,
      data: [frame.droppedText(frame.dropped)],
    })
    frame.dropped = 0
  }
  for (let i = 0; i < batch.length; i += MAX_CONSOLE_ENTRIES)
    relay(frame, {
      type: 'console',
      codesandbox: true,
      $id: frame.channel,
      log: batch.slice(i, i + MAX_CONSOLE_ENTRIES),
    })
  if (frame.queue.length || frame.dropped) frame.timer = setTimeout(flushConsole, FLUSH_MS, frame)
}

function takeConsole(frame: Frame, log: ConsoleEntry[]) {
  for (const entry of log) {
    if (frame.queue.length >= CONSOLE_QUEUE) {
      frame.dropped++
      continue
    }
    const budget = { left: ENTRY_BUDGET }
    frame.queue.push({ method: entry.method, id: entry.id, data: clip(entry.data, budget) as [] })
  }
  frame.timer ??= setTimeout(flushConsole, FLUSH_MS, frame)
}

function withinRate(frame: Frame): boolean {
  const now = performance.now()
  frame.tokens = Math.min(BURST, frame.tokens + ((now - frame.refilled) * RATE) / 1000)
  frame.refilled = now
  if (frame.tokens < 1) return false
  frame.tokens -= 1
  return true
}

function onMessage(event: MessageEvent) {
  if (relaying) return
  const frame = event.source ? frames.get(event.source as Window) : undefined
  if (!frame) {
    // Only previews speak Sandpack's protocol to this page.
    const data = event.data as { codesandbox?: unknown } | null
    if (typeof data === 'object' && data !== null && data.codesandbox !== undefined)
      event.stopImmediatePropagation()
    return
  }
  // From here on the message is the preview's: nobody else sees it unless it passes.
  event.stopImmediatePropagation()
  if (event.origin !== frame.origin) return
  const message = checkPreviewMessage(event.data)
  if (!message) return
  const data = message as { type: string; $id?: number; log?: ConsoleEntry[] }
  if (data.type === 'console-dropped') {
    // The preview's own console dropped these (its queue was full): same marker as ours.
    frame.dropped += Math.min((message as { count?: number }).count ?? 0, 1e9)
    frame.timer ??= setTimeout(flushConsole, FLUSH_MS, frame)
    return
  }
  if (data.type === 'console') {
    if (data.$id !== undefined) frame.channel = data.$id
    takeConsole(frame, data.log!)
    return
  }
  if (data.type === 'initialized') {
    if (!frame.armed) return
    frame.initialized = true
  } else {
    // Registered and talking on its channel: no other page may register until the site navigates.
    if (frame.initialized && data.$id !== undefined) frame.armed = false
    if (!withinRate(frame)) return
  }
  if (data.$id !== undefined) frame.channel = data.$id
  relay(frame, data)
}

/**
 * Registers a preview frame, before sandpack-client navigates it. `droppedText` words the marker
 * for dropped console entries in the reader's language. Returns the unregister function.
 */
export function guardPreview(
  element: HTMLIFrameElement,
  origin: string,
  droppedText: (count: number) => string,
): () => void {
  if (!installed) {
    window.addEventListener('message', onMessage, true)
    installed = true
  }
  const source = element.contentWindow
  if (!source) return () => {}
  const frame: Frame = {
    element,
    origin,
    armed: true,
    initialized: false,
    tokens: BURST,
    refilled: performance.now(),
    channel: undefined,
    queue: [],
    dropped: 0,
    timer: null,
    droppedText,
    // The page that said `initialized` has loaded: no other may register until the site navigates.
    onLoad: () => {
      if (frame.initialized) frame.armed = false
    },
  }
  element.addEventListener('load', frame.onLoad)
  frames.set(source, frame)
  return () => {
    element.removeEventListener('load', frame.onLoad)
    if (frame.timer) clearTimeout(frame.timer)
    if (frames.get(source) === frame) frames.delete(source)
  }
}

/** The site is about to navigate this preview (reload): its next page may register. */
export function armPreview(element: HTMLIFrameElement | null) {
  const frame = element?.contentWindow ? frames.get(element.contentWindow) : undefined
  if (frame) {
    frame.armed = true
    frame.initialized = false
  }
}
