import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { EVIDENCE_STATUSES, EVIDENCE_TYPES, evidenceSearchSchema, parseSha256Prefix, type EvidenceSearch } from '@/lib/evidence/evidence-schemas';
import { findBorrowerByIdNumberAction } from './actions';
import { searchEvidence } from '@/lib/evidence/search-evidence';
import { getLenderOverview } from '@/lib/evidence/get-lender-overview';
import { isReversedDayRange } from '@/lib/i18n/display-day';
import { BorrowerLabel } from '@/app/_components/borrower-label';
import { CaseStatusBadge } from '@/app/_components/case-status-badge';
import { StatusBadge } from '@/app/_components/status-badge';
import { TableScroll } from '@/app/_components/table-scroll';

export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LenderEvidencePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewerFor('evidence.submit');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const filters = evidenceSearchSchema.parse(raw);
  // A range that ends before it starts holds nothing: said plainly, not searched.
  const reversed = isReversedDayRange(filters.from, filters.to);
  const sha256Invalid = filters.sha256 !== undefined && parseSha256Prefix(filters.sha256) === null;
  // The ID number search (a posted form, see ./actions.ts) comes back as the borrower's id or as one of these.
  const idNumberNotFound = raw.idNumberNotFound === '1';
  const idNumberInvalid = raw.idNumberInvalid === '1';
  const searched = !reversed && !sha256Invalid && !idNumberNotFound && !idNumberInvalid;
  const result = searched ? await searchEvidence({ prisma: getPrisma(), viewer, filters }) : { items: [], total: 0, page: 1, pageCount: 1 };
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
  // What needs attention, on the unfiltered home page only: a search keeps the list in front.
  const overview = filtered ? null : await getLenderOverview({ prisma: getPrisma(), viewer });
  const exportQuery = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => entry[0] !== 'page' && typeof entry[1] === 'string'),
  ).toString();
  const t = await getTranslations('lender.list');
  const common = await getTranslations('common');
  const format = await getFormatter();
  const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <div className="flex flex-wrap gap-3">
          {searched ? (
            <a href={`/lender/evidence.csv${exportQuery ? `?${exportQuery}` : ''}`} download data-testid="evidence-export" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('exportCsv')}
            </a>
          ) : null}
          <Link href="/lender/upload" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
            {t('upload')}
          </Link>
        </div>
      </div>

      {overview ? (
        <section aria-labelledby="attention-title" data-testid="lender-overview" className="grid gap-4 lg:grid-cols-[2fr_3fr]">
          <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
            <h2 id="attention-title" className="text-base font-semibold">{t('overview.title')}</h2>
            <ul className="grid grid-cols-3 gap-3 text-sm">
              {(
                [
                  { key: 'waiting', testId: 'overview-waiting', href: '/lender?status=pending', count: overview.waiting, colors: 'bg-amber-50 hover:bg-amber-100 text-amber-900' },
                  { key: 'anchored', testId: 'overview-anchored', href: '/lender?status=anchored', count: overview.anchored, colors: 'bg-emerald-50 hover:bg-emerald-100 text-emerald-900' },
                  { key: 'openCases', testId: 'overview-open-cases', href: '/lender/cases', count: overview.openCases, colors: 'bg-sky-50 hover:bg-sky-100 text-sky-900' },
                ] as const
              ).map((card) => (
                <li key={card.key}>
                  <Link href={card.href} className={`block rounded-md p-3 ${card.colors}`} data-testid={card.testId}>
                    <span className="block text-2xl font-semibold tabular-nums">{card.count}</span>
                    <span>{t(`overview.${card.key}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {overview.waiting > 0 ? <p className="text-xs text-slate-600">{t('overview.waitingHint')}</p> : null}
          </div>
          <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold">{t('overview.recentCases')}</h2>
            {overview.recentCases.length === 0 ? (
              <p className="text-sm text-slate-500">{t('overview.noCases')}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="overview-recent-cases">
                {overview.recentCases.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
                    <Link href={`/lender/cases/${c.id}`} className="font-mono text-xs text-sky-700 hover:underline">
                      {c.caseNumber}
                    </Link>
                    <span className="min-w-0 flex-1 truncate">{c.title}</span>
                    <BorrowerLabel name={c.borrowerName} identifierHint={c.borrowerIdentifierHint} />
                    <CaseStatusBadge status={c.status} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      ) : null}

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
        <label className="space-y-1 text-sm sm:col-span-2">
          <span className="text-slate-600">{t('sha256')}</span>
          <input
            name="sha256"
            defaultValue={filters.sha256 ?? ''}
            placeholder={t('sha256Placeholder')}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={sha256Invalid ? true : undefined}
            aria-describedby={sha256Invalid ? 'sha256-invalid' : undefined}
            className={`${inputClass} mono`}
          />
          {sha256Invalid ? (
            <span id="sha256-invalid" role="alert" data-testid="sha256-invalid" className="block text-xs text-red-700">
              {t('sha256Invalid')}
            </span>
          ) : null}
        </label>
        {filters.borrowerId ? <input type="hidden" name="borrowerId" value={filters.borrowerId} /> : null}
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('from')}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ''} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-slate-600">{t('to')}</span>
          <input
            name="to"
            type="date"
            defaultValue={filters.to ?? ''}
            aria-invalid={reversed ? true : undefined}
            aria-describedby={reversed ? 'reversed-range' : undefined}
            className={inputClass}
          />
        </label>
        {reversed ? (
          <p id="reversed-range" role="alert" data-testid="reversed-range" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2 lg:col-span-4">
            {t('reversedRange', { from: filters.from ?? '', to: filters.to ?? '' })}
          </p>
        ) : null}
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white">
            {t('apply')}
          </button>
          {filtered && (
            <Link href="/lender" className="text-sm text-sky-700 hover:underline">
              {t('clear')}
            </Link>
          )}
          {!searched ? null : (
            <span className="ml-auto text-sm text-slate-500" data-testid="result-count">
              {t('count', { count: result.total })}
            </span>
          )}
        </div>
      </form>

      <form action={findBorrowerByIdNumberAction} aria-label={t('idNumberSearch.label')} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 text-sm shadow-sm">
        <input type="hidden" name="returnQuery" value={exportQuery} />
        <label className="space-y-1">
          <span className="block text-slate-600">{t('idNumberSearch.idNumber')}</span>
          <input name="idNumber" autoComplete="off" spellCheck={false} maxLength={40} className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" data-testid="id-number-search" className="rounded-md border border-slate-300 px-4 py-1.5 font-medium">
          {t('idNumberSearch.find')}
        </button>
        <p className="basis-full text-xs text-slate-500">{t('idNumberSearch.hint')}</p>
        {filters.borrowerId ? (
          <p className="basis-full" data-testid="borrower-id-filter">
            {t('idNumberSearch.active')}{' '}
            {result.items[0] ? <BorrowerLabel name={result.items[0].borrowerName} identifierHint={result.items[0].borrowerIdentifierHint} /> : null}{' '}
            <Link href={`/lender?${withoutParam(exportQuery, 'borrowerId')}`} className="text-sky-700 hover:underline">
              {t('idNumberSearch.remove')}
            </Link>
          </p>
        ) : null}
        {idNumberNotFound || idNumberInvalid ? (
          <p role="alert" data-testid="id-number-search-result" className="basis-full rounded-md bg-red-50 px-3 py-2 text-red-800">
            {idNumberInvalid ? t('idNumberSearch.invalid') : t('idNumberSearch.notFound')}
          </p>
        ) : null}
      </form>

      {!searched ? null : result.items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-slate-500 shadow-sm">{filtered ? t('noMatches') : t('empty')}</p>
      ) : (
        <TableScroll label={t('title')}>
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
                  <td className="px-4 py-2">
                    <BorrowerLabel name={item.borrowerName} identifierHint={item.borrowerIdentifierHint} />
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(new Date(item.submittedAt), { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {result.pageCount > 1 && (
        <nav aria-label={t('pagination')} className="flex items-center justify-center gap-4 text-sm">
          {result.page > 1 ? (
            <Link href={pageHref(filters, result.page - 1)} rel="prev" className="text-sky-700 hover:underline">
              {common('pagination.previous')}
            </Link>
          ) : (
            <span className="text-slate-500">{common('pagination.previous')}</span>
          )}
          <span className="text-slate-600">{t('pageOf', { page: result.page, pageCount: result.pageCount })}</span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(filters, result.page + 1)} rel="next" className="text-sky-700 hover:underline">
              {common('pagination.next')}
            </Link>
          ) : (
            <span className="text-slate-500">{common('pagination.next')}</span>
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

function withoutParam(query: string, name: string): string {
  const params = new URLSearchParams(query);
  params.delete(name);
  return params.toString();
}
