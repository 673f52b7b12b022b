import type { VerificationVerdict } from '@/lib/verification/verdict'

export type PanelTone = VerificationVerdict | 'not_found' | 'rate_limited'

const tones: Record<PanelTone, string> = {
  genuine: 'border-green-700 bg-green-50 text-green-950',
  expired: 'border-orange-700 bg-orange-50 text-orange-950',
  not_genuine: 'border-red-700 bg-red-50 text-red-950',
  revoked: 'border-amber-600 bg-amber-50 text-amber-950',
  cannot_check: 'border-slate-500 bg-slate-100 text-slate-900',
  not_signed: 'border-slate-500 bg-slate-100 text-slate-900',
  not_found: 'border-slate-500 bg-slate-100 text-slate-900',
  rate_limited: 'border-slate-500 bg-slate-100 text-slate-900',
}

// The verdict at the top of /verify/<code>: one word a person at a desk can read from across the room, then why.
export function VerdictPanel({ tone, heading, children }: { tone: PanelTone; heading: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby="verdict-heading"
      data-verdict={tone}
      className={`mb-4 rounded border-l-8 border-y border-r px-4 py-3 ${tones[tone]}`}
    >
      <h1 id="verdict-heading" className="text-2xl font-bold">
        {heading}
      </h1>
      <div className="mt-1 text-sm">{children}</div>
    </section>
  )
}
