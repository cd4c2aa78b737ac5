import { getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';

/** Loud on purpose: an original that no longer matches its anchored hash must not go unnoticed. */
export async function StoredFileMismatchBanner({ detail }: { detail: CaseDetail }) {
  if (detail.storedFileMismatches.length === 0) return null;
  const t = await getTranslations('arbitration.detail');
  return (
    <div role="alert" data-testid="stored-file-mismatch" className="rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{t('mismatchTitle')}</p>
      <p className="text-sm">{t('mismatchBody', { items: detail.storedFileMismatches.map((m) => `“${m.label}”`).join(', ') })}</p>
    </div>
  );
}
