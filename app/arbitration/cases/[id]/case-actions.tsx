'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { CaseStatus } from '@/lib/db/generated/enums';
import { advanceCaseAction, verifyAllAction, type CaseActionState } from './actions';

const INITIAL: CaseActionState = { error: null };

export function VerifyAllButton({ caseId }: { caseId: string }) {
  const t = useTranslations('arbitration');
  const [state, action, pending] = useActionState(verifyAllAction.bind(null, caseId), INITIAL);
  return (
    <form action={action} data-testid="verify-all-form" className="space-y-2">
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? t('detail.verifying') : t('detail.verifyAll')}
      </button>
      {state.error ? <p role="alert" className="text-sm text-red-700">{t(`actionErrors.${state.error}`)}</p> : null}
    </form>
  );
}

export function AdvanceStatusButton({ caseId, to }: { caseId: string; to: CaseStatus }) {
  const t = useTranslations('arbitration');
  const [state, action, pending] = useActionState(advanceCaseAction.bind(null, caseId), INITIAL);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="to" value={to} />
      <button
        type="submit"
        disabled={pending}
        data-testid={`advance-${to}`}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        {t(`detail.advance.${to as Exclude<CaseStatus, 'filed'>}`)}
      </button>
      {state.error ? <p role="alert" className="text-sm text-red-700">{t(`actionErrors.${state.error}`)}</p> : null}
    </form>
  );
}
