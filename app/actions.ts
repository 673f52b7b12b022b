'use server'

import { eq } from 'drizzle-orm'
import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { patients, staff } from '@/db/schema'
import { writeAudit } from '@/lib/audit'
import { signOut } from '@/lib/auth/next-auth'
import { getActor } from '@/lib/auth/session'
import { isLocale } from '@/lib/i18n/config'
import { setLocaleCookie } from '@/lib/i18n/locale-cookie'
import { clientAddress } from '@/lib/request-context'

// The screen's language is kept in a cookie; staff have it on their profile too (restored at sign-in on any device).
// A patient's record keeps the language of his SMS and notices, which he sets on his home page: the screen's language
// does not change it (issue 15: the SMS followed the last language chosen on screen).
export async function changeLanguage(locale: unknown): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false }
  await setLocaleCookie(locale)
  const actor = await getActor()
  if (actor?.kind === 'staff') {
    const db = getDb()
    await db.transaction(async (tx) => {
      await tx.update(staff).set({ locale }).where(eq(staff.id, actor.id))
      await writeAudit(tx, {
        actor,
        action: 'profile.changeLanguage',
        organizationId: actor.organizationId,
        address: await clientAddress(),
        details: { locale },
      })
    })
  }
  revalidatePath('/', 'layout')
  return { ok: true }
}

// Ends this person's sessions on every device, not only in this browser.
export async function signOutEverywhere(): Promise<void> {
  const actor = await getActor()
  if (actor) {
    const db = getDb()
    const address = await clientAddress()
    await db.transaction(async (tx) => {
      const now = new Date()
      if (actor.kind === 'staff') await tx.update(staff).set({ sessionsRevokedAt: now }).where(eq(staff.id, actor.id))
      else await tx.update(patients).set({ sessionsRevokedAt: now }).where(eq(patients.id, actor.id))
      await writeAudit(tx, {
        actor,
        action: 'auth.signOut',
        organizationId: actor.kind === 'staff' ? actor.organizationId : null,
        patientId: actor.kind === 'patient' ? actor.id : null,
        address,
      })
    })
  }
  await signOut({ redirectTo: '/login' })
}
