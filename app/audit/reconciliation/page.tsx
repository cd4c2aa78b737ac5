import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/authorize';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { BREAK_AGE_BUCKETS, listReconciliationOversight, OPEN_BREAK_CLASSES } from '@/lib/reconciliation/list-reconciliation-oversight';
import { listRuleThresholdChanges } from '@/lib/reconciliation/list-rule-threshold-changes';
import { PORTFOLIO_RULES, type RuleThresholds } from '@/lib/reconciliation/portfolio-rules';
import { TableScroll } from '@/app/_components/table-scroll';
import { DisclosureRequestForm } from './disclosure-request-form';
import { RuleThresholdsForm } from './rule-thresholds-form';

export const dynamic = 'force-dynamic';

export default async function ReconciliationOversightPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewerFor('reconciliation.oversee');
  const search = await searchParams;
  const prisma = getPrisma();
  const [pairs, thresholdHistory] = await Promise.all([listReconciliationOversight({ prisma, viewer }), listRuleThresholdChanges({ prisma, viewer })]);
  const regulator = can(viewer, 'reconciliation.regulate');
  const [t, tAudit, tRules, tDisclosure, tChain, format] = await Promise.all([
    getTranslations('reconciliation.oversight'),
    getTranslations('audit'),
    getTranslations('reconciliation.oversightRules'),
    getTranslations('reconciliation.disclosure'),
    getTranslations('reconciliation.anchoring'),
    getFormatter(),
  ]);
  const pairName = (scope: string) => pairs.find((pair) => pair.id === scope)?.name ?? scope;
  const scopeLabel = (scope: string) => (scope === 'consortium' ? tRules('scope.consortium') : scope === 'none' ? tRules('scope.none') : tRules('scope.pair', { name: pairName(scope) }));
  const thresholdsText = (thresholds: RuleThresholds | null) =>
    thresholds === null
      ? tRules('scope.none')
      : (['minShareABp', 'minShareBBp', 'maxLoanTotalFen', 'maxDayDisbursedFen'] as const)
          .map((field) => `${tRules(`short.${field}`)} ${thresholds[field] === null ? tRules('off') : format.number(thresholds[field]!)}`)
          .join(' · ');
  const short = (hex: string) => `${hex.slice(0, 10)}…`;
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
      {typeof search.thresholdsSaved === 'string' ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="thresholds-saved">
          {tRules('saved', { scope: scopeLabel(search.thresholdsSaved) })}
        </p>
      ) : null}
      {typeof search.thresholdsError === 'string' ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="thresholds-error">
          {tRules('failed', { message: search.thresholdsError.slice(0, 300) })}
        </p>
      ) : null}
      {typeof search.disclosureRequested === 'string' ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="disclosure-requested">
          {tDisclosure('requested', { bank: search.disclosureRequested.slice(0, 1) })}
        </p>
      ) : null}
      {typeof search.disclosureError === 'string' ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="disclosure-error">
          {tDisclosure('requestFailed', { message: search.disclosureError.slice(0, 300) })}
        </p>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">{tRules('title')}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{tRules('intro')}</p>
        <p className="text-sm" data-testid="consortium-thresholds">
          {tRules('scope.consortium')}: {thresholdsText(thresholdHistory.consortium)}
        </p>
        {regulator ? <RuleThresholdsForm scope="consortium" thresholds={thresholdHistory.consortium} testId="consortium-thresholds-form" /> : null}
        {thresholdHistory.changes.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">{tRules('changes')}</summary>
            <ul className="mt-2 space-y-1 text-xs text-slate-600" data-testid="threshold-changes">
              {thresholdHistory.changes.map((change) => (
                <li key={`${change.scope}-${change.changedAt.toISOString()}`}>
                  {tRules('changeLine', {
                    when: when(change.changedAt),
                    who: change.changedBy,
                    scope: scopeLabel(change.scope),
                    previous: thresholdsText(change.previous),
                    next: thresholdsText(change.next),
                  })}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
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
                    <th className="px-3 py-2 font-medium">{tRules('roots')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('transactions')}</th>
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
                      <td className="px-3 py-2 font-mono text-xs whitespace-nowrap" data-testid="oversight-roots">
                        {(['a', 'b'] as const).map((bank) => {
                          const side = day.sides[bank];
                          return (
                            <span key={bank} className="block" title={side?.root}>
                              {bank.toUpperCase()} {side ? short(side.root) : t('notYet')}
                            </span>
                          );
                        })}
                      </td>
                      <td className="px-3 py-2 text-xs whitespace-nowrap" data-testid="oversight-transactions">
                        {day.transactions.length === 0 ? t('notYet') : null}
                        {day.transactions.map((tx) => (
                          <span key={tx.kind} className="block" data-testid="oversight-transaction" data-kind={tx.kind}>
                            {tChain(`kind.${tx.kind.replace('_', '-')}`)}: {tChain(`status.${tx.status}`)}{' '}
                            <span className="font-mono" title={tx.txHash}>
                              {short(tx.txHash)}
                            </span>
                            {tx.blockNumber ? ` · ${tChain('block', { block: tx.blockNumber })}` : ''}
                          </span>
                        ))}
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
          <div className="space-y-2" data-testid="oversight-pair-rules">
            <h3 className="text-sm font-semibold">{tRules('pairTitle')}</h3>
            <p className="text-sm" data-testid="pair-thresholds">
              {scopeLabel(pair.thresholds.scope)}: {thresholdsText(pair.thresholds.scope === 'none' ? null : pair.thresholds)}
            </p>
            {regulator ? (
              <details>
                <summary className="cursor-pointer text-sm text-sky-700">{tRules('setForPair')}</summary>
                <RuleThresholdsForm scope={pair.id} thresholds={pair.thresholds.scope === pair.id ? pair.thresholds : null} testId="pair-thresholds-form" />
              </details>
            ) : null}
            <TableScroll label={tRules('checksTitle')}>
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th className="px-3 py-2 font-medium">{t('date')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('bank')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('rowsChecked')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('thresholdsUsed')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('violations')}</th>
                    <th className="px-3 py-2 font-medium">{tRules('records')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.days.flatMap((day) =>
                    day.ruleChecks.map((check) => (
                      <tr key={`${day.businessDate}-${check.bank}`} className="border-b border-slate-100 align-top last:border-0" data-testid="rule-check" data-business-date={day.businessDate} data-bank={check.bank}>
                        <td className="px-3 py-2 font-mono text-xs">{day.businessDate}</td>
                        <td className="px-3 py-2">{check.bank}</td>
                        <td className="px-3 py-2">{tRules('rowsCheckedValue', { rows: check.rowsChecked, disbursements: check.disbursementsChecked })}</td>
                        <td className="px-3 py-2 text-xs">
                          {scopeLabel(check.thresholds.scope)}: {thresholdsText(check.thresholds.scope === 'none' ? null : check.thresholds)}
                        </td>
                        <td className="px-3 py-2 text-xs whitespace-nowrap">
                          {PORTFOLIO_RULES.filter((rule) => check.violations[rule] !== undefined).map((rule) => (
                            <span key={rule} className="block" data-testid="rule-violations" data-rule={rule}>
                              {tRules(`rule.${rule}`)}: {check.violations[rule]}
                            </span>
                          ))}
                          {Object.keys(check.violations).length === 0 ? tRules('noRules') : null}
                        </td>
                        <td className="px-3 py-2 text-xs">
                          {check.records.map((record) => (
                            <div key={`${record.rule}-${record.leafIndex}`} className="mb-1" data-testid="rule-violation-record" data-rule={record.rule} data-key={record.key}>
                              <span className="font-mono" title={record.key}>
                                {short(record.key)}
                              </span>{' '}
                              {tRules('leaf', { index: record.leafIndex })} · {tRules(`rule.${record.rule}`)}
                              {regulator ? <DisclosureRequestForm pairId={pair.id} businessDate={day.businessDate} bank={check.bank} recordKey={record.key} /> : null}
                            </div>
                          ))}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </TableScroll>
            <h3 className="text-sm font-semibold">{tRules('breaksByAge')}</h3>
            <TableScroll label={tRules('breaksByAge')}>
              <table className="text-left text-sm" data-testid="breaks-by-age">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th className="px-3 py-2 font-medium">{tRules('class')}</th>
                    {BREAK_AGE_BUCKETS.map((bucket) => (
                      <th key={bucket} className="px-3 py-2 font-medium">
                        {tRules(`age.${bucket}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {OPEN_BREAK_CLASSES.map((cls) => (
                    <tr key={cls} className="border-b border-slate-100 last:border-0" data-testid="breaks-by-age-row" data-class={cls}>
                      <td className="px-3 py-2">{tRules(`breakClass.${cls}`)}</td>
                      {BREAK_AGE_BUCKETS.map((bucket) => (
                        <td key={bucket} className="px-3 py-2" data-bucket={bucket}>
                          {pair.breaksByAge[cls][bucket]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {pair.oldestOpenBreaks.length > 0 ? (
              <details>
                <summary className="cursor-pointer text-sm text-sky-700">{tRules('oldestBreaks')}</summary>
                <ul className="mt-2 space-y-1 text-xs">
                  {pair.oldestOpenBreaks.map((open) => (
                    <li key={`${open.businessDate}-${open.key}`} data-testid="open-break" data-key={open.key}>
                      <span className="font-mono">{open.businessDate}</span> · {tRules(`breakClass.${open.breakClass}`)} ·{' '}
                      <span className="font-mono" title={open.key}>
                        {short(open.key)}
                      </span>
                      {regulator
                        ? open.banks.map((bank) => <DisclosureRequestForm key={bank} pairId={pair.id} businessDate={open.businessDate} bank={bank} recordKey={open.key} />)
                        : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {regulator ? (
              <>
                <h3 className="text-sm font-semibold">{tDisclosure('listTitle')}</h3>
                {pair.disclosures.length === 0 ? <p className="text-sm text-slate-500">{tDisclosure('none')}</p> : null}
                <ul className="space-y-2">
                  {pair.disclosures.map((request) => (
                    <li key={request.id} className="rounded-lg bg-white p-3 text-sm shadow-sm" data-testid="oversight-disclosure" data-key={request.key} data-status={request.status}>
                      <p>
                        {tDisclosure('line', { date: request.businessDate, bank: request.bank, leaf: request.leafIndex, subject: request.subject })}{' '}
                        <span className="font-mono text-xs" title={request.key}>
                          {short(request.key)}
                        </span>
                      </p>
                      <p className="text-xs text-slate-600">
                        {tDisclosure('requestedBy', { who: request.requestedBy, when: when(request.requestedAt) })} · {request.reason}
                      </p>
                      <p className="text-xs" data-testid="oversight-disclosure-status">
                        {tDisclosure(`status.${request.status}`)}
                        {request.answeredAt ? ` · ${when(request.answeredAt)}` : ''}
                        {request.declineReason ? ` · ${request.declineReason}` : ''}
                      </p>
                      {request.disclosed ? (
                        <div className="mt-2 space-y-1">
                          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-xs" data-testid="disclosed-values">
                            {request.disclosed.values.map(({ field, value }) => (
                              <div key={field} className="contents" data-field={field}>
                                <dt className="text-slate-500">{field}</dt>
                                <dd data-testid={`disclosed-${field}`}>{value}</dd>
                              </div>
                            ))}
                          </dl>
                          <p className={`text-xs ${request.disclosed.verdict.valid ? 'text-emerald-800' : 'text-red-800'}`} data-testid="disclosure-verdict">
                            {request.disclosed.verdict.valid
                              ? tDisclosure('verified', { bank: request.bank, root: short(request.disclosed.sideRoot) })
                              : tDisclosure('notVerified', { message: request.disclosed.verdict.message })}
                          </p>
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </section>
      ))}
    </div>
  );
}
