import { describe, expect, it } from 'vitest'
import { workingHourRuns } from '@/lib/organizations/working-hours'

describe("a clinic's working hours, as its board shows them", () => {
  it('joins consecutive days with the same hours', () => {
    const day = { from: '08:00', to: '20:00' }
    expect(workingHourRuns({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: { from: '09:00', to: '14:00' } })).toEqual([
      { first: 'mon', last: 'fri', from: '08:00', to: '20:00' },
      { first: 'sat', last: 'sat', from: '09:00', to: '14:00' },
    ])
  })

  it('does not join across a closed day or different hours', () => {
    const day = { from: '08:00', to: '17:00' }
    expect(workingHourRuns({ mon: day, wed: day, thu: { from: '08:00', to: '18:00' }, sun: day })).toEqual([
      { first: 'mon', last: 'mon', from: '08:00', to: '17:00' },
      { first: 'wed', last: 'wed', from: '08:00', to: '17:00' },
      { first: 'thu', last: 'thu', from: '08:00', to: '18:00' },
      { first: 'sun', last: 'sun', from: '08:00', to: '17:00' },
    ])
    expect(workingHourRuns({})).toEqual([])
  })
})
