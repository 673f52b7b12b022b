import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import GlobalError from '@/app/global-error'

// Issue 15: a fault in the root layout is shown as a whole page of its own, in the person's language, with the code
// to quote (the digest of the server's log line).
describe('the page for a fault in the root layout', () => {
  const fault = Object.assign(new Error('layout failed'), { digest: '2718281828' })

  it('is a whole document with the code to quote, in Kazakh by default', () => {
    const html = renderToStaticMarkup(createElement(GlobalError, { error: fault, reset: () => {} }))
    expect(html).toMatch(/^<html lang="kk">/)
    expect(html).toContain('Қате коды: 2718281828')
    expect(html).toContain('Қайталау')
    expect(html).not.toContain('layout failed')
  })

  it('without a digest (a fault in the browser) says so rather than promise a code', () => {
    const html = renderToStaticMarkup(createElement(GlobalError, { error: new Error('x'), reset: () => {} }))
    expect(html).toContain('қате браузерде орын алды')
    expect(html).not.toContain('Қате коды')
  })
})
