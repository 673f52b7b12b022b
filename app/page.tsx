import { redirect } from 'next/navigation'
import { homeOf } from '@/lib/auth/actor'
import { getActor } from '@/lib/auth/session'

export default async function Home() {
  const actor = await getActor()
  redirect(actor ? homeOf[actor.role] : '/login')
}
