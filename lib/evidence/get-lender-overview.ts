// What needs a lender's attention, at the top of their portal: how many items wait for the chain,
// how many are notarized, the cases still open, and the latest cases. Counted with the list's own
// status conditions (evidenceSearchWhere), so the numbers match what the filters then show.
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { listCases, type CaseSummary } from '../cases/list-cases';
import { evidenceSearchWhere } from './search-evidence';

export interface LenderOverview {
  waiting: number;
  anchored: number;
  openCases: number;
  recentCases: CaseSummary[];
}

export async function getLenderOverview({ prisma, viewer }: { prisma: PrismaClient; viewer: Viewer }): Promise<LenderOverview> {
  const count = async (status: 'pending' | 'anchoring' | 'anchored') =>
    prisma.evidence.count({ where: await evidenceSearchWhere({ prisma, viewer, filters: { q: undefined, loanReference: undefined, borrower: undefined, sha256: undefined, status } }) });
  const [pending, anchoring, anchored, open, recent] = await Promise.all([
    count('pending'),
    count('anchoring'),
    count('anchored'),
    Promise.all((['filed', 'under_review'] as const).map((status) => listCases({ prisma, viewer, status, pageSize: 1 }))),
    listCases({ prisma, viewer, pageSize: 3 }),
  ]);
  return { waiting: pending + anchoring, anchored, openCases: open.reduce((sum, page) => sum + page.total, 0), recentCases: recent.cases };
}
