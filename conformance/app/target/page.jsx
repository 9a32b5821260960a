// Rendered per request, as every playground route is on the live server.
export const dynamic = 'force-dynamic'

export default function Target() {
  return <p>Redirected here</p>
}
