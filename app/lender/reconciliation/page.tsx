import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { listReconciliationPairs } from '@/lib/reconciliation/list-reconciliation-pairs';
import { ToleranceRules } from '../../_components/reconciliation-tolerance-rules';
import { TableScroll } from '../../_components/table-scroll';

export const dynamic = 'force-dynamic';

export default async function LenderReconciliationPage() {
  const viewer = await requireViewerFor('reconciliation.read');
  const { pairs } = await listReconciliationPairs({ prisma: getPrisma(), viewer });
  const t = await getTranslations('reconciliation.pairs');
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      {pairs.length === 0 ? (
        <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('empty')}</p>
      ) : (
        <TableScroll label={t('title')}>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('title')}</th>
                <th className="px-4 py-2 font-medium">{t('counterparty')}</th>
                <th className="px-4 py-2 font-medium">{t('yourBank')}</th>
                <th className="px-4 py-2 font-medium">{t('cutOff')}</th>
                <th className="px-4 py-2 font-medium">{t('rules')}</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={pair.id} data-testid="reconciliation-pair" className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2">
                    <Link href={`/lender/reconciliation/${pair.id}`} className="text-sky-700 hover:underline">
                      {pair.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{pair.yourBank === 'A' ? pair.lenderB.name : pair.lenderA.name}</td>
                  <td className="px-4 py-2">{pair.yourBank}</td>
                  <td className="px-4 py-2">{t('cutOffValue', { time: pair.cutOffTime, timeZone: pair.timeZone })}</td>
                  <td className="px-4 py-2">
                    <ToleranceRules rules={pair.toleranceRules} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
