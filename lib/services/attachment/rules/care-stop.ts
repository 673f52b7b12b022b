import type { CareStopReason } from '@/db/schema/care-stop'
import { addDays, type Day } from '@/lib/calendar'

export const contractReasons: readonly CareStopReason[] = ['contract_terminated', 'contract_amended']

export function isContractReason(reason: CareStopReason): boolean {
  return contractReasons.includes(reason)
}

// Rules of attachment p.34: the last day the attached population may be told that the clinic stops primary care.
// (1) at least 30 calendar days before the purchase contract with the Fund is terminated or amended;
// (2)-(3) within 2 calendar days of learning of reorganization, liquidation or the Fund's non-placement of volumes.
export function noticeDeadline(reason: CareStopReason, dates: { stopsOn: Day; learnedOn?: Day | null }): Day {
  if (isContractReason(reason)) return addDays(dates.stopsOn, -30)
  if (!dates.learnedOn) throw new Error(`p.34: ${reason} needs the day the clinic learned of it`)
  return addDays(dates.learnedOn, 2)
}

// A notice recorded after its deadline is still sent at once; the board shows it as late.
export function isNoticeLate(noticeDue: Day, recordedOn: Day): boolean {
  return recordedOn > noticeDue
}
