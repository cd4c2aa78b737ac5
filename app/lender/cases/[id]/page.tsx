import Link from 'next/link';
import { orErrorPage } from '@/app/_components/or-error-page';
import { getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getCase } from '@/lib/cases/get-case';
import { getPrisma } from '@/lib/db/client';
import { CaseSummary } from '../../../_components/case-summary';
import { EvidencePackageDownload } from '../../../_components/evidence-package-download';
import { EvidencePackageTable } from '../../../_components/evidence-package-table';
import { ReconciliationCertificatesTable } from '../../../_components/reconciliation-certificates-table';
import { LegalReviewSummary } from '../../../_components/legal-review-summary';
import { StoredFileMismatchBanner } from '../../../_components/stored-file-mismatch-banner';
import { VerificationSummary } from '../../../_components/verification-summary';

export const dynamic = 'force-dynamic';

export default async function LenderCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewerFor('case.file');
  const detail = await orErrorPage(getCase({ prisma: getPrisma(), viewer, caseId: id }));
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
        <LegalReviewSummary detail={detail} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('detail.packageTitle')}</h2>
        <EvidencePackageDownload caseId={detail.id} />
        <EvidencePackageTable detail={detail} downloads />
        <ReconciliationCertificatesTable detail={detail} />
      </section>
    </div>
  );
}
