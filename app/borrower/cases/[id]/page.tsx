import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CaseStatusBadge } from '@/app/_components/case-status-badge';
import { CheckMyCopy } from '@/app/_components/check-my-copy';
import { orErrorPage } from '@/app/_components/or-error-page';
import { StatusBadge } from '@/app/_components/status-badge';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getCase } from '@/lib/cases/get-case';
import { getPrisma } from '@/lib/db/client';
import { TO_THE_SECOND } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

// A case that names the signed-in borrower, read-only and laid out for a phone first: what was
// filed, whether the commission has checked it, and each item with its receipt, certificate and a
// check of the borrower's own copy. getCase scopes it: another borrower's case is the 404 page.
export default async function BorrowerCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer();
  if (viewer.kind !== 'borrower') forbidden();
  const detail = await orErrorPage(getCase({ prisma: getPrisma(), viewer, caseId: id }));
  const [t, tEvidence, tType, tCopy, format] = await Promise.all([
    getTranslations('borrower.caseDetail'),
    getTranslations('borrower.evidence'),
    getTranslations('common.evidenceType'),
    getTranslations('borrower.checkCopy'),
    getFormatter(),
  ]);
  const latest = detail.reports[0];
  const facts: Array<[string, React.ReactNode]> = [
    [t('status'), <CaseStatusBadge key="status" status={detail.status} />],
    [t('lender'), detail.lenderName],
    [t('commission'), detail.commissionName],
    [t('filedAt'), format.dateTime(detail.filedAt, TO_THE_SECOND)],
  ];

  return (
    <div className="space-y-6">
      <Link href="/borrower" className="text-sm text-sky-700 hover:underline">
        ← {t('back')}
      </Link>
      <section className="space-y-3">
        <div>
          <p className="font-mono text-sm text-slate-500" data-testid="case-number">
            {detail.caseNumber}
          </p>
          <h1 className="text-2xl font-semibold break-words">{detail.title}</h1>
        </div>
        <p className="text-sm text-slate-600">{t('intro')}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-[12rem_1fr] sm:gap-y-2" data-testid="case-facts">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="mb-2 sm:mb-0">{value}</dd>
            </div>
          ))}
          <dt className="text-slate-500">{t('claim')}</dt>
          <dd className="break-words whitespace-pre-wrap">{detail.claimSummary ?? <span className="text-slate-500">{t('noClaim')}</span>}</dd>
        </dl>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('checkedHeading')}</h2>
        <p className="rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="case-checked">
          {latest
            ? t('checked', { date: format.dateTime(latest.createdAt, TO_THE_SECOND), passed: latest.itemCount - latest.failedCount, total: latest.itemCount })
            : t('notChecked')}
          {latest ? (
            <a
              href={`/api/v1/cases/${detail.id}/reports/${latest.id}?format=pdf`}
              className="mt-2 block text-sky-700 hover:underline"
              data-testid="report-pdf"
            >
              {t('reportPdf')}
            </a>
          ) : null}
        </p>
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('evidenceHeading', { total: detail.evidence.length })}</h2>
        <p className="text-sm text-slate-600">{tCopy('note')}</p>
        <ul className="space-y-3">
          {detail.evidence.map((item) => {
            const label = item.title ?? item.fileName;
            const anchored = item.status === 'anchored';
            return (
              <li key={item.id} data-testid="case-evidence-item" data-evidence-id={item.id} className="space-y-3 rounded-lg bg-white p-4 text-sm shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium break-words">{label}</p>
                    {item.title && item.title !== item.fileName ? <p className="text-xs break-all text-slate-500">{item.fileName}</p> : null}
                    <p className="text-xs text-slate-500">
                      {item.evidenceType ? tType(item.evidenceType) : '—'} · {t('submittedAt')} {format.dateTime(item.submittedAt, TO_THE_SECOND)}
                    </p>
                  </div>
                  <StatusBadge status={item.status} />
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                  <dt className="text-slate-500">{t('sha256')}</dt>
                  <dd className="font-mono break-all" data-testid="item-sha256">
                    {item.sha256}
                  </dd>
                  {anchored ? (
                    <>
                      <dt className="text-slate-500">{t('certificate')}</dt>
                      <dd className="font-mono break-all">{item.anchoring.certificateSerial ?? '—'}</dd>
                      <dt className="text-slate-500">{t('block')}</dt>
                      <dd className="font-mono">{item.anchoring.blockNumber ?? '—'}</dd>
                      <dt className="text-slate-500">{t('anchoredAt')}</dt>
                      <dd>{item.anchoring.anchoredAt ? format.dateTime(item.anchoring.anchoredAt, TO_THE_SECOND) : '—'}</dd>
                    </>
                  ) : null}
                </dl>
                {anchored ? (
                  <p className="flex flex-wrap gap-x-4 gap-y-2">
                    <a href={`/api/v1/evidence/${item.id}/receipt`} className="text-sky-700 hover:underline" data-testid="download-receipt">
                      {tEvidence('receipt')}
                    </a>
                    <a href={`/api/v1/evidence/${item.id}/certificate/pdf`} className="text-sky-700 hover:underline" data-testid="download-certificate">
                      {tEvidence('certificate')}
                    </a>
                  </p>
                ) : (
                  <p className="text-xs text-slate-500">{t('notAnchoredYet')}</p>
                )}
                <CheckMyCopy expectedSha256={item.sha256} itemLabel={label} />
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
