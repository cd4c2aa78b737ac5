// One verification report of a case, for the case page and the downloads. Scoped through its case:
// a report of a case the viewer cannot see is ReportNotFoundError, as is one of another case.
import { authorize, casePackagesVisibleTo, casesVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { ReportNotFoundError } from '../errors';
import { isUuid } from '../ids';
import { readEvidenceProvenance, type EvidenceProvenance } from '../evidence/read-evidence-provenance';
import { CASE_PARTY_NAMES } from './list-cases';
import { reconciliationResultsSchema, verificationResultsSchema, type ItemVerification, type ReconciliationVerification } from './case-schemas';

export interface VerificationReportDocument {
  id: string;
  createdAt: Date;
  passed: boolean;
  itemCount: number;
  failedCount: number;
  verifiedBy: { name: string; email: string };
  case: {
    id: string;
    caseNumber: string;
    title: string;
    lenderName: string;
    commissionName: string;
    borrowerName: string;
  };
  /** Each item's checks as verified, and how the item arrived (read now: it does not change). */
  results: Array<ItemVerification & { provenance: EvidenceProvenance | null }>;
  /** Each reconciliation certificate of the case as verified: its checks and each attested side against the chain. */
  reconciliation: ReconciliationVerification[];
}

export async function getVerificationReport({
  prisma,
  viewer,
  caseId,
  reportId,
  access = 'case.read',
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  reportId: string;
  /** 'case.package' when the report goes into an evidence package (lender keys included). */
  access?: 'case.read' | 'case.package';
}): Promise<VerificationReportDocument> {
  authorize(viewer, access);
  if (!isUuid(caseId) || !isUuid(reportId)) throw new ReportNotFoundError(reportId);
  const report = await prisma.verificationReport.findFirst({
    where: { id: reportId, caseId, case: access === 'case.read' ? casesVisibleTo(viewer) : casePackagesVisibleTo(viewer) },
    include: {
      case: {
        include: CASE_PARTY_NAMES,
      },
    },
  });
  if (!report) throw new ReportNotFoundError(reportId);
  const verifier = await prisma.user.findUnique({ where: { id: report.verifiedByUserId }, select: { name: true, email: true } });
  const results = verificationResultsSchema.parse(report.results);
  const provenance = await readEvidenceProvenance(
    prisma,
    await prisma.evidence.findMany({
      where: { id: { in: results.map((result) => result.evidenceId).filter(isUuid) } },
      select: { id: true, submissionId: true, submittedByUserId: true, submittedAt: true, source: true },
    }),
  );
  return {
    id: report.id,
    createdAt: report.createdAt,
    passed: report.passed,
    itemCount: report.itemCount,
    failedCount: report.failedCount,
    verifiedBy: verifier ?? { name: '—', email: '—' },
    case: {
      id: report.case.id,
      caseNumber: report.case.caseNumber,
      title: report.case.title,
      lenderName: report.case.lender.name,
      commissionName: report.case.commission.name,
      borrowerName: report.case.borrower.name,
    },
    results: results.map((result) => ({ ...result, provenance: provenance.get(result.evidenceId) ?? null })),
    reconciliation: reconciliationResultsSchema.parse(report.reconciliationResults),
  };
}
