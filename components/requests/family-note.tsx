import { getTranslations } from 'next-intl/server'
import type { GroupMemberDto } from '@/lib/requests/queries'

// p.30 para 2: a queue row of a family member says so and names the other members with their statuses.
export async function FamilyNote({ members }: { members: GroupMemberDto[] }) {
  const t = await getTranslations()
  const others = members.map((member) => `${member.patientName} (${t(`requests.status.${member.status}`)})`).join(', ')
  return (
    <>
      <span
        className="ml-1 rounded bg-indigo-700 px-1 text-xs font-bold text-white"
        title={t('family.badgeTitle', { members: others })}
      >
        {t('family.badge', { count: members.length + 1 })}
      </span>
      <span className="block text-xs text-slate-600">{others}</span>
    </>
  )
}
