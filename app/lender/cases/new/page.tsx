import { getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getFilingOptions } from '@/lib/cases/get-filing-options';
import { getPrisma } from '@/lib/db/client';
import { FileCaseForm } from './file-case-form';

export const dynamic = 'force-dynamic';

export default async function NewCasePage() {
  const viewer = await requireViewerFor('case.file');
  const options = await getFilingOptions({ prisma: getPrisma(), viewer });
  const t = await getTranslations('arbitration.lenderCases.new');
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <FileCaseForm
        commissions={options.commissions}
        borrowers={options.borrowers.map((b) => ({
          id: b.id,
          name: b.name,
          identifierHint: b.identifierHint,
          evidence: b.evidence.map((e) => ({ ...e, submittedAt: e.submittedAt.toISOString() })),
        }))}
      />
    </div>
  );
}
