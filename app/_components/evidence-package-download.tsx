import { getTranslations } from 'next-intl/server';

/** The case's evidence package (证据包): the filing lender's and the commission's download. */
export async function EvidencePackageDownload({ caseId }: { caseId: string }) {
  const t = await getTranslations('arbitration');
  return (
    <div className="space-y-1">
      <a
        href={`/api/v1/cases/${caseId}/package`}
        className="inline-block rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
        data-testid="evidence-package-download"
        download
      >
        {t('detail.packageDownload')}
      </a>
      <p className="max-w-3xl text-xs text-slate-600">{t('detail.packageDownloadHint')}</p>
    </div>
  );
}
