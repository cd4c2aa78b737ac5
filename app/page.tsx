import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/auth/current-viewer';
import { portalHomeOf } from '@/lib/auth/portal-home';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const viewer = await currentViewer();
  if (viewer.kind !== 'anonymous') redirect(portalHomeOf(viewer));
  const t = await getTranslations('home');
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="max-w-3xl text-slate-600">{t('intro')}</p>
        <div className="flex gap-3 pt-2">
          <Link href="/sign-in" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
            {t('signIn')}
          </Link>
          <Link href="/verify" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
            {t('verify')}
          </Link>
        </div>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('portalsTitle')}</h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {(['lender', 'arbitration', 'borrower', 'regulator'] as const).map((key) => (
            <li key={key} className="rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm">
              {t(key)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
