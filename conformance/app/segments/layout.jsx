// A segment with its own error and not-found boundaries (issue 12): Next nests them as
// layout > error > not-found > page; the live server's page tree does the same.
export default function SegmentsLayout({ children }) {
  return <section>{children}</section>
}
