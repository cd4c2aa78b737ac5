// One verification report of a case, for the case page and the downloads. Scoped through its case:
// a report of a case the viewer cannot see is ReportNotFoundError, as is one of another case.
import { authorize, casesVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { ReportNotFoundError } from '../errors';
import { isUuid } from '../ids';
import { CASE_PARTY_NAMES } from './list-cases';
import { verificationResultsSchema, type ItemVerification } from './case-schemas';

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
  results: ItemVerification[];
}

export async function getVerificationReport({
  prisma,
  viewer,
  caseId,
  reportId,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  reportId: string;
}): Promise<VerificationReportDocument> {
  authorize(viewer, 'case.read');
  if (!isUuid(caseId) || !isUuid(reportId)) throw new ReportNotFoundError(reportId);
  const report = await prisma.verificationReport.findFirst({
    where: { id: reportId, caseId, case: casesVisibleTo(viewer) },
    include: {
      case: {
        include: CASE_PARTY_NAMES,
      },
    },
  });
  if (!report) throw new ReportNotFoundError(reportId);
  const verifier = await prisma.user.findUnique({ where: { id: report.verifiedByUserId }, select: { name: true, email: true } });
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
    results: verificationResultsSchema.parse(report.results),
  };
}
