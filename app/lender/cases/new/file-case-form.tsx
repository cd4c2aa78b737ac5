'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import type { FilingEvidenceOption } from '@/lib/cases/get-filing-options';
import { fileCaseAction, type FileCaseField, type FileCaseFormState } from './actions';

type EvidenceOption = Omit<FilingEvidenceOption, 'submittedAt'> & { submittedAt: string };

const INITIAL: FileCaseFormState = {
  errors: [],
  values: { commissionOrganizationId: '', borrowerId: '', title: '', claimSummary: '', evidenceIds: [] },
};

export function FileCaseForm({
  commissions,
  borrowers,
}: {
  commissions: Array<{ id: string; name: string }>;
  borrowers: Array<{ id: string; name: string; identifierHint: string | null; evidence: EvidenceOption[] }>;
}) {
  const t = useTranslations('arbitration.lenderCases.new');
  const tStatus = useTranslations('common.status');
  const tType = useTranslations('common.evidenceType');
  const [state, action, pending] = useActionState(fileCaseAction, INITIAL);
  const [borrowerId, setBorrowerId] = useState(state.values.borrowerId);
  const evidence = borrowers.find((b) => b.id === borrowerId)?.evidence ?? [];
  const error = (field: FileCaseField) =>
    state.errors.includes(field) ? (
      <p role="alert" data-field-error={field} className="text-sm text-red-700">
        {t(`errors.${field}`)}
      </p>
    ) : null;

  return (
    // key: a failed submission re-renders the form with the values it sent.
    <form action={action} key={JSON.stringify(state.values)} data-testid="file-case-form" className="space-y-5 rounded-lg bg-white p-6 shadow-sm" noValidate>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('commission')}</span>
        <select name="commissionOrganizationId" defaultValue={state.values.commissionOrganizationId} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2">
          <option value="">{t('chooseCommission')}</option>
          {commissions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {error('commissionOrganizationId')}
      </label>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('borrower')}</span>
        {borrowers.length === 0 ? <p className="text-slate-500">{t('noBorrowers')}</p> : null}
        <select
          name="borrowerId"
          value={borrowerId}
          onChange={(event) => setBorrowerId(event.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          <option value="">{t('chooseBorrower')}</option>
          {borrowers.map((b) => (
            <option key={b.id} value={b.id}>
              {b.identifierHint ? `${b.name} · ${b.identifierHint}` : b.name}
            </option>
          ))}
        </select>
        {error('borrowerId')}
      </label>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('caseTitle')}</span>
        <input name="title" defaultValue={state.values.title} maxLength={200} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        {error('title')}
      </label>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('claimSummary')}</span>
        <textarea name="claimSummary" defaultValue={state.values.claimSummary} rows={5} maxLength={5000} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        {error('claimSummary')}
      </label>
      <fieldset className="space-y-2 text-sm">
        <legend className="text-slate-700">{t('evidence')}</legend>
        <p className="text-xs text-slate-500">{borrowerId ? t('evidenceHint') : t('chooseBorrowerFirst')}</p>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {evidence.map((item) => (
            <li key={item.id}>
              <label className="flex items-start gap-3 px-3 py-2">
                <input
                  type="checkbox"
                  name="evidenceIds"
                  value={item.id}
                  defaultChecked={state.values.evidenceIds.includes(item.id)}
                  data-file-name={item.fileName}
                  className="mt-1"
                />
                <span className="space-y-0.5">
                  <span className="block font-medium">{item.title ?? item.fileName}</span>
                  <span className="block text-xs text-slate-500">
                    {[item.evidenceType ? tType(item.evidenceType) : null, item.loanReference, item.fileName, tStatus(item.status)].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {error('evidenceIds')}
      </fieldset>
      {state.errors.includes('form') ? (
        <p role="alert" className="text-sm text-red-700">
          {t('errors.form')}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
