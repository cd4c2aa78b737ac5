// The day's files for the bank to keep: each side's signed receipt, the signed statement, and its
// break list (the JSON the statement's breaks.sha256 is taken over, and a CSV for spreadsheets).
// Served by the export API route, which authorizes the download and records it in the audit log.
import { getTranslations } from 'next-intl/server';
import type { DayExportDocument } from '@/lib/reconciliation/export-reconciliation-day';

export async function DayDownloads({ pairId, businessDate, hasSide, hasStatement }: { pairId: string; businessDate: string; hasSide: { A: boolean; B: boolean }; hasStatement: boolean }) {
  const t = await getTranslations('reconciliation.downloads');
  const documents: DayExportDocument[] = [
    ...(hasSide.A ? (['receipt-a'] as const) : []),
    ...(hasSide.B ? (['receipt-b'] as const) : []),
    ...(hasStatement ? (['statement', 'breaks', 'breaks-csv'] as const) : []),
  ];
  if (documents.length === 0) return null;
  const href = (document: DayExportDocument) => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/export?document=${document}`;
  return (
    <section className="space-y-2 rounded-lg bg-white p-5 shadow-sm" data-testid="reconciliation-downloads">
      <h2 className="text-lg font-semibold">{t('title')}</h2>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      <ul className="flex flex-wrap gap-2 text-sm">
        {documents.map((document) => (
          <li key={document}>
            <a href={href(document)} download className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sky-700 hover:bg-slate-50" data-testid={`download-${document}`}>
              {t(document)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
