// The batcher's share of reconciliation: every day that has both sides committed and no statement
// (its upload's process died before drafting, or drafting failed) is drafted on the next tick. The
// sides themselves are the queue: nothing else records that work is due.
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { draftDayStatement } from './draft-day-statement';

/** Days drafted per tick at most; the rest wait for the next. */
const DAYS_PER_TICK = 16;

export async function draftPendingStatements({
  prisma,
  storageDir,
  issuer,
}: {
  prisma: PrismaClient;
  storageDir: string;
  issuer: Issuer;
}): Promise<Array<{ pairId: string; businessDate: string; statementId: string }>> {
  const due = await runQuery(
    prisma,
    sql<{ pair_id: string; business_date: string }>`
      SELECT s.pair_id::text AS pair_id, s.business_date FROM reconciliation_side s
      WHERE NOT EXISTS (SELECT 1 FROM reconciliation_statement t WHERE t.pair_id = s.pair_id AND t.business_date = s.business_date)
      GROUP BY s.pair_id, s.business_date HAVING count(*) = 2
      ORDER BY s.business_date, s.pair_id LIMIT ${DAYS_PER_TICK}`,
  );
  const drafted: Array<{ pairId: string; businessDate: string; statementId: string }> = [];
  for (const day of due) {
    const outcome = await draftDayStatement({ prisma, storageDir, pairId: day.pair_id, businessDate: day.business_date, issuer });
    if (outcome?.drafted) drafted.push({ pairId: day.pair_id, businessDate: day.business_date, statementId: outcome.statementId });
  }
  return drafted;
}
