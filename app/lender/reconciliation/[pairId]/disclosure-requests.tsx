import { getFormatter, getTranslations } from 'next-intl/server';
import type { BankDisclosureRequest } from '@/lib/reconciliation/list-bank-disclosure-requests';
import { answerDisclosureAction } from './disclosure-actions';

/** The regulator's requests to this bank in the pair, each answered by Disclose or Decline with a reason. */
export async function DisclosureRequests({
  pairId,
  requests,
  outcome,
  error,
}: {
  pairId: string;
  requests: BankDisclosureRequest[];
  outcome: string | undefined;
  error: string | undefined;
}) {
  const [t, format] = await Promise.all([getTranslations('reconciliation.disclosureBank'), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section id="disclosure-requests" className="space-y-3" data-testid="disclosure-requests">
      <h2 className="text-lg font-semibold">{t('title')}</h2>
      <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      {outcome === 'disclosed' || outcome === 'declined' ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="disclosure-answered">
          {t(outcome === 'disclosed' ? 'disclosedDone' : 'declinedDone')}
        </p>
      ) : null}
      {error ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="disclosure-answer-error">
          {t('answerFailed', { message: error.slice(0, 300) })}
        </p>
      ) : null}
      {requests.length === 0 ? <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('none')}</p> : null}
      <ul className="space-y-2">
        {requests.map((request) => (
          <li key={request.id} className="space-y-1 rounded-lg bg-white p-4 text-sm shadow-sm" data-testid="disclosure-request" data-key={request.key} data-status={request.status}>
            <p>
              {t('line', { date: request.businessDate, leaf: request.leafIndex, subject: request.subject })}{' '}
              <span className="font-mono text-xs" title={request.key}>
                {request.key.slice(0, 18)}…
              </span>
            </p>
            <p className="text-slate-600">{t('reason', { reason: request.reason })}</p>
            {request.status === 'requested' ? (
              <form action={answerDisclosureAction} className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="pairId" value={pairId} />
                <input type="hidden" name="requestId" value={request.id} />
                <input name="reason" maxLength={1000} aria-label={t('declineReason')} placeholder={t('declineReason')} className="w-64 rounded border border-slate-300 px-2 py-1 text-xs" />
                <button type="submit" name="decision" value="disclose" className="rounded bg-slate-800 px-3 py-1 text-xs text-white hover:bg-slate-700">
                  {t('disclose')}
                </button>
                <button type="submit" name="decision" value="decline" className="rounded border border-slate-300 px-3 py-1 text-xs hover:bg-slate-50">
                  {t('decline')}
                </button>
              </form>
            ) : (
              <p className="text-xs text-slate-600" data-testid="disclosure-request-status">
                {t('answered', { status: t(`status.${request.status}`), who: request.answeredBy ?? '', when: request.answeredAt ? when(request.answeredAt) : '' })}
                {request.declineReason ? ` · ${request.declineReason}` : ''}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
