'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createKeyAction, type CreateKeyState } from './actions';

export function CreateKeyForm() {
  const t = useTranslations('apiKeys');
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, {});
  return (
    <div className="space-y-3">
      <form action={action} data-testid="create-api-key-form" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t('name')}</span>
          <input name="name" data-testid="api-key-name" required maxLength={100} placeholder={t('namePlaceholder')} className="w-72 rounded-md border border-slate-300 px-3 py-2" />
          {state.fieldErrors?.name ? <span className="block text-xs text-red-700">{t('nameInvalid')}</span> : null}
        </label>
        <button type="submit" data-testid="create-api-key" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {t('create')}
        </button>
      </form>
      {/* The action's error is an English DomainError message; the only ones it can raise are sign-in and
          role refusals, so the form says that in the reader's language rather than echo the message. */}
      {state.error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t('createRefused')}</p> : null}
      {state.plaintext ? (
        <div role="status" data-testid="new-api-key-notice" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium text-amber-900">{t('shownOnce')}</p>
          <code data-testid="new-api-key" className="mono block rounded bg-white px-3 py-2 text-xs">
            {state.plaintext}
          </code>
        </div>
      ) : null}
    </div>
  );
}
