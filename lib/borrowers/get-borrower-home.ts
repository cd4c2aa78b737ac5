// Everything the borrower portal's start page shows: the evidence naming the borrower and the
// arbitration cases filed against them, each through its own scoped service.
import type { Viewer } from '../auth/viewer';
import { listCases, type CaseSummary } from '../cases/list-cases';
import type { PrismaClient } from '../db/client';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { listBorrowerEvidence, type BorrowerEvidenceItem } from './list-borrower-evidence';

export interface BorrowerHome {
  name: string;
  evidence: { items: BorrowerEvidenceItem[]; total: number; page: number; pageSize: number };
  cases: CaseSummary[];
  caseTotal: number;
}

export async function getBorrowerHome({
  prisma,
  viewer,
  page = 1,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  page?: number;
}): Promise<BorrowerHome> {
  if (viewer.kind === 'anonymous') throw new UnauthorizedError('Sign in first.');
  if (viewer.kind !== 'borrower') throw new ForbiddenError('The borrower portal is for borrowers.');
  const [evidence, cases] = await Promise.all([
    listBorrowerEvidence({ prisma, viewer, page }),
    listCases({ prisma, viewer, pageSize: 50 }),
  ]);
  return { name: viewer.name, evidence, cases: cases.cases, caseTotal: cases.total };
}
