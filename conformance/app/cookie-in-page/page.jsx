import { cookies } from 'next/headers'

// A Server Component may read cookies, never set them: Next throws while rendering.
export const dynamic = 'force-dynamic'

export default async function CookieInPage() {
  ;(await cookies()).set('theme', 'dark')
  return <p>never</p>
}
