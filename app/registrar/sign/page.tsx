import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { SigningInboxPage } from '@/app/_shared/signing-inbox-page'
import { requireActor } from '@/lib/auth/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signingInbox'))('heading') }
}

export default async function RegistrarSigningInbox() {
  return <SigningInboxPage actor={await requireActor('registrar')} />
}
