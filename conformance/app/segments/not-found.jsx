export default function SegmentsNotFound() {
  return <p>No such segment page</p>
}
