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
