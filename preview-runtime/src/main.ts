// The preview page: Sandpack's bundler, self-hosted. Each `compile` message from the editor
// compiles the client files, deploys the server files to the live server, evaluates the app and
// renders it; it always ends with `done`, or the editor stops sending recompiles.
import './history'
import './webpack-shim'
import { createElement, Component, startTransition, Suspense, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { hookConsole, setStackFormatter } from './console'
import { errorsShown, PlaygroundError, setSourceMapper, showError, toOriginal } from './errors'
import { readableStack } from './stacks'
import {
  CONFIG_FILE,
  directiveOf,
  isSource,
  parseConfig,
  toPath,
  type PlaygroundConfig,
} from './files'
import { LiveServer } from './live'
import { ModuleGraph, WRAPPER_START } from './modules'
import { setNetworkMode } from './network'
import { originalPosition } from './compile'
import {
  canGo,
  followableLink,
  recordRoute,
  resetHistory,
  setCurrentPath,
  setNavigationHandler,
  setTraverseHandler,
  traverse,
  type NavigationMode,
} from './navigation'
import { compose, type ComposeMessage } from './compose'
import { announceReady, onMessage, send, type CompileMessage } from './protocol'
import { setClientModuleLoader } from './webpack-shim'
import { applyTheme, isScheme } from './theme'

const PAGE = 'app/page.tsx'

hookConsole()
const live = new LiveServer()
const container = document.getElementById('root')!
let root: Root | null = null
let version = 0
let firstCompile = true
let files = new Map<string, string>()
let config: PlaygroundConfig = parseConfig(undefined)
let graph: ModuleGraph | null = null
let currentPath = '/'

/** Catches render errors (and, in React 19, errors of form actions); a new tree starts it afresh. */
class Boundary extends Component<
  { children: ReactNode },
  { failed: boolean; children: ReactNode }
> {
  // React names the boundary in its console message; minified, the class would be called "lv".
  static displayName = 'PreviewErrorBoundary'
  state = { failed: false, children: this.props.children }
  static getDerivedStateFromProps(props: { children: ReactNode }, state: { children: ReactNode }) {
    return props.children === state.children ? null : { failed: false, children: props.children }
  }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  componentDidCatch(error: unknown) {
    showError(error, null, files.keys())
  }
  render() {
    return this.state.failed ? null : this.props.children
  }
}

/**
 * Shows a tree. A compile mounts synchronously (its errors must be known before `done`); a tree the
 * server rendered again after an action or a sign-in replaces the old one in a transition, as Next's
 * router does, so the old page stays until the new one is ready and client state is kept.
 */
function mount(tree: ReactNode, { transition = false } = {}) {
  if (!root) root = createRoot(container)
  const element = createElement(Boundary, {
    key: version,
    children: createElement(Suspense, { fallback: null }, tree),
  })
  if (transition) startTransition(() => root!.render(element))
  else flushSync(() => root!.render(element))
}

/**
 * What the preview is doing, on its <html> element: `busy` while compiling, navigating or signing
 * in, then `ready` or `error`. Tests and the bench wait for it.
 */
let pending = 0
let lastOutcome: 'ready' | 'error' = 'ready'
function setBusy(busy: boolean, outcome?: 'ready' | 'error') {
  pending = Math.max(0, pending + (busy ? 1 : -1))
  if (outcome) lastOutcome = outcome
  document.documentElement.dataset.preview = pending ? 'busy' : lastOutcome
}

function t(key: string, fallback: string): string {
  return config.strings[key] ?? fallback
}

/**
 * A redirect out of the playground app (`redirect('https://…')`) would take the preview away from
 * its runtime, and the site must never send its readers off-site: it is shown, not followed.
 */
function showExternalRedirect(url: string) {
  let notice = document.querySelector<HTMLElement>('[data-live-notice]')
  if (!notice) {
    notice = document.createElement('p')
    notice.setAttribute('role', 'status')
    notice.dataset.liveNotice = 'external-redirect'
    notice.style.cssText =
      'margin:0 0 12px;padding:8px 12px;border:1px solid #d97706;border-radius:6px;overflow-wrap:anywhere'
    document.body.insertBefore(notice, container)
  }
  const [before, after = ''] = t(
    'externalRedirect',
    'This action redirects to {url}. The preview stays in the playground and does not follow it.',
  ).split('{url}')
  const code = document.createElement('code')
  code.textContent = url.slice(0, 2048)
  notice.replaceChildren(before, code, after)
}

function clearNotice() {
  document.querySelector('[data-live-notice]')?.remove()
}

/** Redirects a page may chain while rendering before the preview gives up (Next stops loops too). */
const MAX_RENDER_REDIRECTS = 5

/**
 * The tree for a route: a client page is rendered here; a server page comes from the live server,
 * following the redirects its render asks for. Returns the route finally shown.
 */
/** A `'use client'` page gets what Next 16 gives every page: promises of its params. */
type ClientPage = (props: {
  params: Promise<Record<string, string>>
  searchParams: Promise<Record<string, string>>
}) => ReactNode

async function treeFor(path: string): Promise<{ path: string; tree: ReactNode }> {
  const page = files.get(PAGE)
  if (page === undefined)
    throw new PlaygroundError(t('noPage', 'This playground has no app/page.tsx.'), null)
  if (directiveOf(page) === 'use client') {
    const exports = graph!.require(PAGE)
    const Page = (exports.default ?? exports.Page) as ClientPage | undefined
    if (typeof Page !== 'function')
      throw new PlaygroundError(
        t('noDefaultExport', 'app/page.tsx must export a component as default.'),
        { file: PAGE, line: 1, column: 1 },
      )
    const searchParams = Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''))
    return {
      path,
      tree: createElement(Page, {
        params: Promise.resolve({}),
        searchParams: Promise.resolve(searchParams),
      }),
    }
  }
  for (let hops = 0; ; hops++) {
    const rendered = await live.render(path)
    if (!rendered.ok) throw new PlaygroundError(rendered.message, null, 'RenderError')
    const target = rendered.redirect ? playgroundRoute(rendered.redirect.url) : null
    if (rendered.redirect && target === null) showExternalRedirect(rendered.redirect.url)
    if (target === null || hops === MAX_RENDER_REDIRECTS) return { path, tree: rendered.tree }
    path = target
  }
}

