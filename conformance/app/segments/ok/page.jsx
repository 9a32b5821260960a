export const dynamic = 'force-dynamic'

export default async function Ok() {
  return <p>Segment page</p>
}
