'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocale } from '../_actions/set-locale';
import { LOCALES } from '@/lib/i18n/locales';

export function LanguageSwitch() {
  const t = useTranslations('common.language');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t('label')} className="flex shrink-0 overflow-hidden rounded-md border border-slate-300 text-xs">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          disabled={pending}
          aria-pressed={current === locale}
          onClick={() =>
            startTransition(async () => {
              await setLocale(locale);
              router.refresh();
            })
          }
          className={`whitespace-nowrap px-2 py-1 ${current === locale ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 hover:bg-slate-100'}`}
        >
          {t(locale)}
        </button>
      ))}
    </div>
  );
}
