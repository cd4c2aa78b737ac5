import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/auth/current-viewer';
import { portalHomeOf, safeReturnPath } from '@/lib/auth/portal-home';
import { getConfig } from '@/lib/config';
import { DEMO_BORROWERS, DEMO_PASSWORD, DEMO_STAFF } from '@/lib/demo/demo-consortium';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const viewer = await currentViewer();
  const returnTo = safeReturnPath(next);
  if (viewer.kind !== 'anonymous') redirect(returnTo ?? portalHomeOf(viewer));
  const t = await getTranslations('auth');
  const demo = getConfig().seedDemo ? [...DEMO_STAFF.map((s) => s.email), ...DEMO_BORROWERS.map((b) => b.email)] : [];
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{returnTo ? t('sessionExpired') : t('intro')}</p>
      </div>
      <SignInForm returnTo={returnTo} />
      {demo.length > 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-xs text-slate-600">
          <p className="mb-2">{t('demoHint', { password: DEMO_PASSWORD })}</p>
          <ul className="mono space-y-0.5">
            {demo.map((email) => (
              <li key={email}>{email}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
