import { getTranslations } from 'next-intl/server';
import type { AuditChainReport } from '@/lib/audit/verify-audit-chain';
import { PAGE_CHAIN_TIMEOUT_MS } from '@/lib/chain/page-chain-timeout';

/** The hash chain's verdict, loud when it fails: a broken chain means the log was tampered with. */
export async function ChainCheck({
  report,
  error,
  chainUnreachable,
}: {
  report: AuditChainReport | null;
  error: string | null;
  /** The chain node did not answer in time; the log below is still shown, unchecked against it. */
  chainUnreachable: boolean;
}) {
  const t = await getTranslations('audit.chain');
  if (!report && chainUnreachable) {
    return (
      <div role="alert" className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-sm text-amber-900" data-chain-check="unreachable">
        <p className="font-semibold">{t('unreachableTitle')}</p>
        <p>{t('unreachableBody', { seconds: PAGE_CHAIN_TIMEOUT_MS / 1000 })}</p>
      </div>
    );
  }
  if (!report) {
    return (
      <div role="alert" className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-sm text-amber-900" data-chain-check="unavailable">
        <p className="font-semibold">{t('unavailableTitle')}</p>
        <p>{t('unavailableBody', { error: error ?? '' })}</p>
      </div>
    );
  }
  if (report.ok) {
    return (
      <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900" data-chain-check="ok" data-chain-proven-through={report.chainProvenThrough ?? undefined}>
        <p className="font-semibold">{t('okTitle')}</p>
        <p>{t('okBody', { entries: report.entriesChecked })}</p>
        <p>
          {!report.chainChecked
            ? t('noChain')
            : report.chainProvenThrough
              ? t('proven', { sequence: report.chainProvenThrough })
              : t('notYetAnchored')}
        </p>
        {report.head ? <p className="mt-1 break-all font-mono text-xs text-emerald-800">{t('head', { head: report.head })}</p> : null}
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-lg border-4 border-red-600 bg-red-50 p-5 text-red-900" data-chain-check="broken">
      <p className="text-xl font-bold">{t('brokenTitle')}</p>
      <p className="mt-1 text-sm">{t('brokenBody', { count: report.problems.length })}</p>
      <ul className="mt-3 space-y-1 text-sm">
        {report.problems.map((problem, index) => (
          <li key={index} data-broken-sequence={problem.sequence}>
            <span className="font-mono font-semibold">#{problem.sequence}</span> — {t(`problems.${problem.kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
