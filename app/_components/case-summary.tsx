import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';
import { BorrowerLabel } from './borrower-label';
import { CaseStatusBadge } from './case-status-badge';

export async function CaseSummary({ detail }: { detail: CaseDetail }) {
  const t = await getTranslations('arbitration');
  const format = await getFormatter();
  const rows: Array<[string, React.ReactNode]> = [
    [t('columns.status'), <CaseStatusBadge key="status" status={detail.status} />],
    [t('detail.lender'), detail.lenderName],
    [t('detail.borrower'), <BorrowerLabel key="borrower" name={detail.borrowerName} identifierHint={detail.borrowerIdentifierHint} />],
    [t('detail.commission'), detail.commissionName],
    [t('detail.filedBy'), detail.filedBy],
    [t('detail.filedAt'), format.dateTime(detail.filedAt, { dateStyle: 'medium', timeStyle: 'short' })],
  ];
  return (
    <section className="space-y-4">
      <div>
        <p className="font-mono text-sm text-slate-500" data-testid="case-number">
          {detail.caseNumber}
        </p>
        <h1 className="text-2xl font-semibold">{detail.title}</h1>
      </div>
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <dt className="text-slate-500">{t('detail.claimSummary')}</dt>
        <dd className="whitespace-pre-wrap">{detail.claimSummary ?? <span className="text-slate-500">{t('detail.noClaimSummary')}</span>}</dd>
      </dl>
    </section>
  );
}
