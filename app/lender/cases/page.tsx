import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { listCases } from '@/lib/cases/list-cases';
import { getPrisma } from '@/lib/db/client';
import { CasesTable } from '../../_components/cases-table';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

export default async function LenderCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewerFor('case.file');
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(String(params.page ?? '1'), 10) || 1);
  const result = await listCases({ prisma: getPrisma(), viewer, page, pageSize: PAGE_SIZE });
  const t = await getTranslations('arbitration.lenderCases');
  const tCommon = await getTranslations('common.pagination');
  const lastPage = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="text-sm text-slate-600">{t('intro')}</p>
        </div>
        <Link href="/lender/cases/new" className="ml-auto rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
          {t('fileNew')}
        </Link>
      </div>
      {result.total === 0 ? (
        <p className="rounded-lg bg-white p-5 text-sm text-slate-500 shadow-sm">{t('empty')}</p>
      ) : (
        <CasesTable cases={result.cases} hrefBase="/lender/cases" party="commission" />
      )}
      {lastPage > 1 ? (
        <nav className="flex items-center gap-4 text-sm">
          {page > 1 ? <Link href={`/lender/cases?page=${page - 1}`} className="text-sky-700 hover:underline">{tCommon('previous')}</Link> : null}
          <span className="text-slate-500">{tCommon('page', { page })}</span>
          {page < lastPage ? <Link href={`/lender/cases?page=${page + 1}`} className="text-sky-700 hover:underline">{tCommon('next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
