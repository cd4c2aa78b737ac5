import { getTranslations } from 'next-intl/server';
import { requestDisclosureAction } from './actions';

/** Asks bank `bank` to disclose one record of its side of `businessDate`, with the regulator's reason. */
export async function DisclosureRequestForm({ pairId, businessDate, bank, recordKey }: { pairId: string; businessDate: string; bank: 'A' | 'B'; recordKey: string }) {
  const t = await getTranslations('reconciliation.disclosure');
  return (
    <form action={requestDisclosureAction} className="flex flex-wrap items-center gap-2" data-testid="disclosure-request-form" data-bank={bank}>
      <input type="hidden" name="pairId" value={pairId} />
      <input type="hidden" name="businessDate" value={businessDate} />
      <input type="hidden" name="bank" value={bank} />
      <input type="hidden" name="key" value={recordKey} />
      <input name="reason" required maxLength={1000} aria-label={t('reason')} placeholder={t('reason')} className="w-56 rounded border border-slate-300 px-2 py-1 text-xs" />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
        {t('request', { bank })}
      </button>
    </form>
  );
}