/** A route of the playground app from a URL the app or the server gave ("/done", or absolute on this origin). */
function playgroundRoute(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return url
  try {
    const parsed = new URL(url, location.href)
    return parsed.origin === location.origin ? parsed.pathname + parsed.search : null
  } catch {
    return null
  }
}

/** Errors shown when the preview was last clean (compiled or rendered without error). */
let errorsAtLastClean = 0

/**
 * A render after an error (a refused action, say) worked: clear the editor's error overlay the way
 * a clean compile does (`start` clears it, `done` without error keeps it cleared).
 */
function markClean() {
  if (errorsShown() !== errorsAtLastClean) {
    send({ type: 'start', firstLoad: false })
    send({ type: 'done', compilatonError: false })
  }
  errorsAtLastClean = errorsShown()
}

/** Tells the editor's address bar the route shown and whether back/forward can move. */
function announceRoute() {
  send({ type: 'urlchange', url: location.origin + currentPath, ...canGo() })
}

/**
 * Makes `path` the current route, records it in the preview's own history (a traversal already
 * moved there), and tells the editor's address bar unless it is a refresh.
 */
function showRoute(path: string, mode: NavigationMode | 'traverse') {
  const changed = path !== currentPath
  currentPath = path
  setCurrentPath(path)
  if (mode === 'push' || mode === 'replace') recordRoute(path, mode)
  if (mode !== 'refresh' && (changed || mode === 'push' || mode === 'traverse')) announceRoute()
}

/**
 * Shows a route: renders it (a client page here, a server page on the live server) unless the
 * caller already has its tree, and tells the editor's address bar when the URL changed.
 */
async function navigate(path: string, mode: NavigationMode | 'traverse', rendered?: ReactNode) {
  if (!graph) return
  showRoute(path, mode)
  clearNotice()
  setBusy(true)
  let outcome: 'ready' | 'error' = 'ready'
  try {
    const before = errorsShown()
    if (rendered !== undefined) mount(rendered, { transition: true })
    else {
      const shown = await treeFor(path)
      if (shown.path !== path) showRoute(shown.path, 'replace')
      mount(shown.tree, { transition: true })
    }
    if (errorsShown() !== before) outcome = 'error'
    else markClean()
  } catch (error) {
    outcome = 'error'
    showError(error, null, files.keys())
  } finally {
    setBusy(false, outcome)
  }
}

