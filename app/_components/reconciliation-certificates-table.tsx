// The reconciliation certificates a lender added to a case, on the arbitrator's and the lender's case
// pages: each with its class and day, its file, and the latest "Verify all" result for it (the
// certificate's checks, and each attested side against the chain).
import { getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';
import { TableScroll } from './table-scroll';

export async function ReconciliationCertificatesTable({ detail }: { detail: CaseDetail }) {
  if (detail.reconciliationCertificates.length === 0) return null;
  const t = await getTranslations('reconciliation.caseCertificates');
  const tClass = await getTranslations('reconciliation.classes');
  // The check names are the verify page's: one wording for the same checks.
  const tCheck = await getTranslations('verify.checks');
  const results = new Map((detail.latestReconciliationResults ?? []).map((result) => [result.serial, result]));
  return (
    <section className="space-y-2" data-testid="case-reconciliation-certificates">
      <h3 className="font-medium">{t('title')}</h3>
      <TableScroll label={t('title')}>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t('serial')}</th>
              <th className="px-4 py-2 font-medium">{t('pair')}</th>
              <th className="px-4 py-2 font-medium">{t('date')}</th>
              <th className="px-4 py-2 font-medium">{t('class')}</th>
              <th className="px-4 py-2 font-medium">{t('result')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.reconciliationCertificates.map((certificate) => {
              const result = results.get(certificate.serial);
              return (
                <tr
                  key={certificate.serial}
                  className="border-b border-slate-100 align-top last:border-0"
                  data-testid="case-reconciliation-certificate"
                  data-serial={certificate.serial}
                  data-verified={result === undefined ? 'not-yet' : String(result.passed)}
                >
                  <td className="px-4 py-2 font-mono text-xs">{certificate.serial}</td>
                  <td className="px-4 py-2">{certificate.pairName}</td>
                  <td className="px-4 py-2 font-mono text-xs">{certificate.businessDate}</td>
                  <td className="px-4 py-2">
                    {tClass(certificate.class)} · {t(`proof.${certificate.proof}`)}
                  </td>
                  <td className="px-4 py-2">
                    {result === undefined ? (
                      <span className="text-slate-500">{t('notVerified')}</span>
                    ) : (
                      <>
                        <span className={result.passed ? 'font-medium text-emerald-700' : 'font-medium text-red-700'}>{t(result.passed ? 'passed' : 'failed')}</span>
                        <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                          {result.checks.map((check) => (
                            <li key={check.id}>
                              {check.status === 'pass' ? '✓' : check.status === 'fail' ? '✗' : '–'} {tCheck(check.id)}
                            </li>
                          ))}
                          {result.chain.map((side) => (
                            <li key={side.bank} data-testid="case-reconciliation-chain" data-status={side.status}>
                              {side.status === 'pass' ? '✓' : '✗'} {t(side.status === 'pass' ? 'chainPass' : 'chainFail', { bank: side.bank })}
                              {/* Why it failed, as the chain check words it (a node's or contract's message). */}
                              {side.status === 'fail' && <span className="block break-words pl-4 text-slate-500">{side.message}</span>}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
