import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import type { Actor } from '@/lib/auth/actor'
import { homeOf } from '@/lib/auth/actor'
import { LanguageSwitch } from './language-switch'

export type NavItem = { href: string; label: string }

// The server actions of the header, passed in by the route (app/actions.ts).
export type ShellActions = { changeLanguage: (locale: unknown) => Promise<unknown>; signOutEverywhere: () => Promise<void> }

export async function AppShell({
  actor,
  organizationName,
  nav,
  actions,
  children,
  wide = true,
}: {
  actor: Actor
  organizationName: string | null
  nav: NavItem[]
  actions: ShellActions
  children: React.ReactNode
  wide?: boolean
}) {
  const t = await getTranslations('shell')
  const locale = await getLocale()
  return (
    <div lang={locale} className="flex min-h-screen flex-col">
      <header className="bg-brand text-white">
        <div
          className={`mx-auto flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-1.5 ${wide ? 'max-w-[1600px]' : 'max-w-3xl'}`}
        >
          <Link href={homeOf[actor.role]} className="font-bold tracking-wide">
            {t('appName')}
          </Link>
          {organizationName ? <span className="text-sm text-white/90">{organizationName}</span> : null}
          <nav aria-label={t('navigation')} className="flex gap-3 text-sm">
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="underline-offset-2 hover:underline">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              <span className="font-bold">{actor.name}</span>
              <span className="text-white/80"> · {t(`roles.${actor.role}`)}</span>
            </span>
            <LanguageSwitch changeLanguage={actions.changeLanguage} />
            <form action={actions.signOutEverywhere}>
              <button type="submit" className="rounded border border-white/40 px-2 py-1 text-xs font-bold hover:bg-white/10">
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className={`mx-auto w-full flex-1 px-3 py-3 ${wide ? 'max-w-[1600px]' : 'max-w-3xl'}`}>{children}</main>
    </div>
  )
}
