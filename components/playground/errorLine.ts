// The error's line, marked in the editor (a CodeMirror line decoration) and reachable from the
// overlay: the overlay's code frame calls `jumpTo`, which opens the file, puts the cursor on the
// line and scrolls it into view. Sandpack's own inline errors are cleared only by a message our
// runtime does not send and miss a file opened after the error, so the mark follows Sandpack's
// error state here instead. The editor is found from the playground's DOM (EditorView.findFromDOM),
// so no ref has to be threaded through the toolbar and panels.
import { StateEffect, StateField, type Extension } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import { useSandpack } from '@codesandbox/sandpack-react'
import { useCallback, useEffect, type RefObject } from 'react'

const setErrorLine = StateEffect.define<number | null>()
const mark = Decoration.line({ attributes: { class: 'cm-errorLine' } })

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes)
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue
      const line = effect.value
      next =
        line !== null && line >= 1 && line <= transaction.state.doc.lines
          ? Decoration.set([mark.range(transaction.state.doc.line(line).from)])
          : Decoration.none
    }
    return next
  },
  provide: (field) => EditorView.decorations.from(field),
})

/** Pass to SandpackCodeEditor's `extensions` (a stable array). */
export const errorLineExtensions: Extension[] = [errorLineField]

/** The CodeMirror view of the playground that holds `node`. */
function editorNear(node: Element | null): EditorView | null {
  const root = node?.closest('section[data-playground]') ?? node
  const dom = root?.querySelector<HTMLElement>('.cm-editor')
  return dom ? EditorView.findFromDOM(dom) : null
}

/** Keeps the mark on the error's line of the file shown, and removes it when the error goes. */
export function useErrorLineMark(ref: RefObject<HTMLElement | null>) {
  const { sandpack } = useSandpack()
  const { error, activeFile } = sandpack
  const line = error?.path === activeFile && error.line ? error.line : null
  useEffect(() => {
    // The editor of a newly opened file mounts in the same commit: wait for it.
    const frame = requestAnimationFrame(() =>
      editorNear(ref.current)?.dispatch({ effects: setErrorLine.of(line) }),
    )
    return () => cancelAnimationFrame(frame)
  }, [ref, line, activeFile])
}

/** Opens `path` in the editor of the playground holding the event's target, at line:column. */
export function useJumpTo() {
  const { sandpack } = useSandpack()
  const { setActiveFile, files } = sandpack
  return useCallback(
    (from: Element, path: string, line: number, column = 1) => {
      const code = files[path]?.code
      if (code === undefined) return
      setActiveFile(path)
      let tries = 0
      const go = () => {
        const editor = editorNear(from)
        // The editor shows the file once its document is that file's code.
        if (!editor || editor.state.doc.toString() !== code) {
          if (++tries < 60) requestAnimationFrame(go)
          return
        }
        const target = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines))
        const anchor = Math.min(target.from + Math.max(0, column - 1), target.to)
        editor.dispatch({
          selection: { anchor },
          effects: [EditorView.scrollIntoView(anchor, { y: 'center' }), setErrorLine.of(line)],
        })
        editor.focus()
      }
      requestAnimationFrame(go)
    },
    [setActiveFile, files],
  )
}
