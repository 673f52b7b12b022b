import { cookies } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { defaultLocale, isLocale, localeCookie, timeZone } from './config'
import { messagesFor } from './messages'

// No locale in the URL: the cookie carries the language the person chose (also saved on their profile
// and restored at sign-in); Kazakh by default.
export default getRequestConfig(async () => {
  const value = (await cookies()).get(localeCookie)?.value
  const locale = isLocale(value) ? value : defaultLocale
  return { locale, messages: messagesFor(locale), timeZone }
})
