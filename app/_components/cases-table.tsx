import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseSummary } from '@/lib/cases/list-cases';
import { BorrowerLabel } from './borrower-label';
import { CaseStatusBadge } from './case-status-badge';
import { TableScroll } from './table-scroll';

/** The case list of either portal; `hrefBase` is where a case opens (/arbitration/cases or /lender/cases). */
export async function CasesTable({ cases, hrefBase, party }: { cases: CaseSummary[]; hrefBase: string; party: 'lender' | 'commission' }) {
  const t = await getTranslations('arbitration');
  const format = await getFormatter();
  if (cases.length === 0) return <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('list.empty')}</p>;
  return (
    <TableScroll label={t('title')}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">{t('columns.caseNumber')}</th>
            <th className="px-4 py-2 font-medium">{t('columns.title')}</th>
            <th className="px-4 py-2 font-medium">{party === 'lender' ? t('columns.lender') : t('columns.commission')}</th>
            <th className="px-4 py-2 font-medium">{t('columns.borrower')}</th>
            <th className="px-4 py-2 font-medium">{t('columns.evidenceCount')}</th>
            <th className="px-4 py-2 font-medium">{t('columns.status')}</th>
            <th className="px-4 py-2 font-medium">{t('columns.filedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-testid="case-row" data-case-number={c.caseNumber} className="border-b border-slate-100 last:border-0">
              <td className="px-4 py-2 font-mono text-xs">
                <Link href={`${hrefBase}/${c.id}`} className="text-sky-700 hover:underline">
                  {c.caseNumber}
                </Link>
              </td>
              <td className="px-4 py-2">{c.title}</td>
              <td className="px-4 py-2">{party === 'lender' ? c.lenderName : c.commissionName}</td>
              <td className="px-4 py-2">
                <BorrowerLabel name={c.borrowerName} identifierHint={c.borrowerIdentifierHint} />
              </td>
              <td className="px-4 py-2">{c.evidenceCount}</td>
              <td className="px-4 py-2">
                <CaseStatusBadge status={c.status} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(c.filedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
