import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { EVIDENCE_STATUSES, EVIDENCE_TYPES, evidenceSearchSchema, type EvidenceSearch } from '@/lib/evidence/evidence-schemas';
import { searchEvidence } from '@/lib/evidence/search-evidence';
import { StatusBadge } from '@/app/_components/status-badge';

export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LenderEvidencePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewerFor('evidence.submit');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const filters = evidenceSearchSchema.parse(raw);
  const result = await searchEvidence({ prisma: getPrisma(), viewer, filters });
  const t = await getTranslations('lender.list');
  const common = await getTranslations('common');
  const format = await getFormatter();
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
  const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Link href="/lender/upload" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
          {t('upload')}
        </Link>
      </div>

      <form method="get" role="search" aria-label={t('filtersLabel')} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        <label className="space-y-1 text-sm sm:col-span-2">
          <span className="text-slate-600">{t('search')}</span>
          <input name="q" type="search" defaultValue={filters.q ?? ''} placeholder={t('searchPlaceholder')} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('status')}</span>
          <select name="status" defaultValue={filters.status ?? ''} className={inputClass}>
            <option value="">{t('any')}</option>
            {EVIDENCE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {common(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('type')}</span>
          <select name="type" defaultValue={filters.type ?? ''} className={inputClass}>
            <option value="">{t('any')}</option>
            {EVIDENCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {common(`evidenceType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('loanReference')}</span>
          <input name="loanReference" defaultValue={filters.loanReference ?? ''} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('borrower')}</span>
          <input name="borrower" defaultValue={filters.borrower ?? ''} placeholder={t('borrowerPlaceholder')} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('from')}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ''} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('to')}</span>
          <input name="to" type="date" defaultValue={filters.to ?? ''} className={inputClass} />
        </label>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white">
            {t('apply')}
          </button>
          {filtered && (
            <Link href="/lender" className="text-sm text-sky-700 hover:underline">
              {t('clear')}
            </Link>
          )}
          <span className="ml-auto text-sm text-slate-500" data-testid="result-count">
            {t('count', { count: result.total })}
          </span>
        </div>
      </form>

      {result.items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-slate-500 shadow-sm">{filtered ? t('noMatches') : t('empty')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('columns.title')}</th>
                <th className="px-4 py-2 font-medium">{t('columns.type')}</th>
                <th className="px-4 py-2 font-medium">{t('columns.loanReference')}</th>
                <th className="px-4 py-2 font-medium">{t('columns.borrower')}</th>
                <th className="px-4 py-2 font-medium">{t('columns.submittedAt')}</th>
                <th className="px-4 py-2 font-medium">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.id} data-testid="evidence-row" data-evidence-id={item.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2">
                    <Link href={`/lender/evidence/${item.id}`} className="font-medium text-sky-700 hover:underline">
                      {item.title ?? item.fileName}
                    </Link>
                    {item.title && <div className="text-xs text-slate-500">{item.fileName}</div>}
                  </td>
                  <td className="px-4 py-2">{item.type ? common(`evidenceType.${item.type}`) : '—'}</td>
                  <td className="px-4 py-2">{item.loanReference ?? '—'}</td>
                  <td className="px-4 py-2">{item.borrowerName ?? '—'}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(new Date(item.submittedAt), { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {result.pageCount > 1 && (
        <nav aria-label={t('pagination')} className="flex items-center justify-center gap-4 text-sm">
          {result.page > 1 ? (
            <Link href={pageHref(filters, result.page - 1)} rel="prev" className="text-sky-700 hover:underline">
              {common('pagination.previous')}
            </Link>
          ) : (
            <span className="text-slate-400">{common('pagination.previous')}</span>
          )}
          <span className="text-slate-600">{t('pageOf', { page: result.page, pageCount: result.pageCount })}</span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(filters, result.page + 1)} rel="next" className="text-sky-700 hover:underline">
              {common('pagination.next')}
            </Link>
          ) : (
            <span className="text-slate-400">{common('pagination.next')}</span>
          )}
        </nav>
      )}
    </div>
  );
}

function pageHref(filters: EvidenceSearch, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page })) {
    if (value !== undefined && !(key === 'page' && value === 1)) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/lender?${query}` : '/lender';
}
