'use client'

import { PeopleTable } from './delivery'

type Person = { patientId: number; iin: string; name: string; address: string }

// Issue 15, point 3: on the confirmation of a mass notice, the people no SMS can reach, so that they are told in
// writing: the first ones by name with their addresses, and how many more.
export function WithoutPhoneCheck({
  people,
  total,
  text,
}: {
  people: Person[]
  total: number
  text: { heading: string; more: string | null; name: string; iin: string; address: string }
}) {
  if (total === 0) return null
  return (
    <div className="space-y-1" data-testid="without-phone-check">
      <PeopleTable
        heading={{ text: text.heading, className: 'text-amber-900' }}
        className="max-w-4xl"
        rows={people}
        columns={[
          { label: text.name, value: (row) => row.name },
          { label: text.iin, value: (row) => row.iin, numeric: true },
          { label: text.address, value: (row) => row.address },
        ]}
      />
      {text.more ? <p className="text-sm text-slate-700">{text.more}</p> : null}
    </div>
  )
}
