import { getTranslations } from 'next-intl/server';
import { VerifyPanel } from './verify-panel';

export default async function VerifyPage() {
  const t = await getTranslations('verify');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <VerifyPanel />
    </div>
  );
}
