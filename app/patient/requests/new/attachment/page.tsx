import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth/session'
import { localized } from '@/lib/i18n/format'
import { listMyPeople } from '@/lib/patients/queries'
import { listClinicChoices } from '@/lib/services/attachment/queries'
import { ageOn, almatyDay } from '@/lib/calendar'
import { applicablePortalBases, canChooseFreely, isChild, mayUsePortalBases } from '@/lib/services/attachment/rules'
import { defaultAddressKind, mayBePregnant } from '@/lib/services/attachment/rules/address'
import { attachmentFacts } from '@/lib/services/attachment/validate'
import { AttachmentRequestForm } from './attachment-request-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('attachmentForm'))('heading') }
}

export default async function NewAttachmentRequestPage() {
  const actor = await requireActor('patient')
  const t = await getTranslations('attachmentForm')
  const locale = await getLocale()
  const db = getDb()
  const [people, clinics] = await Promise.all([listMyPeople(db, actor), listClinicChoices(db)])
  const today = almatyDay(new Date())
  // Only the bases that apply to each person today (p.27, p.31); the server checks them again on submit.
  const eligibility = await Promise.all(
    people.map(async (person) => {
      const facts = await attachmentFacts(db, person.id, today)
      // p.9: children up to 5 are attached within 3 days of discharge from the maternity ward.
      const age = facts ? ageOn(facts.birthDate, today) : 0
      const newborn = facts ? age < 6 : false
      // p.9, p.12: the address is suggested by age; the pregnancy mark is offered to women of 14 and over.
      const address = {
        addressKind: facts ? defaultAddressKind(facts.birthDate, today) : ('actual' as const),
        mayBePregnant: facts ? mayBePregnant(facts, today) : false,
      }
      // p.30 para 3, p.9 para 2: a child or a ward is attached by the legal representative, not by their own hand.
      if (!facts || (person.id === actor.id && (isChild(facts.birthDate, today) || facts.underGuardianship)))
        return { bases: [], insuranceOnly: false, freeChoiceUsed: false, age, newborn, ...address }
      return {
        bases: applicablePortalBases({ ...facts, today }),
        insuranceOnly: !mayUsePortalBases(facts.status, facts.residence),
        freeChoiceUsed: !canChooseFreely(facts.approvedFreeChoicesThisYear),
        age,
        newborn,
        ...address,
      }
    }),
  )
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-bold">{t('heading')}</h1>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <AttachmentRequestForm
        people={people.map((person, index) => ({
          id: person.id,
          name: person.name,
          address: person.address,
          ...eligibility[index]!,
        }))}
        clinics={clinics.map((clinic) => ({
          id: clinic.id,
          name: localized(locale, clinic.nameKk, clinic.nameRu),
          address: localized(locale, clinic.addressKk, clinic.addressRu),
          sections: clinic.sections.map((section) => ({
            id: section.id,
            number: section.number,
            territory: localized(locale, section.territoryKk, section.territoryRu),
            doctor: section.doctor,
            attached: Number(section.attached),
            norm: section.norm,
            ageFrom: section.ageFrom,
            ageTo: section.ageTo,
          })),
        }))}
      />
    </div>
  )
}
