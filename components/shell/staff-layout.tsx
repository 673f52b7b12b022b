import { getLocale } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { StaffRole } from '@/db/schema'
import { requireActor } from '@/lib/auth/session'
import { localized } from '@/lib/i18n/format'
import { getOrganizationHeader } from '@/lib/organizations/queries'
import { AppShell, type NavItem } from './app-shell'

export async function StaffLayout({ role, nav, children }: { role: StaffRole; nav: NavItem[]; children: React.ReactNode }) {
  const actor = await requireActor(role)
  const locale = await getLocale()
  const organization = await getOrganizationHeader(getDb(), actor.organizationId)
  return (
    <AppShell
      actor={actor}
      organizationName={organization ? localized(locale, organization.nameKk, organization.nameRu) : null}
      nav={nav}
    >
      {children}
    </AppShell>
  )
}
