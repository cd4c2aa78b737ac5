// next-intl's per-request configuration: the locale from the NEXT_LOCALE cookie (set by the language
// switch) or the browser, its messages, and the display time zone.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DISPLAY_TIME_ZONE, LOCALE_COOKIE, pickLocale } from './locales';
import { loadMessages } from './load-messages';

export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: await loadMessages(locale), timeZone: DISPLAY_TIME_ZONE };
});
