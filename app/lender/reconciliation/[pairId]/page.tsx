import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { orErrorPage } from '@/app/_components/or-error-page';
import { can } from '@/lib/auth/authorize';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { currentBusinessDate } from '@/lib/reconciliation/business-day-window';
import { listReconciliationDays } from '@/lib/reconciliation/list-reconciliation-days';
import { listReconciliationPairs } from '@/lib/reconciliation/list-reconciliation-pairs';
import { listBankDisclosureRequests } from '@/lib/reconciliation/list-bank-disclosure-requests';
import { ToleranceRules } from '../../../_components/reconciliation-tolerance-rules';
import { TableScroll } from '../../../_components/table-scroll';
import { DisclosureRequests } from './disclosure-requests';
import { StatementUploadForm } from './statement-upload-form';

export const dynamic = 'force-dynamic';

export default async function ReconciliationPairPage({
  params,
  searchParams,
}: {
  params: Promise<{ pairId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { pairId } = await params;
  const search = await searchParams;
  const viewer = await requireViewerFor('reconciliation.read');
  const prisma = getPrisma();
  const { days } = await orErrorPage(listReconciliationDays({ prisma, viewer, pairId }));
  const pair = (await listReconciliationPairs({ prisma, viewer })).pairs.find((candidate) => candidate.id === pairId.toLowerCase());
  if (!pair) notFound();
  const disclosureRequests = can(viewer, 'reconciliation.answer_disclosure') ? await listBankDisclosureRequests({ prisma, viewer, pairId: pair.id }) : null;
  const [t, tPairs, format] = await Promise.all([getTranslations('reconciliation'), getTranslations('reconciliation.pairs'), getFormatter()]);
  const yesterday = currentBusinessDate(new Date());
  const sideCell = (side: { committedAt: string; rowCount: number } | null) =>
    side === null ? (
      <span className="text-slate-500">{t('pair.notYet')}</span>
    ) : (
      <span>
        {t('pair.rows', { count: side.rowCount })} · {format.dateTime(new Date(side.committedAt), { dateStyle: 'short', timeStyle: 'short' })}
      </span>
    );
  return (
    <div className="space-y-6">
      <Link href="/lender/reconciliation" className="text-sm text-sky-700 hover:underline">
        ← {tPairs('title')}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{pair.name}</h1>
        <p className="text-sm text-slate-600">
          A: {pair.lenderA.name} · B: {pair.lenderB.name} · {tPairs('yourBank')}: {pair.yourBank}
        </p>
        <p className="text-sm text-slate-600">
          {tPairs('cutOff')}: {tPairs('cutOffValue', { time: pair.cutOffTime, timeZone: pair.timeZone })} · {tPairs('rules')}: <ToleranceRules rules={pair.toleranceRules} />
        </p>
        <p className="text-sm text-slate-600" data-testid="reconciliation-pair-mode" data-mode={pair.mode}>
          {tPairs('mode')}: {pair.mode === 'blind' ? tPairs('modeBlind') : tPairs('modeOpen')}
        </p>
      </div>
      <StatementUploadForm pairId={pair.id} carrier={pair.yourColumnMap.carrier} encoding={pair.yourColumnMap.encoding} blind={pair.mode === 'blind'} defaultDate={yesterday} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('pair.days')}</h2>
        {days.length === 0 ? (
          <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('pair.noDays')}</p>
        ) : (
          <TableScroll label={t('pair.days')}>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th className="px-4 py-2 font-medium">{t('pair.date')}</th>
                  <th className="px-4 py-2 font-medium">{t('pair.sideA')}</th>
                  <th className="px-4 py-2 font-medium">{t('pair.sideB')}</th>
                  <th className="px-4 py-2 font-medium">{t('pair.statement')}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.businessDate} data-testid="reconciliation-day" data-business-date={day.businessDate} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-2 font-mono text-xs">
                      <Link href={`/lender/reconciliation/${pair.id}/${day.businessDate}`} className="text-sky-700 hover:underline">
                        {day.businessDate}
                      </Link>
                    </td>
                    <td className="px-4 py-2">{sideCell(day.sides.a)}</td>
                    <td className="px-4 py-2">{sideCell(day.sides.b)}</td>
                    <td className="px-4 py-2">{day.statement ? t(`pair.${day.statement.status}`) : <span className="text-slate-500">{t('pair.waiting')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {disclosureRequests ? (
        <DisclosureRequests
          pairId={pair.id}
          requests={disclosureRequests}
          outcome={typeof search.disclosure === 'string' ? search.disclosure : undefined}
          error={typeof search.disclosureError === 'string' ? search.disclosureError : undefined}
        />
      ) : null}
    </div>
  );
}