setNavigationHandler((path, mode) => {
  const route = playgroundRoute(path)
  if (route === null) showExternalRedirect(path)
  else void navigate(route, mode)
})
setTraverseHandler((step) => {
  const path = traverse(step)
  if (path !== null) void navigate(path, 'traverse')
})
// Links between the playground's routes (a server page's <a>, next/link) are followed here, in
// the preview's own router, as Next's client router does: the frame never loads another page.
document.addEventListener('click', (event) => {
  const link = followableLink(event, location.origin)
  if (link === null) return
  event.preventDefault()
  void navigate(link.path, link.mode)
})
live.currentPath = () => currentPath
setSourceMapper((location) => {
  const source = files.get(location.file)
  if (source === undefined) return location
  const column = location.line === 1 ? location.column - WRAPPER_START.length : location.column
  return { file: location.file, ...originalPosition(location.file, source, location.line, column) }
})
setStackFormatter((text) =>
  readableStack(text, {
    files: files.keys(),
    toOriginal,
    runtimeNote: (count) =>
      t('runtimeFrames', '… {count} frames inside the preview runtime').replace(
        '{count}',
        String(count),
      ),
  }),
)
live.onActionOutcome = ({ redirect, tree }) => {
  if (redirect) {
    const route = playgroundRoute(redirect.url)
    // A redirect out of the playground app would take the preview away from its runtime.
    if (route === null) showExternalRedirect(redirect.url)
    else void navigate(route, redirect.mode, tree ?? undefined)
  } else if (tree !== null) {
    // revalidatePath(), refresh() or a cookie change: the server sent the page rendered again.
    mount(tree, { transition: true })
  }
}

/** The sign-in toggle of the editor page: sets or clears @/lib/auth's cookie, then renders again. */
async function changeSignIn(user: string | null) {
  setBusy(true)
  let ok = true
  try {
    await live.setAuth(user)
    if (graph && directiveOf(files.get(PAGE) ?? '') !== 'use client')
      await navigate(currentPath, 'refresh')
  } catch (error) {
    ok = false
    showError(error, null, files.keys())
  } finally {
    setBusy(false)
    send({ type: 'live/auth-changed', user, ok })
  }
}

function sourceFiles(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, source] of files) if (isSource(path)) out[path] = source
  return out
}

/**
 * The editor page's "reset data": the same code deployed again on a fresh database (the seed),
 * then the page shown again. Edits keep the rows; only this empties them.
 */
async function resetData() {
  if (!graph) return send({ type: 'live/data-reset', ok: false })
  setBusy(true)
  let ok = true
  try {
    const deployed = await live.deploy(sourceFiles(), { resetData: true })
    ok = deployed.ok
    if (ok) await navigate(currentPath, 'refresh')
  } catch (error) {
    ok = false
    showError(error, null, files.keys())
  } finally {
    setBusy(false)
    send({ type: 'live/data-reset', ok })
  }
}

/** The compile in flight: a mode change waits for it (its deploy read the mode it had). */
let compiling: Promise<void> = Promise.resolve()

function serverFilesOf(map: Map<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {}
  for (const [path, source] of map) if (isSource(path)) out[path] = source
  const needsServer =
    [...map.values()].some((source) => directiveOf(source) === 'use server') ||
    directiveOf(map.get(PAGE) ?? '') !== 'use client'
  return needsServer ? out : null
}

/** Mode changes, one after the other (each deploys the mode last asked for). */
let modeChanges: Promise<void> = Promise.resolve()

/**
 * The editor's production switch: deploys the same files again in the mode last asked for (as
 * `next dev` versus `next start`), renders the route shown again, and says which mode runs.
 */
async function applyMode() {
  setBusy(true)
  let outcome: 'ready' | 'error' = 'ready'
  try {
    await compiling
    const serverFiles = serverFilesOf(files)
    if (graph && serverFiles && live.deployedMode !== live.mode) {
      const deployed = await live.deploy(serverFiles)
      if (!deployed.ok)
        throw new PlaygroundError(
          deployed.errors[0]?.message ?? 'The live server did not accept the files.',
          null,
          'SyntaxError',
        )
      await navigate(currentPath, 'refresh')
    }
  } catch (error) {
    outcome = 'error'
    showError(error, null, files.keys())
  } finally {
    setBusy(false, outcome === 'error' ? 'error' : undefined)
    send({ type: 'live/mode', mode: live.deployedMode ?? live.mode, ok: outcome === 'ready' })
  }
}

