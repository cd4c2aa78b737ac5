// Loads every namespace's message file for a locale into the one object next-intl expects.
import { MESSAGE_NAMESPACES, type Locale } from './locales';

export type Messages = Record<string, Record<string, unknown>>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    MESSAGE_NAMESPACES.map(async (namespace) => {
      const module = (await import(`./messages/${locale}/${namespace}.json`)) as { default: Record<string, unknown> };
      return [namespace, module.default] as const;
    }),
  );
  return Object.fromEntries(entries);
}
