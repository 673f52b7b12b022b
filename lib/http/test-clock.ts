// The end-to-end suite's clock (TIRKEU_TEST_CLOCK=1, set only on its own server, never in a deployment): the cookie
// holds an offset in milliseconds that the pages reading "now" for display add to the real time (a certificate shown
// expired 11 days later, issue 16). Without the switch the cookie is ignored.
export const testClockCookie = 'tirkeu-test-clock'

export function testClockOffset(value: string | undefined, enabled: boolean): number {
  if (!enabled || !value || !/^-?[0-9]{1,13}$/.test(value)) return 0
  return Number(value)
}
