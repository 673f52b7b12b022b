// The headers every answer carries unless its route says otherwise (a PDF shown inside the signing inbox may be framed
// by the app itself). Staff decide with single keys, so framing the app from another site (clickjacking) is refused.
export type SecurityHeaderOptions = {
  nonce: string
  // The public address is HTTPS (APP_URL): browsers are told to come back only over HTTPS.
  https: boolean
  // NCALayer's WebSocket on the signer's own machine (lib/signing/ncalayer-client.ts).
  ncaLayerUrl: string
  development: boolean
}

// ncalayer-js-client's `kmdHttpApiUrl`.
export const kazTokenUrl = 'https://127.0.0.1:24680'

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const directives = [
    `default-src 'self'`,
    // 'strict-dynamic': scripts the nonced framework scripts load are trusted; nothing inline without the nonce.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${options.nonce}'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    // The signer's own machine: NCALayer, and KAZTOKEN mobile/desktop's HTTP API that NCALayer's client also tries.
    `connect-src 'self' ${options.ncaLayerUrl} ${kazTokenUrl}${options.development ? ' ws:' : ''}`,
    `frame-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Addresses such as /verify/<code> carry the code: they are never sent to another site.
    'referrer-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

// A PDF: no script runs in it, and the app shows it in a frame of its own pages (beside the signing inbox). The page
// policy above is not sent with it, since a browser's PDF viewer may refuse to draw under `object-src 'none'`.
export const pdfSecurityHeaders = {
  'content-security-policy': `frame-ancestors 'self'`,
  'x-frame-options': 'SAMEORIGIN',
} as const
