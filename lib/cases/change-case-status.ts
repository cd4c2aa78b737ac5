// The commission moves a case one step along filed → under review → verified → closed. "Verified"
// needs a passing Verify all as the latest report: the status claims the evidence checked out
// against the chain, so it must rest on such a check. The change and its audit entry commit together.
import { authorize, casesVisibleTo } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { appendAuditEntry } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import type { CaseStatus } from '../db/generated/client';
import { CaseNotFoundError, CaseNotVerifiedError, InvalidCaseTransitionError } from '../errors';
import { isUuid } from '../ids';
import { NEXT_CASE_STATUS } from './case-transitions';

export async function changeCaseStatus({
  prisma,
  viewer,
  caseId,
  to,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  caseId: string;
  to: CaseStatus;
}): Promise<{ from: CaseStatus; to: CaseStatus }> {
  authorize(viewer, 'case.review');
  if (!isUuid(caseId)) throw new CaseNotFoundError(caseId);
  return prisma.$transaction(async (tx) => {
    const found = await tx.arbitrationCase.findFirst({
      where: { AND: [{ id: caseId }, casesVisibleTo(viewer)] },
      select: { id: true, status: true, caseNumber: true },
    });
    if (!found) throw new CaseNotFoundError(caseId);
    const from = found.status;
    if (NEXT_CASE_STATUS[from] !== to) throw new InvalidCaseTransitionError(from, to);
    if (to === 'verified') {
      const latest = await tx.verificationReport.findFirst({ where: { caseId }, orderBy: { createdAt: 'desc' }, select: { passed: true } });
      if (!latest?.passed) throw new CaseNotVerifiedError(caseId);
    }
    // Conditional on the status read above: of two reviewers racing, the second changes nothing.
    const { count } = await tx.arbitrationCase.updateMany({ where: { id: caseId, status: from }, data: { status: to } });
    if (count !== 1) throw new InvalidCaseTransitionError(from, to);
    await appendAuditEntry(tx, {
      actor: auditActorOf(viewer),
      action: 'case.status_change',
      targetType: 'case',
      targetId: caseId,
      details: { caseNumber: found.caseNumber, from, to },
    });
    return { from, to };
  });
}
