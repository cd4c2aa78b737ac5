// A pair's business dates with something committed, latest first: each side's commit time and row
// count, and the statement's status (GET /api/v1/reconciliation/pairs/{pairId}/days). `before` pages
// back through older dates.
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';
import { loadMemberPair } from './load-member-pair';
import type { DayList } from './reconciliation-schemas';

export async function listReconciliationDays({
  prisma,
  viewer,
  pairId,
  before,
  limit = 31,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  /** Only dates before this one (YYYY-MM-DD). */
  before?: string;
  limit?: number;
}): Promise<DayList> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const beforeDate = before === undefined ? undefined : parseBusinessDate(before);
  const dateFilter = beforeDate === undefined ? {} : { businessDate: { lt: beforeDate } };
  const sides = await prisma.reconciliationSide.findMany({
    where: { pairId: pair.id, ...dateFilter },
    select: { businessDate: true, bank: true, committedAt: true, rowCount: true },
    orderBy: { businessDate: 'desc' },
    // Two sides a day at most: enough rows for `limit` days.
    take: 2 * limit,
  });
  const dates = [...new Set(sides.map((side) => side.businessDate))].slice(0, limit);
  const statements = await prisma.reconciliationStatement.findMany({
    where: { pairId: pair.id, businessDate: { in: dates } },
    select: { businessDate: true, status: true, sha256: true },
  });
  return {
    days: dates.map((businessDate) => {
      const sideOf = (bank: 'A' | 'B') => {
        const side = sides.find((s) => s.businessDate === businessDate && s.bank === bank);
        return side ? { committedAt: side.committedAt.toISOString(), rowCount: side.rowCount } : null;
      };
      const statement = statements.find((s) => s.businessDate === businessDate);
      return {
        businessDate,
        sides: { a: sideOf('A'), b: sideOf('B') },
        statement: statement ? { status: statement.status, sha256: toHex(statement.sha256) } : null,
      };
    }),
  };
}
