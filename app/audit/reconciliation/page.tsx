import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { listReconciliationOversight } from '@/lib/reconciliation/list-reconciliation-oversight';
import { TableScroll } from '@/app/_components/table-scroll';

export const dynamic = 'force-dynamic';

export default async function ReconciliationOversightPage() {
  const viewer = await requireViewerFor('reconciliation.oversee');
  const pairs = await listReconciliationOversight({ prisma: getPrisma(), viewer });
  const [t, tAudit, format] = await Promise.all([getTranslations('reconciliation.oversight'), getTranslations('audit'), getFormatter()]);
  // Sign-off delays are measured to this request; the page is rendered per request.
  const now = Date.now();
  const when = (date: Date | undefined) => (date ? format.dateTime(date, { dateStyle: 'short', timeStyle: 'medium' }) : t('notYet'));
  return (
    <div className="space-y-6">
      <Link href="/audit" className="text-sm text-sky-700 hover:underline">
        ← {tAudit('title')}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      </div>
      {pairs.length === 0 ? <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('empty')}</p> : null}
      {pairs.map((pair) => (
        <section key={pair.id} className="space-y-2" data-testid="oversight-pair" data-pair-name={pair.name}>
          <h2 className="font-semibold">{t('pair', { name: pair.name, lenderA: pair.lenderA, lenderB: pair.lenderB, cutOff: pair.cutOffTime })}</h2>
          {pair.days.length === 0 ? (
            <p className="rounded-lg bg-white p-4 text-sm text-slate-500 shadow-sm">{t('noDays')}</p>
          ) : (
            <TableScroll label={pair.name}>
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th className="px-3 py-2 font-medium">{t('date')}</th>
                    <th className="px-3 py-2 font-medium">{t('sideA')}</th>
                    <th className="px-3 py-2 font-medium">{t('sideB')}</th>
                    <th className="px-3 py-2 font-medium">{t('rows')}</th>
                    <th className="px-3 py-2 font-medium">{t('matchRate')}</th>
                    <th className="px-3 py-2 font-medium">{t('breaks')}</th>
                    <th className="px-3 py-2 font-medium">{t('controlTotals')}</th>
                    <th className="px-3 py-2 font-medium">{t('statement')}</th>
                    <th className="px-3 py-2 font-medium">{t('signOff')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.days.map((day) => (
                    <tr key={day.businessDate} data-testid="oversight-day" data-business-date={day.businessDate} className="border-b border-slate-100 last:border-0">
                      <td className="px-3 py-2 font-mono text-xs">{day.businessDate}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{when(day.sides.a?.committedAt)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{when(day.sides.b?.committedAt)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        {day.sides.a?.rowCount ?? t('notYet')} / {day.sides.b?.rowCount ?? t('notYet')}
                      </td>
                      {day.statement ? (
                        <>
                          <td className="px-3 py-2" data-testid="oversight-match-rate">
                            {day.statement.matchRate === null ? t('notYet') : format.number(day.statement.matchRate, { style: 'percent', maximumFractionDigits: 2 })}
                          </td>
                          <td className="px-3 py-2 whitespace-nowrap" data-testid="oversight-breaks">
                            {day.statement.counts.onlyA} / {day.statement.counts.onlyB} / {day.statement.counts.fieldMismatch} / {day.statement.counts.matchedWithinTolerance}
                          </td>
                          <td className="px-3 py-2">{day.statement.controlTotalDifferences}</td>
                          <td className="px-3 py-2 font-mono text-xs" title={day.statement.sha256}>
                            {day.statement.sha256.slice(0, 14)}…
                          </td>
                          <td className="px-3 py-2 whitespace-nowrap" data-testid="oversight-sign-off">
                            {t(`status.${day.statement.status}`)}
                            {day.statement.escalatedAt ? (
                              <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" data-testid="oversight-escalated">
                                {t('escalated')}
                              </span>
                            ) : null}
                            {(['A', 'B'] as const).map((bank) => {
                              const signOff = day.statement!.signOffs.find((candidate) => candidate.bank === bank);
                              const hours = (ms: number) => format.number(ms / 3_600_000, { maximumFractionDigits: 1 });
                              return (
                                <span key={bank} className="block text-xs text-slate-600">
                                  {signOff
                                    ? t('signedAfter', { bank, decision: t(`decision.${signOff.decision}`), hours: hours(signOff.delayMs) })
                                    : t('unsignedFor', { bank, hours: hours(now - new Date(day.statement!.draftedAt).getTime()) })}
                                </span>
                              );
                            })}
                          </td>
                        </>
                      ) : (
                        <td className="px-3 py-2 text-slate-500" colSpan={5}>
                          {t('waiting')}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
    </div>
  );
}
