import { getTranslations } from 'next-intl/server';
import { UploadForm } from './upload-form';

export const dynamic = 'force-dynamic';

export default async function LenderUploadPage() {
  const t = await getTranslations('lender.upload');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <UploadForm />
    </div>
  );
}
