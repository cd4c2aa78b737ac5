import Link from 'next/link';
import { orErrorPage } from '@/app/_components/or-error-page';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewer } from '@/lib/auth/current-viewer';
import { getBorrowerHome } from '@/lib/borrowers/get-borrower-home';
import { getPrisma } from '@/lib/db/client';
import { CheckMyCopy } from '../_components/check-my-copy';
import { StatusBadge } from '../_components/status-badge';
import { TableScroll } from '../_components/table-scroll';

export const dynamic = 'force-dynamic';

const DATE_TIME = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false } as const;

export default async function BorrowerHomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer();
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const home = await orErrorPage(getBorrowerHome({ prisma: getPrisma(), viewer, page }));
  const t = await getTranslations('borrower');
  const tc = await getTranslations('common');
  const format = await getFormatter();
  const pages = Math.max(1, Math.ceil(home.evidence.total / home.evidence.pageSize));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t('title', { name: home.name })}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('evidence.heading', { total: home.evidence.total })}</h2>
        {home.evidence.items.length > 0 ? <p className="text-sm text-slate-600">{t('checkCopy.note')}</p> : null}
        {home.evidence.items.length === 0 ? (
          <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm">{t('evidence.empty')}</p>
        ) : (
          <TableScroll label={t('evidence.heading', { total: home.evidence.total })}>
            <table className="min-w-full text-left text-sm" data-testid="borrower-evidence">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">{t('evidence.columns.title')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.type')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.lender')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.loanReference')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.status')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.submittedAt')}</th>
                  <th className="px-3 py-2">{t('evidence.columns.downloads')}</th>
                  <th className="px-3 py-2">{t('checkCopy.column')}</th>
                </tr>
              </thead>
              <tbody>
                {home.evidence.items.map((item) => (
                  <tr key={item.id} className="border-b border-slate-100 align-top" data-evidence-id={item.id}>
                    <td className="px-3 py-2">
                      <span className="font-medium">{item.title}</span>
                      {item.title !== item.fileName ? <span className="block text-xs text-slate-500">{item.fileName}</span> : null}
                    </td>
                    <td className="px-3 py-2">{item.type ? tc(`evidenceType.${item.type}`) : '—'}</td>
                    <td className="px-3 py-2">{item.lenderName ?? '—'}</td>
                    <td className="px-3 py-2 font-mono text-xs">{item.loanReference ?? '—'}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={item.status} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(item.submittedAt, DATE_TIME)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {item.status === 'anchored' ? (
                        <span className="flex gap-3">
                          <a href={`/api/v1/evidence/${item.id}/receipt`} className="text-sky-700 hover:underline" data-testid="download-receipt">
                            {t('evidence.receipt')}
                          </a>
                          <a
                            href={`/api/v1/evidence/${item.id}/certificate/pdf`}
                            className="text-sky-700 hover:underline"
                            data-testid="download-certificate"
                          >
                            {t('evidence.certificate')}
                          </a>
                        </span>
                      ) : (
                        <span className="text-xs text-slate-500">{t('evidence.notYetAnchored')}</span>
                      )}
                    </td>
                    <td className="min-w-44 px-3 py-2">
                      <CheckMyCopy expectedSha256={item.sha256} itemLabel={item.title} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 ? (
          <nav className="flex items-center gap-3 text-sm">
            {home.evidence.page > 1 ? (
              <Link href={`/borrower?page=${home.evidence.page - 1}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
                {tc('pagination.previous')}
              </Link>
            ) : null}
            <span className="text-slate-600">
              {tc('pagination.page', { page: home.evidence.page })} / {pages}
            </span>
            {home.evidence.page < pages ? (
              <Link href={`/borrower?page=${home.evidence.page + 1}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
                {tc('pagination.next')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('cases.heading', { total: home.caseTotal })}</h2>
        {home.cases.length === 0 ? (
          <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm">{t('cases.empty')}</p>
        ) : (
          <TableScroll label={t('cases.heading', { total: home.caseTotal })}>
            <table className="min-w-full text-left text-sm" data-testid="borrower-cases">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">{t('cases.columns.caseNumber')}</th>
                  <th className="px-3 py-2">{t('cases.columns.title')}</th>
                  <th className="px-3 py-2">{t('cases.columns.lender')}</th>
                  <th className="px-3 py-2">{t('cases.columns.commission')}</th>
                  <th className="px-3 py-2">{t('cases.columns.status')}</th>
                  <th className="px-3 py-2">{t('cases.columns.evidenceCount')}</th>
                  <th className="px-3 py-2">{t('cases.columns.filedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {home.cases.map((c) => (
                  <tr key={c.id} className="border-b border-slate-100">
                    <td className="px-3 py-2 font-mono text-xs">
                      <Link href={`/borrower/cases/${c.id}`} className="text-sky-700 hover:underline" aria-label={t('caseDetail.open', { caseNumber: c.caseNumber })}>
                        {c.caseNumber}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{c.title}</td>
                    <td className="px-3 py-2">{c.lenderName}</td>
                    <td className="px-3 py-2">{c.commissionName}</td>
                    <td className="px-3 py-2">{tc(`caseStatus.${c.status}`)}</td>
                    <td className="px-3 py-2 tabular-nums">{c.evidenceCount}</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(c.filedAt, DATE_TIME)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
