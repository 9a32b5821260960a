// Playgrounds boot only after a reader's first real input (components/playground/readerPresence.ts).
// Tests and benches that expect live previews act as a reader at the page.

/**
 * A pointer move after every load of the page, as a reader's hand on the mouse would make.
 * @param {import('playwright-core').Page} page
 */
export function actAsReader(page) {
  let x = 1
  page.on('load', () => {
    x = 3 - x
    page.mouse.move(x, x).catch(() => {})
  })
}
