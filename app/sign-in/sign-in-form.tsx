'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { authClient } from '@/lib/auth/auth-client';

export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const t = useTranslations('auth');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (failure) {
      setPending(false);
      setError(failure.status === 429 ? t('tooMany') : failure.status === 401 || failure.status === 400 ? t('invalid') : t('failed'));
      return;
    }
    // A full navigation, so the server renders the next page with the new session cookie.
    window.location.assign(returnTo ?? '/');
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg bg-white p-6 shadow-sm" noValidate>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('email')}</span>
        <input name="email" type="email" autoComplete="username" required className="w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="text-slate-700">{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required className="w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
