// Every flow runs under the app's Content-Security-Policy: a page whose script, style or frame the policy blocks
// (or any script error) fails the test that opened it, so the policy is proven on every screen the suite walks.
import { expect, test as base } from '@playwright/test'

export { expect }
export type { Browser, Locator, Page } from '@playwright/test'

export const test = base.extend<{ policyGuard: void }>({
  policyGuard: [
    async ({ context }, use) => {
      const problems: string[] = []
      const watch = (page: import('@playwright/test').Page) => {
        page.on('console', (message) => {
          if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
            problems.push(`${page.url()}: ${message.text()}`)
        })
        page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
      }
      context.pages().forEach(watch)
      context.on('page', watch)
      await use()
      expect(problems, 'blocked by the Content-Security-Policy, or a script error').toEqual([])
    },
    { auto: true },
  ],
})
