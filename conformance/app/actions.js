'use server'
// The actions the conformance test calls on real Next 16 and on the live server alike.
import { cookies } from 'next/headers'
import { revalidatePath, revalidateTag } from 'next/cache'
import { redirect, notFound } from 'next/navigation'
import { z } from 'zod'

export async function echo(value) {
  return value
}

export async function count(...args) {
  return args.length
}

export async function fail() {
  throw new Error('secret detail 42')
}

export async function goTarget() {
  redirect('/target')
}

export async function goExternal() {
  redirect('https://example.com/elsewhere')
}

export async function missing() {
  notFound()
}

export async function setTheme(theme) {
  ;(await cookies()).set('theme', theme)
  return theme
}

export async function revalidateHome() {
  revalidatePath('/')
  return 'ok'
}

export async function revalidateMax() {
  revalidateTag('posts', 'max')
  return 'ok'
}

export async function revalidateNow() {
  revalidateTag('posts', { expire: 0 })
  return 'ok'
}

const Todo = z.object({ title: z.string().min(3) })

export async function addTodo(input) {
  const parsed = Todo.safeParse(input)
  if (!parsed.success) return { ok: false, errors: z.flattenError(parsed.error).fieldErrors }
  return { ok: true, todo: parsed.data }
}

export async function touch(value) {
  return value.x
}

export async function symbol() {
  return Symbol.for('conformance')
}
