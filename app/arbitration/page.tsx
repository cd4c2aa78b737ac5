import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { listCases } from '@/lib/cases/list-cases';
import { getPrisma } from '@/lib/db/client';
import { CaseStatus } from '@/lib/db/generated/enums';
import { CasesTable } from '../_components/cases-table';

const PAGE_SIZE = 20;
const STATUSES = Object.values(CaseStatus);

export default async function ArbitrationCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewerFor('case.review');
  const params = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
  const status = STATUSES.find((s) => s === one(params.status));
  const query = one(params.q).slice(0, 100);
  const page = Math.max(1, Number.parseInt(one(params.page), 10) || 1);
  const result = await listCases({ prisma: getPrisma(), viewer, status, query, page, pageSize: PAGE_SIZE });
  const t = await getTranslations('arbitration');
  const tCommon = await getTranslations('common');
  const lastPage = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const pageHref = (target: number) => {
    const search = new URLSearchParams();
    if (status) search.set('status', status);
    if (query) search.set('q', query);
    search.set('page', String(target));
    return `/arbitration?${search}`;
  };
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('list.intro', { commission: viewer.kind === 'staff' ? viewer.organizationName : '' })}</p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="space-y-1">
          <span className="block text-slate-600">{t('list.status')}</span>
          <select name="status" defaultValue={status ?? ''} className="rounded-md border border-slate-300 bg-white px-3 py-2">
            <option value="">{t('list.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {tCommon(`caseStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">{t('list.search')}</span>
          <input name="q" defaultValue={query} placeholder={t('list.searchPlaceholder')} className="w-72 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">
          {t('list.apply')}
        </button>
        <span className="ml-auto text-slate-500">{t('list.total', { count: result.total })}</span>
      </form>
      <CasesTable cases={result.cases} hrefBase="/arbitration/cases" party="lender" />
      {lastPage > 1 ? (
        <nav className="flex items-center gap-4 text-sm">
          {page > 1 ? <Link href={pageHref(page - 1)} className="text-sky-700 hover:underline">{tCommon('pagination.previous')}</Link> : null}
          <span className="text-slate-500">{tCommon('pagination.page', { page })}</span>
          {page < lastPage ? <Link href={pageHref(page + 1)} className="text-sky-700 hover:underline">{tCommon('pagination.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
