import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { LanguageSwitch } from './language-switch'

// The header of pages seen before signing in (sign-in, demo inbox, not found); `changeLanguage` comes from the route.
export async function PublicHeader({ changeLanguage }: { changeLanguage: (locale: unknown) => Promise<unknown> }) {
  const app = await getTranslations('app')
  return (
    <header className="bg-brand text-white">
      <div className="mx-auto flex max-w-5xl items-center gap-4 px-3 py-2">
        <Link href="/" className="font-bold tracking-wide">
          {app('name')}
        </Link>
        <span className="hidden text-sm text-white/90 sm:inline">{app('tagline')}</span>
        <div className="ml-auto">
          <LanguageSwitch changeLanguage={changeLanguage} />
        </div>
      </div>
    </header>
  )
}
