// One break's reconciliation certificate(s) on the day page: download links (an only-A / only-B
// break has two halves, inclusion and absence) and a small form to add it to one of the bank's open
// arbitration cases. A timing break has the two halves of a key on one side of its day (with day D's
// certificates of the break it closes, the timing evidence); a row within tolerance has the
// field-mismatch certificate (issue-break-certificate.ts).
import { getTranslations } from 'next-intl/server';
import type { BreakView } from '@/lib/reconciliation/reconciliation-schemas';
import { addBreakToCaseAction } from './actions';

export async function BreakCertificateCell({
  pairId,
  businessDate,
  item,
  openCases,
}: {
  pairId: string;
  businessDate: string;
  item: BreakView;
  openCases: Array<{ id: string; caseNumber: string; title: string }>;
}) {
  const t = await getTranslations('reconciliation.certificates');
  const proofs = item.class === 'field-mismatch' || item.class === 'within-tolerance' ? (['field-mismatch'] as const) : (['inclusion', 'absence'] as const);
  const href = (proof: string) => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks/${item.ordinal}/certificate?proof=${proof}`;
  return (
    <div className="space-y-1 whitespace-nowrap">
      {proofs.map((proof) => (
        <a key={proof} href={href(proof)} download className="block text-sky-700 hover:underline" data-testid="break-certificate-link" data-proof={proof}>
          {t(`download.${proof}`)}
        </a>
      ))}
      {openCases.length === 0 ? null : (
        <details className="text-xs">
          <summary className="cursor-pointer text-sky-700">{t('addToCase')}</summary>
          <form action={addBreakToCaseAction} className="mt-1 space-y-1" data-testid="add-break-to-case">
            <input type="hidden" name="pairId" value={pairId} />
            <input type="hidden" name="businessDate" value={businessDate} />
            <input type="hidden" name="ordinal" value={item.ordinal} />
            {proofs.length > 1 ? (
              <select name="proof" aria-label={t('proof')} className="block rounded border border-slate-300 px-1 py-0.5">
                {proofs.map((proof) => (
                  <option key={proof} value={proof}>
                    {t(`download.${proof}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input type="hidden" name="proof" value={proofs[0]} />
            )}
            <select name="caseId" aria-label={t('case')} className="block max-w-56 rounded border border-slate-300 px-1 py-0.5">
              {openCases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.caseNumber} · {c.title}
                </option>
              ))}
            </select>
            <button type="submit" className="rounded bg-slate-900 px-2 py-1 text-white">
              {t('add')}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
