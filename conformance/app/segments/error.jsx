'use client'

export default function SegmentsError({ error, reset }) {
  return (
    <div role="alert">
      <p>Segment error: {error.message}</p>
      <p>Digest: {error.digest}</p>
      <button onClick={() => reset()}>Try again</button>
    </div>
  )
}
