// The preview page: Sandpack's bundler, self-hosted. Each `compile` message from the editor
// compiles the client files, deploys the server files to the live server, evaluates the app and
// renders it; it always ends with `done`, or the editor stops sending recompiles.
import './webpack-shim'
import { createElement, Component, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { hookConsole } from './console'
import { errorsShown, PlaygroundError, setSourceMapper, showError } from './errors'
import { CONFIG_FILE, directiveOf, isSource, parseConfig, toPath, type PlaygroundConfig } from './files'
import { LiveServer } from './live'
import { ModuleGraph, WRAPPER_START } from './modules'
import { originalPosition } from './compile'
import { setCurrentPath, setNavigationHandler } from './navigation'
import { announceReady, onMessage, send, type CompileMessage } from './protocol'
import { setClientModuleLoader } from './webpack-shim'

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

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false }
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

function mount(tree: ReactNode) {
  if (!root) root = createRoot(container)
  const element = createElement(Boundary, { key: version, children: tree })
  flushSync(() => root!.render(element))
}

function t(key: string, fallback: string): string {
  return config.strings[key] ?? fallback
}

/** The tree for a route: a client page is rendered here; a server page comes from the live server. */
async function treeFor(path: string): Promise<ReactNode> {
  const page = files.get(PAGE)
  if (page === undefined) throw new PlaygroundError(t('noPage', 'This playground has no app/page.tsx.'), null)
  if (directiveOf(page) === 'use client') {
    const exports = graph!.require(PAGE)
    const Page = (exports.default ?? exports.Page) as ((props: object) => ReactNode) | undefined
    if (typeof Page !== 'function') throw new PlaygroundError(t('noDefaultExport', 'app/page.tsx must export a component as default.'), { file: PAGE, line: 1, column: 1 })
    return createElement(Page, { params: Promise.resolve({}), searchParams: Promise.resolve(Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''))) })
  }
  if (!live.canRender) throw new PlaygroundError(t('noServerRender', 'The live server cannot render Server Components yet.'), null, 'RenderError')
  const rendered = await live.render(path)
  if (!rendered.ok) {
    const message = rendered.status === 404 || rendered.status === 405 || rendered.status === 501 ? t('noServerRender', 'The live server cannot render Server Components yet.') : rendered.message
    throw new PlaygroundError(message, null, 'RenderError')
  }
  return rendered.tree
}

async function navigate(path: string, mode: 'push' | 'replace' | 'refresh') {
  currentPath = path
  setCurrentPath(path)
  if (mode !== 'refresh') send({ type: 'urlchange', url: location.origin + path, back: false, forward: false })
  try {
    mount(await treeFor(path))
  } catch (error) {
    showError(error, null, files.keys())
  }
}

setNavigationHandler((path, mode) => void navigate(path, mode))
setSourceMapper(location => {
  const source = files.get(location.file)
  if (source === undefined) return location
  const column = location.line === 1 ? location.column - WRAPPER_START.length : location.column
  return { file: location.file, ...originalPosition(location.file, source, location.line, column) }
})
live.onActionOutcome = ({ redirect, revalidated, tree }) => {
  if (redirect) {
    const target = redirect.split(';')[0]
    if (target.startsWith('/')) void navigate(target, 'push')
  } else if (tree && revalidated) {
    void tree.then(next => next && mount(next))
  }
}

async function compile(message: CompileMessage) {
  performance.mark('compile-start')
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
    }

    const serverFiles: Record<string, string> = {}
    for (const [path, source] of files) if (isSource(path)) serverFiles[path] = source
    const needsServer = [...files.values()].some(source => directiveOf(source) === 'use server') || directiveOf(files.get(PAGE) ?? '') !== 'use client'

    if (needsServer) live.warmUp()
    // Syntax errors in client files show before the round trip to the server.
    const precheck = new ModuleGraph(files, {}, live.callServer)
    precheck.compileAll()

    let actions: Record<string, string> = {}
    if (needsServer) {
      const deployed = await live.deploy(serverFiles)
      if (mine !== version) return
      if (!deployed.ok) {
        const [first] = deployed.errors
        const where = first?.file ? { file: toPath(first.file), line: first.line || 1, column: first.column || 1 } : null
        throw new PlaygroundError(first?.message ?? 'The live server did not accept the files.', where, 'SyntaxError')
      }
      actions = deployed.actions
    }
    if (initial) send({ type: 'status', status: 'evaluating' })
    graph = new ModuleGraph(files, actions, live.callServer)
    const current = graph
    setClientModuleLoader(id => current.requireClientReference(id))
    const tree = await treeFor(currentPath)
    if (mine !== version) return
    const before = errorsShown()
    mount(tree)
    // A render error caught while mounting was already shown; `done` must not clear it.
    failed = errorsShown() !== before
  } catch (error) {
    if (mine !== version) return
    failed = true
    showError(error, null, files.keys())
  }
  firstCompile = false
  performance.mark('compile-done')
  send({ type: 'done', compilatonError: failed })
}

onMessage(message => {
  if (message.type === 'compile') void compile(message as unknown as CompileMessage)
  else if (message.type === 'live/clear-cookies') void live.clearCookies()
})

window.addEventListener('error', event => showError(event.error ?? event.message, null, files.keys()))
window.addEventListener('unhandledrejection', event => showError(event.reason, null, files.keys()))

new ResizeObserver(() => send({ type: 'resize', height: document.documentElement.scrollHeight })).observe(document.body)
send({ type: 'urlchange', url: location.origin + '/', back: false, forward: false })
performance.mark('runtime-ready')
announceReady()