async function compile(message: CompileMessage) {
  clearNotice()
  performance.mark('compile-start')
  setBusy(true)
  const mine = ++version
  const initial = firstCompile
  send({ type: 'start', firstLoad: initial })
  // Status messages only during the first compile: sandpack-client only recompiles while its
  // status is `done`, so later edits would be dropped while we work. `done` always comes last.
  if (initial) send({ type: 'status', status: 'transpiling' })
  let failed = false
  try {
    const next = new Map<string, string>()
    for (const [key, module] of Object.entries(message.modules)) {
      const path = toPath(key)
      if (path === 'package.json') continue
      if (path === CONFIG_FILE) config = parseConfig(module.code)
      else next.set(path, module.code)
    }
    files = next
    if (initial) {
      currentPath = config.startPath
      setCurrentPath(currentPath)
      resetHistory(currentPath)
    }

    const server = serverFilesOf(files)
    const serverFiles = server ?? {}
    const needsServer = server !== null

    if (needsServer) live.warmUp()
    // Syntax errors in client files show before the round trip to the server.
    const precheck = new ModuleGraph(files, {}, live.callServer)
    precheck.compileAll()

    let actions: Record<string, string> = {}
    if (needsServer) {
      const deployed = await live.deploy(serverFiles)
      if (mine !== version) return setBusy(false)
      if (!deployed.ok) {
        const [first] = deployed.errors
        const where = first?.file
          ? { file: toPath(first.file), line: first.line || 1, column: first.column || 1 }
          : null
        throw new PlaygroundError(
          first?.message ?? 'The live server did not accept the files.',
          where,
          'SyntaxError',
        )
      }
      actions = deployed.actions
      // The production switch shows the mode that really runs.
      send({ type: 'live/mode', mode: live.deployedMode ?? live.mode, ok: true })
    }
    if (initial) send({ type: 'status', status: 'evaluating' })
    graph = new ModuleGraph(files, actions, live.callServer)
    const current = graph
    setClientModuleLoader((id) => current.requireClientReference(id))
    const shown = await treeFor(currentPath)
    if (mine !== version) return setBusy(false)
    if (shown.path !== currentPath) showRoute(shown.path, 'replace')
    const before = errorsShown()
    mount(shown.tree)
    // A render error caught while mounting was already shown; `done` must not clear it.
    failed = errorsShown() !== before
  } catch (error) {
    if (mine !== version) return setBusy(false)
    failed = true
    showError(error, null, files.keys())
  }
  firstCompile = false
  if (!failed) errorsAtLastClean = errorsShown()
  performance.mark('compile-done')
  setBusy(false, failed ? 'error' : 'ready')
  send({ type: 'done', compilatonError: failed })
}

onMessage((message) => {
  if (message.type === 'compile')
    compiling = compile(message as unknown as CompileMessage).catch(() => {})
  else if (message.type === 'live/clear-cookies') void live.clearCookies()
  else if (message.type === 'live/auth')
    void changeSignIn(typeof message.user === 'string' ? message.user : null)
  // The editor page closed its JavaScript-off view: show what those plain form posts changed.
  else if (message.type === 'live/refresh') void navigate(currentPath, 'refresh')
  // The editor page's JavaScript-off view uses this session while it is open.
  else if (message.type === 'live/keep-session') live.keepSession = message.keep === true
  else if (message.type === 'live/network-mode') setNetworkMode(message.mode)
  else if (message.type === 'live/reset-data') void resetData()
  // The editor's address bar: a route typed in, and its back and forward buttons.
  else if (message.type === 'live/navigate' && typeof message.path === 'string') {
    const route = playgroundRoute(message.path)
    if (route !== null && graph) void navigate(route, 'push')
  } else if (message.type === 'live/back' || message.type === 'live/forward') {
    const path = traverse(message.type === 'live/back' ? -1 : 1)
    if (path !== null) void navigate(path, 'traverse')
  } else if (message.type === 'live/mode') {
    live.mode = message.mode === 'production' ? 'production' : 'development'
    modeChanges = modeChanges.then(applyMode)
  }
  // The network panel's request composer: sent from here, this preview's own origin.
  // Every field is checked there: the message is only shaped like one.
  else if (message.type === 'live/compose')
    void compose(message as ComposeMessage, live.sessionId())
  else if (message.type === 'live/theme' && isScheme(message.scheme)) applyTheme(message.scheme)
})

// The server forgot the session and a call recovered it: tokens on the page are the old session's.
live.onRecovered = () => void navigate(currentPath, 'refresh')
// The playground goes away (the docs page left, the preview reloaded): end its session now rather
// than leave it to the idle expiry.
window.addEventListener('pagehide', () => live.end())

window.addEventListener('error', (event) =>
  showError(event.error ?? event.message, null, files.keys()),
)
window.addEventListener('unhandledrejection', (event) =>
  showError(event.reason, null, files.keys()),
)

new ResizeObserver(() =>
  send({ type: 'resize', height: document.documentElement.scrollHeight }),
).observe(document.body)
send({ type: 'urlchange', url: location.origin + '/', back: false, forward: false })
performance.mark('runtime-ready')
announceReady()
