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
export const MESSAGE_NAMESPACES = ['common', 'auth', 'home', 'lender', 'arbitration', 'borrower', 'audit', 'evidence', 'apiKeys', 'verify', 'apiDocs', 'reconciliation'] as const;

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

/** One Chinese word for one thing, in the messages and the Chinese documents (lib/i18n/zh-wording.test.ts
 * holds them to it). Checking a certificate or evidence against the chain and the records, the way a
 * notary or an arbitration commission checks it, is 核验 (核验证书, 全部核验, 核验报告); 验证 is not
 * used for it. The one other word with 验证 is 身份验证, authentication (the API's sign-in scheme), a
 * different concept. A signature is "checked" as one of the 核验 steps (平台签名, 签发方签名), so it
 * has no word of its own. */
export const TERMS = { verification: '核验', authentication: '身份验证' } as const;
