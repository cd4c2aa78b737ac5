// The portal's languages and display time zone. Times are stored in UTC and shown in Asia/Shanghai.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

/** Audit entries, block and revocation times: to the second, since they are evidence. */
export const TO_THE_SECOND = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
} as const;

/** Message files, one per namespace per locale, under lib/i18n/messages/<locale>/<namespace>.json. */
export const MESSAGE_NAMESPACES = ['common', 'auth', 'home', 'lender', 'arbitration', 'borrower', 'audit', 'evidence', 'apiKeys', 'verify', 'apiDocs'] as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The cookie's choice, else the browser's first supported preference, else Chinese. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
