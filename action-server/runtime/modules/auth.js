// @/lib/auth: a sign-in cookie the playground toggles decides who is signed in.
import { getRequestStore } from '../request-store.js'
import { peek } from './db.js'

export const AUTH_COOKIE = 'live_user'

const DEMO_USERS = [
  { id: 'user_1', name: 'Ada Lovelace', imageUrl: '/avatars/ada.svg' },
  { id: 'user_2', name: 'Alan Turing', imageUrl: '/avatars/alan.svg' },
]

function signedInId() {
  const store = getRequestStore('auth')
  const w = store.cookieWrites.get(AUTH_COOKIE)
  const value = w ? (w.maxAge === 0 ? '' : w.value) : store.cookies.get(AUTH_COOKIE)
  return value ? String(value) : null
}

/** Awaitable, and for older examples (Clerk before v6: `const { userId } = auth()`) usable as is. */
export function auth() {
  const value = { userId: signedInId() }
  return Object.assign(Promise.resolve(value), value)
}

export async function currentUser() {
  const id = signedInId()
  if (!id) return null
  const row = peek('user', id) || peek('users', id) || DEMO_USERS.find((u) => u.id === id)
  if (!row) return { id, name: id, imageUrl: null }
  return { id: row.id, name: row.name ?? id, imageUrl: row.imageUrl ?? null }
}

export { DEMO_USERS }
