'use client';

import { useTranslations } from 'next-intl';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('common.errors');
  return (
    <div className="mx-auto max-w-lg space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t('somethingWrongTitle')}</h1>
      <p className="text-slate-600">{t('somethingWrongBody')}</p>
      <button type="button" onClick={reset} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm">
        {t('tryAgain')}
      </button>
    </div>
  );
}
