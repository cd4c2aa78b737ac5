// A verification report as a file to attach to the case file (a bilingual PDF for the case file, JSON for machines, CSV for spreadsheets),
// audited as case.report_download. Visible to whoever sees the case: the commission, the filing
// lender and the borrower it names, since each may need to show what was checked.
import { recordAuditEvent } from '../audit/append-audit-entry';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { assessReviewPoints } from '../legal/assess-review-points';
import type { OperatorStatements } from '../legal/operator-statements';
import type { SealImage } from '../legal/operator-seal-image';
import { getVerificationReport, type VerificationReportDocument } from './get-verification-report';
import { renderVerificationReportCsv } from './render-verification-report-csv';
import { renderVerificationReportPdf } from './render-verification-report-pdf';
import { loadReportWording } from './report-wording';

export const REPORT_FORMATS = ['pdf', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function downloadVerificationReport({
  prisma,
  viewer,
  caseId,
  reportId,
  format,
  operatorStatements = null,
  operatorSealImage = null,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  reportId: string;
  format: ReportFormat;
  /** For the legal review section (OPERATOR_STATEMENTS_FILE). */
  operatorStatements?: OperatorStatements | null;
  /** Drawn on the PDF only when configured (OPERATOR_SEAL_IMAGE_FILE). */
  operatorSealImage?: SealImage | null;
}): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const report = await getVerificationReport({ prisma, viewer, caseId, reportId });
  await recordAuditEvent(prisma, {
    actor: auditActorOf(viewer),
    action: 'case.report_download',
    targetType: 'verification_report',
    targetId: report.id,
    details: { caseId: report.case.id, caseNumber: report.case.caseNumber, format },
  });
  return renderVerificationReportFile(report, format, operatorStatements, operatorSealImage);
}

/** The report as one file: the bilingual PDF (with the JSON attached), JSON, or CSV. */
export async function renderVerificationReportFile(
  report: VerificationReportDocument,
  format: ReportFormat,
  operatorStatements: OperatorStatements | null,
  operatorSealImage: SealImage | null = null,
): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const baseName = `${report.case.caseNumber}-verification-${report.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '')}`;
  if (format === 'csv') {
    return { body: renderVerificationReportCsv(report, await loadReportWording()), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  }
  const legalReview = assessReviewPoints(report.results, operatorStatements, report.reconciliation);
  const operator = operatorStatements ? { operator: operatorStatements.operator, qualification: operatorStatements.qualification ?? null } : null;
  const json = new TextEncoder().encode(
    JSON.stringify({ format: 'evident.case-verification-report', version: 1, ...report, legalReview, operator }, null, 2),
  );
  if (format === 'pdf') {
    return { body: await renderVerificationReportPdf(report, json, legalReview, operatorStatements, await loadReportWording(), operatorSealImage), contentType: 'application/pdf', fileName: `${baseName}.pdf` };
  }
  return { body: json, contentType: 'application/json; charset=utf-8', fileName: `${baseName}.json` };
}
