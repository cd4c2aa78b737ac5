// A verification report as a file to attach to the case file (a bilingual PDF for the case file, JSON for machines, CSV for spreadsheets),
// audited as case.report_download. Visible to whoever sees the case: the commission, the filing
// lender and the borrower it names, since each may need to show what was checked.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { getVerificationReport } from './get-verification-report';
import { renderVerificationReportCsv } from './render-verification-report-csv';
import { renderVerificationReportPdf } from './render-verification-report-pdf';

export const REPORT_FORMATS = ['pdf', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function downloadVerificationReport({
  prisma,
  viewer,
  caseId,
  reportId,
  format,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  reportId: string;
  format: ReportFormat;
}): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const report = await getVerificationReport({ prisma, viewer, caseId, reportId });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'case.report_download',
    targetType: 'verification_report',
    targetId: report.id,
    details: { caseId: report.case.id, caseNumber: report.case.caseNumber, format },
  });
  const baseName = `${report.case.caseNumber}-verification-${report.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '')}`;
  if (format === 'csv') {
    return { body: renderVerificationReportCsv(report), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  }
  const json = new TextEncoder().encode(JSON.stringify({ format: 'evident.case-verification-report', version: 1, ...report }, null, 2));
  if (format === 'pdf') {
    return { body: await renderVerificationReportPdf(report, json), contentType: 'application/pdf', fileName: `${baseName}.pdf` };
  }
  return { body: json, contentType: 'application/json; charset=utf-8', fileName: `${baseName}.json` };
}
