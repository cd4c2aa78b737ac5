import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';

/** The latest Verify all in one line, and every report with its downloads. */
export async function VerificationSummary({ detail }: { detail: CaseDetail }) {
  const t = await getTranslations('arbitration.detail');
  const format = await getFormatter();
  const latest = detail.reports[0];
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="space-y-3">
      {latest ? (
        <div
          data-testid="latest-verification"
          data-passed={String(latest.passed)}
          className={`rounded-lg p-4 text-sm ${latest.passed ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}
        >
          <p className="font-medium">
            {latest.passed
              ? t('latestPassed', { count: latest.itemCount })
              : t('latestFailed', { failed: latest.failedCount, count: latest.itemCount })}
          </p>
          <p className="text-xs">{t('latestMeta', { date: when(latest.createdAt), name: latest.verifiedBy })}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t('neverVerified')}</p>
      )}
      <h3 className="text-sm font-semibold">{t('reportsTitle')}</h3>
      {detail.reports.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noReports')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm">
          {detail.reports.map((report) => (
            <li key={report.id} data-testid="report" className="flex flex-wrap items-center gap-3 px-4 py-2">
              <span>{when(report.createdAt)}</span>
              <span className="text-slate-500">{report.verifiedBy}</span>
              <span className={report.passed ? 'text-emerald-700' : 'text-red-700'}>
                {report.passed ? t('reportPassed') : t('reportFailed', { failed: report.failedCount, count: report.itemCount })}
              </span>
              <span className="ml-auto flex gap-3">
                <a href={`/api/v1/cases/${detail.id}/reports/${report.id}?format=pdf`} className="text-sky-700 hover:underline" data-testid="report-pdf">
                  {t('downloadPdf')}
                </a>
                <a href={`/api/v1/cases/${detail.id}/reports/${report.id}?format=csv`} className="text-sky-700 hover:underline" data-testid="report-csv">
                  {t('downloadCsv')}
                </a>
                <a href={`/api/v1/cases/${detail.id}/reports/${report.id}?format=json`} className="text-sky-700 hover:underline" data-testid="report-json">
                  {t('downloadJson')}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
