import Link from 'next/link';
import { orErrorPage } from '@/app/_components/or-error-page';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AUDIT_ACTIONS } from '@/lib/audit/audit-actions';
import { auditFiltersQuery, auditFiltersSchema, REVERSED_RANGE_ISSUE, type AuditFilters } from '@/lib/audit/audit-filters';
import { getAuditLog } from '@/lib/audit/get-audit-log';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { TO_THE_SECOND } from '@/lib/i18n/locales';
import { ChainCheck } from './chain-check';
import { TableScroll } from '@/app/_components/table-scroll';

export const dynamic = 'force-dynamic';

/** The filters the form offers; a bad value in one is shown beside it. */
const FORM_FIELDS = ['action', 'organizationId', 'actor', 'from', 'to'] as const;
type FormField = (typeof FORM_FIELDS)[number];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The role first: whoever may not read the log learns nothing from how its filters are checked.
  const viewer = await requireViewerFor('audit.read');
  const { filters, invalid, reversed } = readFilters(await searchParams);
  const log = await orErrorPage(getAuditLog({ prisma: getPrisma(), viewer, filters, chainRpcUrl: getConfig().chainRpcUrl }));
  const t = await getTranslations('audit');
  const tc = await getTranslations('common');
  const tr = await getTranslations('reconciliation.oversight');
  const format = await getFormatter();
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const pageLink = (page: number) => `/audit?${auditFiltersQuery(filters, { page: String(page) })}`;
  const fieldError = (field: FormField) =>
    field in invalid ? (
      <span role="alert" data-field-error={field} className="text-xs text-red-700">
        {field === 'to' && reversed
          ? t('filters.invalid.reversedRange', { from: filters.from ?? '', to: invalid.to ?? '' })
          : t(`filters.invalid.${field}`, { value: invalid[field] ?? '' })}
      </span>
    ) : null;
  const anyInvalid = Object.keys(invalid).length > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="text-sm text-slate-600">{t('intro')}</p>
        </div>
        <Link href="/audit/reconciliation" className="text-sm text-sky-700 hover:underline" data-testid="reconciliation-oversight-link">
          {tr('link')}
        </Link>
        {anyInvalid ? null : (
          <a
            href={`/api/v1/audit/export.csv?${auditFiltersQuery(filters)}`}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
            data-testid="audit-export"
            download
          >
            {t('export')}
          </a>
        )}
      </div>

      <ChainCheck report={log.chain} error={log.chainError} chainUnreachable={log.chainUnreachable} />

      <form method="get" action="/audit" className="grid gap-3 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        {filters.targetType ? <input type="hidden" name="targetType" value={filters.targetType} /> : null}
        {filters.targetId ? <input type="hidden" name="targetId" value={filters.targetId} /> : null}
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t('filters.action')}</span>
          <select name="action" defaultValue={filters.action ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t('filters.any')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t.has(`actions.${action}`) ? `${t(`actions.${action}`)} (${action})` : action}
              </option>
            ))}
          </select>
          {fieldError('action')}
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t('filters.organization')}</span>
          <select name="organizationId" defaultValue={filters.organizationId ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t('filters.any')}</option>
            {log.organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
          {fieldError('organizationId')}
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t('filters.actor')}</span>
          <input
            name="actor"
            type="search"
            defaultValue={filters.actor ?? ''}
            placeholder={t('filters.actorPlaceholder')}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
          {fieldError('actor')}
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t('filters.from')}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5" />
          {fieldError('from')}
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{t('filters.to')}</span>
          <input name="to" type="date" defaultValue={filters.to ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5" />
          {fieldError('to')}
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white" data-testid="audit-filter-submit">
            {t('filters.apply')}
          </button>
          <Link href="/audit" className="rounded-md border border-slate-300 px-3 py-1.5">
            {t('filters.reset')}
          </Link>
        </div>
      </form>

      {filters.targetType && filters.targetId ? (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="audit-target-filter">
          {t('targetFilter', { type: t.has(`targets.${filters.targetType}`) ? t(`targets.${filters.targetType}`) : filters.targetType, id: filters.targetId })}{' '}
          <Link href={`/audit?${auditFiltersQuery({ ...filters, targetType: undefined, targetId: undefined })}`} className="text-sky-700 underline">
            {t('filters.reset')}
          </Link>
        </p>
      ) : null}
      {anyInvalid ? (
        <p role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800" data-testid="audit-filters-invalid">
          {t('filters.invalidNotice')}
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="audit-total">
          {t('total', { total: log.total })}
        </p>
      )}

      {anyInvalid ? null : log.entries.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm">{t('empty')}</p>
      ) : (
        <TableScroll label={t('title')}>
          <table className="min-w-full text-left text-sm" data-testid="audit-table">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">#</th>
                <th className="px-3 py-2">{t('columns.time')}</th>
                <th className="px-3 py-2">{t('columns.actor')}</th>
                <th className="px-3 py-2">{t('columns.organization')}</th>
                <th className="px-3 py-2">{t('columns.action')}</th>
                <th className="px-3 py-2">{t('columns.target')}</th>
                <th className="px-3 py-2">{t('columns.details')}</th>
                <th className="px-3 py-2">{t('columns.ip')}</th>
                <th className="px-3 py-2">{t('columns.entryHash')}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.sequence} className="border-b border-slate-100 align-top" data-action={entry.action}>
                  <td className="px-3 py-2 tabular-nums text-slate-500">{entry.sequence}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {format.dateTime(entry.occurredAt, TO_THE_SECOND)}
                  </td>
                  <td className="min-w-[12rem] max-w-[18rem] px-3 py-2 [overflow-wrap:anywhere]">{entry.actorLabel}</td>
                  <td className="px-3 py-2">{entry.organizationName ?? '—'}</td>
                  <td className="px-3 py-2">
                    <span className="whitespace-nowrap font-medium">{t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : entry.action}</span>
                    <span className="block font-mono text-xs text-slate-500">{entry.action}</span>
                  </td>
                  <td className="min-w-[19rem] px-3 py-2">
                    {entry.targetType ? (
                      <>
                        <span>{t.has(`targets.${entry.targetType}`) ? t(`targets.${entry.targetType}`) : entry.targetType}</span>
                        {entry.targetId ? (
                          // Every entry about the same item or case, in one click.
                          <Link
                            href={`/audit?${new URLSearchParams({ targetType: entry.targetType, targetId: entry.targetId }).toString()}`}
                            data-testid="audit-target-link"
                            className="block max-w-[24rem] truncate whitespace-nowrap font-mono text-xs text-sky-700 hover:underline"
                            title={t('targetLinkTitle', { id: entry.targetId })}
                          >
                            {entry.targetId}
                          </Link>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="min-w-[16rem] max-w-[28rem] px-3 py-2 text-xs" data-testid="audit-details">
                    <AuditDetails details={entry.details} />
                  </td>
                  <td className="w-px whitespace-nowrap px-3 py-2 font-mono text-xs">{entry.ipAddress ?? '—'}</td>
                  <td className="w-px whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-500" title={entry.entryHash}>
                    {entry.entryHash.slice(0, 10)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {pages > 1 && !anyInvalid ? (
        <nav className="flex items-center gap-3 text-sm">
          {log.page > 1 ? (
            <Link href={pageLink(log.page - 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
              {tc('pagination.previous')}
            </Link>
          ) : null}
          <span className="text-slate-600">
            {tc('pagination.page', { page: log.page })} / {pages}
          </span>
          {log.page < pages ? (
            <Link href={pageLink(log.page + 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
              {tc('pagination.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** The query's filters, each bad one left out and kept (cut short) for its field's message, so a
 * mistyped date is a note on the form rather than an error page. A bad page number means page 1. */
function readFilters(params: Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  invalid: Partial<Record<FormField, string>>;
  /** `to` is before `from` (both real days): flagged on `to`. */
  reversed: boolean;
} {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, invalid: {}, reversed: false };
  const reversed = parsed.error.issues.some((issue) => issue.message === REVERSED_RANGE_ISSUE);
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const invalid: Partial<Record<FormField, string>> = {};
  for (const field of FORM_FIELDS) if (bad.has(field)) invalid[field] = String(raw[field] ?? '').slice(0, 40);
  // The fields are independent, so what is left parses.
  const filters = auditFiltersSchema.parse(Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key))));
  return { filters, invalid, reversed };
}

/** An entry's details as key and value, one per line; nested values as compact JSON. */
function AuditDetails({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <>—</>;
  if (typeof details !== 'object' || Array.isArray(details)) return <span className="font-mono [overflow-wrap:anywhere]">{JSON.stringify(details)}</span>;
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return <>—</>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-slate-500">{key}</dt>
          <dd className="font-mono [overflow-wrap:anywhere]">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
