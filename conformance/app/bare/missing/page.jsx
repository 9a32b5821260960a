import { notFound } from 'next/navigation'

// No not-found.jsx on this route's path: Next's default 404 page, in the root layout.
export const dynamic = 'force-dynamic'

export default async function BareMissing() {
  notFound()
}
