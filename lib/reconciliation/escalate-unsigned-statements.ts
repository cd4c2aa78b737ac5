// Escalation of a day's statement that the banks have not both signed off in time (issue #17, daily
// cycle step 4): once `afterMs` has passed since drafting, the statement is marked escalated, once,
// with an audit entry naming the banks that have not signed. The regulator's oversight page and both
// banks' day page show it; nothing is signed or decided on the banks' behalf. Run by the batcher.
import { enqueueAuditEntries, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';

export async function escalateUnsignedStatements({
  prisma,
  afterMs,
  now = new Date(),
}: {
  prisma: PrismaClient;
  afterMs: number;
  now?: Date;
}): Promise<Array<{ statementId: string; pairId: string; businessDate: string; unsigned: Array<'A' | 'B'> }>> {
  const overdue = new Date(now.getTime() - afterMs);
  return prisma.$transaction(async (tx) => {
    const escalated = await runQuery(
      tx,
      sql<{ id: string; pair_id: string; business_date: string; signed: Array<'A' | 'B'> | null }>`
        UPDATE reconciliation_statement s SET escalated_at = ${now}
        WHERE s.status = 'draft' AND s.escalated_at IS NULL AND s.drafted_at <= ${overdue}
        RETURNING s.id::text AS id, s.pair_id::text AS pair_id, s.business_date,
          (SELECT array_agg(o.party::text) FROM reconciliation_sign_off o WHERE o.statement_id = s.id) AS signed`,
    );
    const days = escalated.map((row) => ({
      statementId: row.id,
      pairId: row.pair_id,
      businessDate: row.business_date,
      unsigned: (['A', 'B'] as const).filter((bank) => !(row.signed ?? []).includes(bank)),
    }));
    await enqueueAuditEntries(
      tx,
      days.map((day) => ({
        actor: SYSTEM_ACTOR,
        action: 'reconciliation.escalate' as const,
        targetType: 'reconciliation_statement',
        targetId: day.statementId,
        details: { pairId: day.pairId, businessDate: day.businessDate, unsigned: day.unsigned, afterHours: afterMs / 3_600_000 },
      })),
    );
    return days;
  });
}
