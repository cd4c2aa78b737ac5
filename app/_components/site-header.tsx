import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/authorize';
import { currentViewer } from '@/lib/auth/current-viewer';
import { signOut, signOutEverywhere } from '../_actions/sign-out';
import { LanguageSwitch } from './language-switch';

export async function SiteHeader() {
  const t = await getTranslations('common');
  const viewer = await currentViewer();
  const links: Array<{ href: string; label: string }> = [];
  if (viewer.kind === 'staff' && viewer.organizationType === 'lender') {
    links.push(
      { href: '/lender', label: t('nav.lenderEvidence') },
      { href: '/lender/upload', label: t('nav.lenderUpload') },
      { href: '/lender/cases', label: t('nav.lenderCases') },
      { href: '/lender/reconciliation', label: t('nav.lenderReconciliation') },
    );
  }
  if (can(viewer, 'case.review')) links.push({ href: '/arbitration', label: t('nav.arbitrationCases') });
  if (viewer.kind === 'borrower') links.push({ href: '/borrower', label: t('nav.borrowerHome') });
  if (can(viewer, 'audit.read')) links.push({ href: '/audit', label: t('nav.audit') });
  links.push({ href: '/verify', label: t('nav.verify') }, { href: '/api-docs', label: t('nav.api') });

  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-4">
        <Link href="/" className="text-lg font-semibold text-slate-900">
          {t('brand')} <span className="text-slate-500">{t('brandTagline')}</span>
        </Link>
        {links.map((link) => (
          <Link key={link.href} href={link.href} className="text-sm text-slate-700 hover:text-slate-950">
            {link.label}
          </Link>
        ))}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-x-3 gap-y-2">
          <LanguageSwitch />
          {viewer.kind === 'staff' || viewer.kind === 'borrower' ? (
            <div className="flex flex-wrap items-center justify-end gap-2 text-xs text-slate-600">
              <span data-testid="signed-in-as">
                {t('account.signedInAs', { name: viewer.name })}
                {viewer.kind === 'staff' ? ` · ${viewer.organizationName}` : ''}
              </span>
              <form action={signOut}>
                <button type="submit" className="whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100">
                  {t('account.signOut')}
                </button>
              </form>
              <form action={signOutEverywhere}>
                <button type="submit" className="whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100">
                  {t('account.signOutEverywhere')}
                </button>
              </form>
            </div>
          ) : (
            <Link href="/sign-in" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}
