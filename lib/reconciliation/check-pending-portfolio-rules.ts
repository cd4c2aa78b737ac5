// The batcher's share of the portfolio rule checks (§13.1): every committed side without a check is
// checked once, on the tick after its commit, with the thresholds in force then, which the check
// records. The sides are the queue, as for drafting. Why here and not in the upload or the page: the
// check is a full scan of the side's rows.bin (416 bytes a row, 6.2 GB at 15M rows, read in blocks of
// 8,192 records, yielding to the event loop between blocks), which must not lengthen the upload's
// answer nor ever run in a web request; the page reads only stored results. A threshold changed later
// applies to sides committed later; a day's result never changes under it.
import path from 'node:path';
import { enqueueAuditEntries, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { PortfolioRuleChecker, type PortfolioCheckResult, type RuleThresholds } from './portfolio-rules';
import { resolveRuleThresholds } from './resolve-rule-thresholds';
import { SideRecordReader, sideFilePaths } from './side-files';

/** Sides checked per tick at most; the rest wait for the next. */
const SIDES_PER_TICK = 4;
/** Blocks of records read between two yields to the event loop. */
const BLOCKS_PER_YIELD = 16;
const BLOCK_RECORDS = 8192;

export async function checkPendingPortfolioRules({
  prisma,
  storageDir,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  storageDir: string;
  now?: () => Date;
}): Promise<Array<{ sideId: string; pairId: string; businessDate: string; bank: 'A' | 'B'; violations: PortfolioCheckResult['violations'] }>> {
  const due = await runQuery(
    prisma,
    sql<{ id: string; pair_id: string; business_date: string; bank: 'A' | 'B'; directory: string }>`
      SELECT s.id::text AS id, s.pair_id::text AS pair_id, s.business_date, s.bank::text AS bank, s.directory
      FROM reconciliation_side s
      JOIN reconciliation_pair p ON p.id = s.pair_id
      -- A blind pair's side holds keys and commitments only (§14): there are no amounts to check.
      WHERE p.mode = 'open' AND NOT EXISTS (SELECT 1 FROM reconciliation_rule_check c WHERE c.side_id = s.id)
      ORDER BY s.committed_at, s.id LIMIT ${SIDES_PER_TICK}`,
  );
  const checked = [];
  for (const side of due) {
    const thresholds = await resolveRuleThresholds({ prisma, pairId: side.pair_id });
    const result = await scanSide(path.join(storageDir, side.directory), thresholds);
    const stored = await prisma.$transaction(async (tx) => {
      const inserted = await tx.reconciliationRuleCheck.createMany({
        data: [
          {
            sideId: side.id,
            pairId: side.pair_id,
            businessDate: side.business_date,
            bank: side.bank,
            thresholds: { ...thresholds },
            rowsChecked: result.rowsChecked,
            disbursementsChecked: result.disbursementsChecked,
            disbursedFen: result.disbursedFen,
            violations: result.violations,
            checkedAt: now(),
          },
        ],
        skipDuplicates: true,
      });
      // Another batcher checked it first: its result stands.
      if (inserted.count === 0) return false;
      await tx.reconciliationRuleViolation.createMany({
        data: result.records.map((record) => ({ sideId: side.id, rule: record.rule, leafIndex: record.leafIndex, key: new Uint8Array(record.key) })),
      });
      await enqueueAuditEntries(tx, [
        {
          actor: SYSTEM_ACTOR,
          action: 'reconciliation.rule_check',
          targetType: 'reconciliation_side',
          targetId: side.id,
          details: { pairId: side.pair_id, businessDate: side.business_date, bank: side.bank, thresholds: { ...thresholds }, violations: result.violations },
        },
      ]);
      return true;
    });
    if (stored) checked.push({ sideId: side.id, pairId: side.pair_id, businessDate: side.business_date, bank: side.bank, violations: result.violations });
  }
  return checked;
}

async function scanSide(directory: string, thresholds: RuleThresholds): Promise<PortfolioCheckResult> {
  const checker = new PortfolioRuleChecker(thresholds);
  const reader = new SideRecordReader(sideFilePaths(directory).rows, BLOCK_RECORDS);
  try {
    for (let cursor = reader.next(); cursor; cursor = reader.next()) {
      checker.add(cursor.buffer, cursor.offset, reader.index);
      if (reader.index % (BLOCK_RECORDS * BLOCKS_PER_YIELD) === BLOCK_RECORDS * BLOCKS_PER_YIELD - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    reader.close();
  }
  return checker.result();
}
