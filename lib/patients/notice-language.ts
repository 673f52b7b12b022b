import 'server-only'
import { eq } from 'drizzle-orm'
import type { Database } from '@/db/client'
import { patients, type Locale } from '@/db/schema'
import { invalidInput, type ActionResult } from '@/lib/action-result'
import { writeAudit } from '@/lib/audit'
import type { PatientActor } from '@/lib/auth/actor'
import { noticeLanguageSchema } from './notice-language-schema'

// The patient's own record: every SMS to him (about himself or a child he applies for) follows it.
export async function setNoticeLanguage(
  db: Database,
  actor: PatientActor,
  input: unknown,
  context: { address: string | null },
): Promise<ActionResult<{ locale: Locale }>> {
  const parsed = noticeLanguageSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { locale } = parsed.data
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: patients.locale }).from(patients).where(eq(patients.id, actor.id)).for('update')
    if (!before) return invalidInput()
    if (before.locale === locale) return { ok: true, data: { locale } }
    await tx.update(patients).set({ locale }).where(eq(patients.id, actor.id))
    await writeAudit(tx, {
      actor,
      action: 'profile.noticeLanguage',
      patientId: actor.id,
      entity: 'patient',
      entityId: actor.id,
      address: context.address,
      details: { from: before.locale, to: locale },
    })
    return { ok: true, data: { locale } }
  })
}

export async function noticeLanguageOf(db: Database, actor: PatientActor): Promise<Locale> {
  const [row] = await db.select({ locale: patients.locale }).from(patients).where(eq(patients.id, actor.id))
  return row?.locale ?? 'kk'
}
