import 'server-only'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { getDb } from '@/db/client'
import { homeOf, type Actor, type PatientActor, type Role, type StaffActor } from './actor'
import { almatyToday, loadActor } from './load-actor'
import { sessionSubject } from './session-token'

// The signed-in person, loaded afresh from the database once per request (a deactivated login stops at once).
export const getActor = cache(async (): Promise<Actor | null> => {
  const subject = await sessionSubject()
  if (!subject) return null
  return loadActor(getDb(), subject, almatyToday(new Date()), subject.signedInAt)
})

type ActorFor<R extends Role> = [R] extends ['patient']
  ? PatientActor
  : [Exclude<R, 'patient'>] extends [never]
    ? Actor
    : StaffActor

// Every page and layout starts here: no session → sign-in page; another role → that role's own home.
export async function requireActor<R extends Role>(...roles: R[]): Promise<ActorFor<R>> {
  const actor = await getActor()
  if (!actor) redirect('/login')
  if (roles.length > 0 && !roles.includes(actor.role as R)) redirect(homeOf[actor.role])
  return actor as ActorFor<R>
}
