// Sandpack's iframe protocol, preview side. The editor page (sandpack-client's SandpackRuntime)
// expects: `initialized` on load (no channel id yet), then it answers `register-frame` with its
// channel id and origin, then sends `compile`. Every message back carries `codesandbox: true` and
// the channel id `$id`, or sandpack-client drops it.

export interface SandpackModule {
  code: string
  path: string
}

export interface CompileMessage {
  type: 'compile'
  modules: Record<string, SandpackModule>
  isInitializationCompile?: boolean
}

type Listener = (message: { type: string; [key: string]: unknown }) => void

let channelId: number | null = null
let parentOrigin: string | null = null
const listeners: Listener[] = []
const queued: Record<string, unknown>[] = []

/** Sends one message to the editor page (queued until the frame is registered). */
export function send(message: Record<string, unknown>) {
  if (channelId === null || parentOrigin === null) {
    queued.push(message)
    return
  }
  window.parent.postMessage({ ...message, codesandbox: true, $id: channelId }, parentOrigin)
}

export function onMessage(listener: Listener) {
  listeners.push(listener)
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return
  const data = event.data as {
    type?: string
    id?: number
    origin?: string
    $id?: number
    codesandbox?: boolean
  }
  if (!data || typeof data !== 'object' || typeof data.type !== 'string') return
  if (data.type === 'register-frame') {
    // The editor page says who it is; only its own origin may talk to us from now on.
    if (data.origin !== event.origin) return
    channelId = data.id ?? null
    parentOrigin = event.origin
    queued.splice(0).forEach(send)
    return
  }
  if (event.origin !== parentOrigin || data.$id !== channelId) return
  for (const listener of listeners) listener(data as { type: string })
})

/** Tells the editor page the frame is ready to be registered. */
export function announceReady() {
  window.parent.postMessage({ type: 'initialized', codesandbox: true }, '*')
}
