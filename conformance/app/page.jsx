import { echo } from './actions'

// Rendered per request, as every playground route is on the live server.
export const dynamic = 'force-dynamic'

export default async function Home() {
  const secret = 'closure-value'
  async function reveal() {
    'use server'
    return secret
  }
  return (
    <main>
      <h1>Conformance</h1>
      <form action={reveal}>
        <button>Reveal</button>
      </form>
      <form action={echo}>
        <button>Echo</button>
      </form>
    </main>
  )
}
