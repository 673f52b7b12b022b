import { useTranslations } from 'next-intl'
import type { RequestStatus } from '@/db/schema'

const tones: Record<RequestStatus, string> = {
  submitted: 'bg-sky-100 text-sky-900 border-sky-300',
  in_review: 'bg-indigo-100 text-indigo-900 border-indigo-300',
  approved: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  signed: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  issued: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  refused: 'bg-red-100 text-red-900 border-red-300',
  cancelled: 'bg-slate-200 text-slate-800 border-slate-300',
}

// `label`: the service's own word for the status, where the engine's would mislead (a complaint "satisfied").
export function StatusBadge({ status, label }: { status: RequestStatus; label?: string }) {
  const t = useTranslations('requests.status')
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-bold whitespace-nowrap ${tones[status]}`}>
      {label ?? t(status)}
    </span>
  )
}
