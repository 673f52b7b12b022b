// The address people reach the app at (APP_URL): printed under the QR codes, and when it is HTTPS, browsers are told
// to stay on HTTPS (HSTS) and cookies are sent over HTTPS only.
export function publicAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.APP_URL || 'http://localhost:3000'
}

export function isServedOverHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  return publicAddress(env).startsWith('https://')
}
