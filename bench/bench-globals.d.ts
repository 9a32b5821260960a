// What bench/playground.mjs's instrument() records in each frame, read back with page.evaluate:
// a preview frame fills firstPaint and headings, the docs page inView and keys.
interface Window {
  __bench: {
    firstPaint: number | null
    headings: { text: string | null; t: number }[]
    inView: number | null
    keys: number[]
  }
}
// What bench/first-preview.mjs's instrument() records (epoch ms): the preview frame's first text
// and readiness, the docs page's snapshot frame load and editor mount.
interface Window {
  __fp: {
    text: number | null
    ready: number | null
    snapshot: number | null
    editor: number | null
  }
}
// What bench/preview-boot.mjs's instrument() records: each frame's handshake messages, with times.
interface Window {
  __boot: string[]
}
