import { getLocale } from 'next-intl/server'
import { getDb } from '@/db/client'
import type { StaffRole } from '@/db/schema'
import { requireActor } from '@/lib/auth/session'
import { localized } from '@/lib/i18n/format'
import { getOrganizationHeader } from '@/lib/organizations/queries'
import { changeLanguage, signOutEverywhere } from '@/app/actions'
import { AppShell, type NavItem } from '@/components/shell/app-shell'

// Every staff role's frame: the clinic's name read for the header, the header's actions passed to the shell.
export async function StaffLayout({ role, nav, children }: { role: StaffRole; nav: NavItem[]; children: React.ReactNode }) {
  const actor = await requireActor(role)
  const locale = await getLocale()
  const organization = await getOrganizationHeader(getDb(), actor.organizationId)
  return (
    <AppShell
      actor={actor}
      organizationName={organization ? localized(locale, organization.nameKk, organization.nameRu) : null}
      nav={nav}
      actions={{ changeLanguage, signOutEverywhere }}
    >
      {children}
    </AppShell>
  )
}
