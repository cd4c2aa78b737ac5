import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { orErrorPage } from '@/app/_components/or-error-page';
import { ReconciliationAnchorUnavailableError } from '@/lib/errors';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { getReconciliationDay } from '@/lib/reconciliation/get-reconciliation-day';
import { getSignOffRequest } from '@/lib/reconciliation/get-sign-off-request';
import { listCases } from '@/lib/cases/list-cases';
import { listBlindDayOpenings, type BreakOpenings as BreakOpeningsView } from '@/lib/reconciliation/blind-openings';
import { listReconciliationBreaks } from '@/lib/reconciliation/list-reconciliation-breaks';
import { listReconciliationPairs } from '@/lib/reconciliation/list-reconciliation-pairs';
import { BREAK_CLASSES, breaksQuerySchema, type SideView } from '@/lib/reconciliation/reconciliation-schemas';
import { TableScroll } from '../../../../_components/table-scroll';
import { DayDownloads } from './day-downloads';
import { BreakCertificateCell } from './break-certificate-cell';
import { StatementSignOffPanel } from './statement-sign-off-panel';
import { submitOpeningsAction } from './actions';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

export default async function ReconciliationDayPage({
  params,
  searchParams,
}: {
  params: Promise<{ pairId: string; businessDate: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { pairId, businessDate } = await params;
  const search = await searchParams;
  const viewer = await requireViewerFor('reconciliation.read');
  const prisma = getPrisma();
  const day = await orErrorPage(getReconciliationDay({ prisma, viewer, pairId, businessDate }));
  const parsedQuery = breaksQuerySchema.safeParse({ class: search.class, cursor: search.cursor, limit: PAGE_SIZE });
  const query = parsedQuery.success ? parsedQuery.data : { limit: PAGE_SIZE };
  const breaks = day.statement ? await orErrorPage(listReconciliationBreaks({ prisma, viewer, pairId, businessDate, query })) : null;
  const pair = (await listReconciliationPairs({ prisma, viewer })).pairs.find((candidate) => candidate.id === day.pairId);
  // A blind day's field mismatches show what each bank opened (spec §14.3).
  const openings =
    breaks && pair?.mode === 'blind'
      ? await listBlindDayOpenings({ prisma, viewer, pairId, businessDate, ordinals: breaks.items.filter((item) => item.class === 'field-mismatch').map((item) => item.ordinal) })
      : [];
  // The bank's cases a break's certificate can be added to (staff only: a case is filed by staff).
  const openCases =
    viewer.kind === 'staff'
      ? (await Promise.all((['filed', 'under_review'] as const).map((status) => listCases({ prisma, viewer, status, pageSize: 100 }))))
          .flatMap((page) => page.cases)
          .map((c) => ({ id: c.id, caseNumber: c.caseNumber, title: c.title }))
      : [];
  // What this bank signs; none while the chain has no ReconciliationAnchor yet (the panel is not shown).
  const signOffRequest = day.statement
    ? await getSignOffRequest({ prisma, viewer, pairId, businessDate }).catch((error: unknown) => {
        if (error instanceof ReconciliationAnchorUnavailableError) return null;
        throw error;
      })
    : null;
  const [t, format] = await Promise.all([getTranslations('reconciliation'), getFormatter()]);
  const dayHref = `/lender/reconciliation/${day.pairId}/${day.businessDate}`;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });
  // The TSA's second witness of time (spec §11.5), beside each signed document.
  const timestampOf = (sha256: string) => {
    const stamp = day.timestamps.find((candidate) => candidate.sha256 === sha256);
    return (
      <div className="contents" data-testid="document-timestamp">
        <dt className="text-slate-500">{t('day.timestamp')}</dt>
        <dd>{stamp ? t('day.timestampAt', { time: when(stamp.genTime), serial: stamp.tsaSerial }) : t('day.timestampPending')}</dd>
      </div>
    );
  };

  const sideCard = (bank: 'A' | 'B', side: SideView | null) => (
    <section key={bank} className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid={`reconciliation-side-${bank}`}>
      <h2 className="font-semibold">{t('day.side', { bank, name: (bank === 'A' ? pair?.lenderA.name : pair?.lenderB.name) ?? '—' })}</h2>
      {side === null ? (
        <p className="text-sm text-slate-500">{t('day.notUploaded')}</p>
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t('day.committedAt')}</dt>
          <dd>{when(side.committedAt)}</dd>
          <dt className="text-slate-500">{t('day.rowCount')}</dt>
          <dd data-testid="side-row-count">{side.rowCount}</dd>
          <dt className="text-slate-500">{t('day.root')}</dt>
          <dd className="break-all font-mono text-xs">{side.root}</dd>
          <dt className="text-slate-500">{t('day.fileSha256')}</dt>
          <dd className="break-all font-mono text-xs">{side.file.sha256}</dd>
          <dt className="text-slate-500">{t('day.receiptSha256')}</dt>
          <dd className="break-all font-mono text-xs">{side.receiptSha256}</dd>
          <dt className="text-slate-500">{t('day.previousReceipt')}</dt>
          <dd className="break-all font-mono text-xs">{side.previousReceiptSha256 ?? t('day.firstDay')}</dd>
          {timestampOf(side.receiptSha256)}
        </dl>
      )}
      {side === null ? null : (
        <details className="text-sm">
          <summary className="cursor-pointer text-sky-700">{t('day.receipt')}</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(side.receipt, null, 2)}</pre>
        </details>
      )}
    </section>
  );

  const statement = day.statement;
  const counts = statement
    ? ([
        ['matched', statement.counts.matched],
        ['matchedWithinTolerance', statement.counts.matchedWithinTolerance],
        ['onlyA', statement.counts.onlyA],
        ['onlyB', statement.counts.onlyB],
        ['fieldMismatch', statement.counts.fieldMismatch],
        ['timing', statement.counts.timing],
        ['controlTotalDifferences', statement.controlTotalDifferences],
      ] as const)
    : [];
  const filterHref = (breakClass?: string) => (breakClass ? `${dayHref}?class=${breakClass}` : dayHref);

  return (
    <div className="space-y-6">
      <Link href={`/lender/reconciliation/${day.pairId}`} className="text-sm text-sky-700 hover:underline">
        ← {t('day.back')}
      </Link>
      <h1 className="text-2xl font-semibold">{t('day.title', { pair: pair?.name ?? '', date: day.businessDate })}</h1>
      {typeof search.added === 'string' ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="break-added-to-case">
          {t('certificates.added', { serial: String(search.serial ?? ''), caseNumber: search.added })}
        </p>
      ) : null}
      {typeof search.opened === 'string' ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="openings-recorded">
          {t('day.openingsRecorded', { ordinal: search.opened })}
        </p>
      ) : null}
      {typeof search.openError === 'string' ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="openings-refused">
          {t('day.openingsRefused', { message: search.openError.slice(0, 300) })}
        </p>
      ) : null}
      {typeof search.addError === 'string' ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert">
          {t('certificates.addFailed', { message: search.addError.slice(0, 300) })}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">{[sideCard('A', day.sides.a), sideCard('B', day.sides.b)]}</div>
      <section className="space-y-3 rounded-lg bg-white p-5 shadow-sm" data-testid="reconciliation-statement">
        <h2 className="text-lg font-semibold">{t('day.statement')}</h2>
        {statement === null ? (
          <p className="text-sm text-slate-500">{t('day.noStatement')}</p>
        ) : (
          <>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">{t('day.statementSha256')}</dt>
              <dd className="break-all font-mono text-xs">{statement.sha256}</dd>
              <dt className="text-slate-500">{t('day.status')}</dt>
              <dd data-testid="statement-status" data-status={statement.status}>
                {t(`pair.${statement.status}`)}
              </dd>
              <dt className="text-slate-500">{t('day.draftedAt')}</dt>
              <dd>{when(statement.draftedAt)}</dd>
              {timestampOf(statement.sha256)}
            </dl>
            {statement.escalatedAt ? (
              <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="statement-escalated">
                {t('signOff.escalated', { time: when(statement.escalatedAt) })}
              </p>
            ) : null}
            <section className="space-y-2" data-testid="statement-sign-offs">
              <h3 className="font-medium">{t('signOff.signOffs')}</h3>
              <ul className="space-y-1 text-sm">
                {(['A', 'B', 'evident'] as const).map((party) => {
                  const signOff = statement.signOffs.find((candidate) => candidate.party === party);
                  const who = party === 'evident' ? t('signOff.evident') : t('day.side', { bank: party, name: (party === 'A' ? pair?.lenderA.name : pair?.lenderB.name) ?? '—' });
                  return (
                    <li key={party} data-testid="statement-sign-off" data-party={party} data-decision={signOff?.decision ?? 'none'}>
                      <span className="font-medium">{who}</span>:{' '}
                      {signOff ? (
                        <>
                          {t(`signOff.${signOff.decision}`)} · {when(signOff.signedAt)} · <span className="break-all font-mono text-xs">{signOff.signer}</span>
                          {signOff.objections ? <blockquote className="mt-1 whitespace-pre-wrap border-l-2 border-amber-300 pl-3 text-slate-700">{signOff.objections}</blockquote> : null}
                        </>
                      ) : (
                        <span className="text-slate-500">{t(party === 'evident' ? 'signOff.countersignPending' : 'signOff.pending')}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
              {signOffRequest && !statement.signOffs.some((signOff) => signOff.party === signOffRequest.party) ? (
                <StatementSignOffPanel
                  pairId={day.pairId}
                  businessDate={day.businessDate}
                  party={signOffRequest.party}
                  signerAddress={signOffRequest.signerAddress}
                  typedData={signOffRequest.typedData}
                  decisionValues={signOffRequest.decisionValues}
                />
              ) : null}
            </section>
            <h3 className="font-medium">{t('day.counts')}</h3>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              {counts.map(([name, value]) => (
                <div key={name} className="contents" data-testid={`count-${name}`}>
                  <dt className="text-slate-500">{t(`day.${name}`)}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <details className="text-sm">
              <summary className="cursor-pointer text-sky-700">{t('day.statementJson')}</summary>
              <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(statement.document, null, 2)}</pre>
            </details>
          </>
        )}
      </section>
      <DayDownloads pairId={day.pairId} businessDate={day.businessDate} hasSide={{ A: day.sides.a !== null, B: day.sides.b !== null }} hasStatement={statement !== null} />
      <section className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="reconciliation-anchoring">
        <h2 className="text-lg font-semibold">{t('anchoring.title')}</h2>
        {day.anchoring.length === 0 ? (
          <p className="text-sm text-slate-500">{t('anchoring.none')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {day.anchoring.map((tx) => (
              <li key={tx.txHash} data-testid="reconciliation-anchor-tx" data-kind={tx.kind} data-status={tx.status}>
                <span className="font-medium">{t(`anchoring.kind.${tx.kind}`)}</span>: {t(`anchoring.status.${tx.status}`)}
                {tx.blockNumber ? ` · ${t('anchoring.block', { block: tx.blockNumber })}` : ''}
                {tx.blockTime ? ` · ${when(tx.blockTime)}` : ''} · <span className="break-all font-mono text-xs">{tx.txHash}</span>
                {tx.lastError ? <span className="block text-xs text-amber-800">{tx.lastError}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {breaks === null ? null : (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t('day.breaks')}</h2>
          <nav className="flex flex-wrap gap-2 text-sm" aria-label={t('day.class')}>
            {[undefined, ...BREAK_CLASSES].map((breakClass) => {
              const current = (query as { class?: string }).class === breakClass;
              return (
                <Link
                  key={breakClass ?? 'all'}
                  href={filterHref(breakClass)}
                  aria-current={current ? 'page' : undefined}
                  className={`rounded-full border px-3 py-1 ${current ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
                >
                  {breakClass ? t(`classes.${breakClass}`) : t('day.allClasses')}
                </Link>
              );
            })}
          </nav>
          {breaks.items.length === 0 ? (
            <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('day.noBreaks')}</p>
          ) : (
            <TableScroll label={t('day.breaks')}>
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th className="px-4 py-2 font-medium">{t('day.ordinal')}</th>
                    <th className="px-4 py-2 font-medium">{t('day.class')}</th>
                    <th className="px-4 py-2 font-medium">{t('day.key')}</th>
                    <th className="px-4 py-2 font-medium">{t('day.fields')}</th>
                    <th className="px-4 py-2 font-medium">{t('day.rule')}</th>
                    <th className="px-4 py-2 font-medium">{t('day.leaves')}</th>
                    <th className="px-4 py-2 font-medium">{t('certificates.column')}</th>
                  </tr>
                </thead>
                <tbody>
                  {breaks.items.map((item) => (
                    <tr key={item.ordinal} data-testid="reconciliation-break" data-class={item.class} className="border-b border-slate-100 last:border-0">
                      <td className="px-4 py-2">{item.ordinal}</td>
                      <td className="px-4 py-2 whitespace-nowrap">{t(`classes.${item.class}`)}</td>
                      <td className="px-4 py-2 font-mono text-xs" title={item.key}>
                        {item.key.slice(0, 18)}…
                      </td>
                      <td className="px-4 py-2 font-mono text-xs">
                        {item.fields.join(', ') || '—'}
                        <BreakOpenings openings={openings.find((entry) => entry.ordinal === item.ordinal)} t={t} />
                        {pair?.mode === 'blind' && item.class === 'field-mismatch' && viewer.kind === 'staff' ? (
                          <OpenFieldsForm pairId={day.pairId} businessDate={day.businessDate} ordinal={item.ordinal} breakKey={item.key} fields={item.fields} t={t} />
                        ) : null}
                      </td>
                      <td className="px-4 py-2">
                        {item.rule ?? '—'}
                        {item.closedBy ? <span className="block text-xs text-emerald-700">{t('day.closedBy', { date: item.closedBy.businessDate })}</span> : null}
                        {item.closes ? <span className="block text-xs text-slate-600">{t('day.closes', { date: item.closes.businessDate })}</span> : null}
                      </td>
                      <td className="px-4 py-2 whitespace-nowrap">
                        {item.indexA ?? '—'} / {item.indexB ?? '—'}
                      </td>
                      <td className="px-4 py-2 text-xs">
                        <BreakCertificateCell pairId={day.pairId} businessDate={day.businessDate} item={item} openCases={openCases} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {breaks.nextCursor ? (
            <Link
              href={`${dayHref}?${new URLSearchParams({ ...((query as { class?: string }).class ? { class: (query as { class: string }).class } : {}), cursor: breaks.nextCursor })}`}
              className="text-sm text-sky-700 hover:underline"
            >
              {t('day.more')}
            </Link>
          ) : null}
        </section>
      )}
    </div>
  );
}

/** What each bank opened of a blind day's field mismatch, and the rule the opened values satisfy. */
function BreakOpenings({ openings, t }: { openings: BreakOpeningsView | undefined; t: Awaited<ReturnType<typeof getTranslations<'reconciliation'>>> }) {
  if (!openings) return null;
  if (openings.openings.length === 0) return <span className="mt-1 block font-sans text-slate-500">{t('day.notOpened')}</span>;
  return (
    <div className="mt-1 space-y-0.5 font-sans" data-testid="break-openings">
      <span className="block text-slate-500">{t('day.openings')}</span>
      {openings.openings.map((opening) => (
        <span key={`${opening.bank}/${opening.field}`} className="block font-mono break-all">
          {t('day.openedValue', { bank: opening.bank, field: opening.field, value: opening.value })}
        </span>
      ))}
      {openings.withinRuleOnOpening ? <span className="block text-emerald-700">{t('day.withinRuleOnOpening', { rule: openings.withinRuleOnOpening })}</span> : null}
    </div>
  );
}

/** A blind day's field mismatch: the bank pastes the openings its blinding command wrote for the
 * break's key (spec §14.3); Evident checks each against the bank's own committed side. */
function OpenFieldsForm({
  pairId,
  businessDate,
  ordinal,
  breakKey,
  fields,
  t,
}: {
  pairId: string;
  businessDate: string;
  ordinal: number;
  breakKey: string;
  fields: string[];
  t: Awaited<ReturnType<typeof getTranslations<'reconciliation'>>>;
}) {
  const command = `npm run reconciliation:blind -- --pair-key <file> --column-map <file> --open ${breakKey} --fields ${fields.join(',')} <statement>`;
  return (
    <details className="mt-1 font-sans" data-testid="open-fields">
      <summary className="cursor-pointer text-sky-700">{t('day.openFields')}</summary>
      <form action={submitOpeningsAction} className="mt-1 space-y-1">
        <input type="hidden" name="pairId" value={pairId} />
        <input type="hidden" name="businessDate" value={businessDate} />
        <input type="hidden" name="ordinal" value={ordinal} />
        <p className="max-w-md text-slate-600">{t('day.openFieldsHelp')}</p>
        <code className="block max-w-md rounded bg-slate-100 p-1 break-all">{command}</code>
        <label className="block">
          <span className="block text-slate-600">{t('day.openFieldsBody')}</span>
          <textarea name="body" required rows={4} maxLength={16384} spellCheck={false} className="block w-full max-w-md rounded border border-slate-300 p-1 font-mono" />
        </label>
        <button type="submit" className="rounded bg-slate-900 px-2 py-1 text-white">
          {t('day.openFieldsSubmit')}
        </button>
      </form>
    </details>
  );
}
