// The portfolio rule thresholds in force for a pair (§13.1): the pair's own when the regulator set
// them, else the consortium default, else none (every rule off).
import type { Prisma } from '../db/generated/client';
import type { PrismaClient } from '../db/client';
import { NO_THRESHOLDS, type RuleThresholds } from './portfolio-rules';

export const CONSORTIUM_SCOPE = 'consortium';

export interface ScopedRuleThresholds extends RuleThresholds {
  /** "consortium", the pair's id, or "none" when nothing was set. */
  scope: string;
}

export function thresholdsOfRow(row: {
  minShareABp: number | null;
  minShareBBp: number | null;
  maxLoanTotalFen: bigint | null;
  maxDayDisbursedFen: bigint | null;
}): RuleThresholds {
  const fen = (value: bigint | null) => (value === null ? null : Number(value));
  return { minShareABp: row.minShareABp, minShareBBp: row.minShareBBp, maxLoanTotalFen: fen(row.maxLoanTotalFen), maxDayDisbursedFen: fen(row.maxDayDisbursedFen) };
}

export async function resolveRuleThresholds({
  prisma,
  pairId,
}: {
  prisma: PrismaClient | Prisma.TransactionClient;
  pairId: string;
}): Promise<ScopedRuleThresholds> {
  const rows = await prisma.reconciliationRuleThresholds.findMany({ where: { scope: { in: [pairId, CONSORTIUM_SCOPE] } } });
  const row = rows.find((r) => r.scope === pairId) ?? rows.find((r) => r.scope === CONSORTIUM_SCOPE);
  return row ? { scope: row.scope, ...thresholdsOfRow(row) } : { scope: 'none', ...NO_THRESHOLDS };
}
