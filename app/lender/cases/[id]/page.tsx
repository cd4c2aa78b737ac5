import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getCase } from '@/lib/cases/get-case';
import { getPrisma } from '@/lib/db/client';
import { CaseNotFoundError } from '@/lib/errors';
import { CaseSummary } from '../../../arbitration/_components/case-summary';
import { EvidencePackageTable } from '../../../arbitration/_components/evidence-package-table';
import { StoredFileMismatchBanner } from '../../../arbitration/_components/stored-file-mismatch-banner';
import { VerificationSummary } from '../../../arbitration/_components/verification-summary';

export const dynamic = 'force-dynamic';

export default async function LenderCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer();
  if (!can(viewer, 'case.file')) forbidden();
  const detail = await getCase({ prisma: getPrisma(), viewer, caseId: id }).catch((error) => {
    if (error instanceof CaseNotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations('arbitration');
  return (
    <div className="space-y-8">
      <Link href="/lender/cases" className="text-sm text-sky-700 hover:underline">
        ← {t('detail.backToList')}
      </Link>
      <StoredFileMismatchBanner detail={detail} />
      <CaseSummary detail={detail} />
      <p className="text-sm text-slate-600">{t('lenderCases.detailIntro')}</p>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('detail.verifyTitle')}</h2>
        <VerificationSummary detail={detail} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('detail.packageTitle')}</h2>
        <EvidencePackageTable detail={detail} downloads />
      </section>
    </div>
  );
}
