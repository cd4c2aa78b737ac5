// One business date of a pair (GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}): both
// sides with their signed receipts, the signed statement with its counts and sign-offs once both are
// in, the RFC 3161 timestamps, and the day's transactions on chain.
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { ReconciliationDayNotFoundError } from '../errors';
import { parseBusinessDate } from './business-day-window';
import { loadMemberPair } from './load-member-pair';
import type { DayView } from './reconciliation-schemas';
import { anchorTransactionViewOf, sideViewOf, statementViewOf, timestampViewOf } from './reconciliation-views';

export async function getReconciliationDay({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
}): Promise<DayView> {
  authorize(viewer, 'reconciliation.read');
  const { pair } = await loadMemberPair({ prisma, viewer: viewer as StaffViewer | ApiKeyViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const [sides, statement, timestamps, anchoring] = await Promise.all([
    prisma.reconciliationSide.findMany({ where: { pairId: pair.id, businessDate } }),
    prisma.reconciliationStatement.findUnique({ where: { pairId_businessDate: { pairId: pair.id, businessDate } }, include: { signOffs: true } }),
    prisma.reconciliationTimestamp.findMany({ where: { pairId: pair.id, businessDate, token: { not: null } }, orderBy: { genTime: 'asc' } }),
    prisma.reconciliationAnchorTransaction.findMany({ where: { pairId: pair.id, businessDate }, orderBy: [{ signedAt: 'asc' }, { nonce: 'asc' }] }),
  ]);
  if (sides.length === 0) throw new ReconciliationDayNotFoundError(pair.id, businessDate);
  const sideOf = (bank: 'A' | 'B') => {
    const side = sides.find((s) => s.bank === bank);
    return side ? sideViewOf(side) : null;
  };
  return {
    pairId: pair.id,
    businessDate,
    sides: { a: sideOf('A'), b: sideOf('B') },
    statement: statement ? statementViewOf(statement, statement.signOffs) : null,
    timestamps: timestamps.map(timestampViewOf),
    anchoring: anchoring.map(anchorTransactionViewOf),
  };
}
