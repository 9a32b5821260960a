// No error.jsx on this route's path: the error reaches Next's default global error.
export const dynamic = 'force-dynamic'

export default async function BareBoom() {
  throw new Error('secret detail of the failure')
}
