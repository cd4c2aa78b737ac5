// The co-lending pairs the viewer's bank is A or B of (GET /api/v1/reconciliation/pairs, and the lender
// portal's reconciliation home). Each says which bank the viewer is and shows only the viewer's own
// column map; the pair key never leaves the database.
import { authorize, reconciliationPairsVisibleTo } from '../auth/authorize';
import type { Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { PAIR_TIME_ZONE } from './business-day-window';
import { columnMapSchema, toleranceRulesSchema, type PairView } from './reconciliation-schemas';

export async function listReconciliationPairs({ prisma, viewer }: { prisma: PrismaClient; viewer: Viewer }): Promise<{ pairs: PairView[] }> {
  authorize(viewer, 'reconciliation.read');
  const pairs = await prisma.reconciliationPair.findMany({
    where: reconciliationPairsVisibleTo(viewer),
    orderBy: { name: 'asc' },
    include: { lenderA: { select: { id: true, name: true } }, lenderB: { select: { id: true, name: true } } },
  });
  return {
    pairs: pairs.map((pair) => {
      const yourBank = pair.lenderAId === viewer.organizationId ? 'A' : 'B';
      return {
        id: pair.id,
        name: pair.name,
        yourBank,
        mode: pair.mode,
        lenderA: pair.lenderA,
        lenderB: pair.lenderB,
        cutOffTime: pair.cutOffTime,
        timeZone: PAIR_TIME_ZONE,
        firstBusinessDate: pair.firstBusinessDate,
        toleranceRules: toleranceRulesSchema.parse(pair.toleranceRules),
        yourColumnMap: columnMapSchema.parse(yourBank === 'A' ? pair.columnMapA : pair.columnMapB),
      };
    }),
  };
}
