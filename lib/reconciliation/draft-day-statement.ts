// Drafts a day's statement once both sides are committed (docs/reconciliation-format.md §10): one
// merge-join over the two sides' files with the pair's tolerance rules, on a worker thread and outside
// any transaction (it reads only the sides' files, which never change once committed); then, in one
// short transaction, the carry-over of the previous day's open breaks (timing, §5.4), the signed
// statement, its breaks, the previous day's breaks it closes and the audit entries. Called by the
// upload that committed the second side, right after its commit, and by the batcher on every tick for
// any day a crash left with two sides and no statement (draft-pending-statements.ts), so the day's two
// sides are the work queue and no second queue exists: a process that dies during the join has
// written nothing, and the batcher drafts the day again. A transaction-scoped advisory lock per day
// lets one process write it (a second that joined meanwhile finds the statement and returns it); the
// unique (pair, date) keeps one statement whatever happens.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { enqueueAuditEntries, chainAuditOutboxAfterCommit, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { RECONCILIATION_STATEMENT_LOCK_KEY } from '../db/locks';
import { db, runQuery, runStatement, sql } from '../db/sql';
import { withPgTransaction, type PgTransaction } from '../db/with-pg-transaction';
import { fromHex, toHex } from '../proof/hex';
import { controlTotalsFromJson, type ControlTotal } from './control-totals';
import { findTimingBreaks } from './find-timing-breaks';
import { type ReconciliationResult, type ToleranceRule } from './merge-join-sides';
import { mergeJoinSidesOffThread } from './merge-join-off-thread';
import { breakListSha256, signStatement, statementBytes, statementSha256, STATEMENT_FORMAT, type StatementBreak } from './reconciliation-statement';
import { toleranceRulesSchema } from './reconciliation-schemas';
import { BREAK_CLASS_TO_DB } from './reconciliation-views';
import { compareKeysAt } from './sort-side-records';

/** Break rows per INSERT. */
const BREAK_ROWS_PER_STATEMENT = 5000;

export async function draftDayStatement({
  prisma,
  storageDir,
  pairId,
  businessDate,
  issuer,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  storageDir: string;
  pairId: string;
  businessDate: string;
  issuer: Issuer;
  now?: () => Date;
}): Promise<{ statementId: string; drafted: boolean } | null> {
  const statementOf = async (tx: PgTransaction | PrismaClient) => {
    const [existing] = await runQuery(
      tx,
      db.selectFrom('reconciliation_statement').select('id').where('pair_id', '=', pairId).where('business_date', '=', businessDate),
    );
    return existing?.id ?? null;
  };
  const drafted = await statementOf(prisma);
  if (drafted !== null) return { statementId: drafted, drafted: false };
  const sides = await runQuery(
    prisma,
    db
      .selectFrom('reconciliation_side')
      .select(['bank', 'directory', 'control_totals', 'root', 'row_count', 'receipt_sha256'])
      .where('pair_id', '=', pairId)
      .where('business_date', '=', businessDate),
  );
  const a = sides.find((side) => side.bank === 'A');
  const b = sides.find((side) => side.bank === 'B');
  if (!a || !b) return null;
  const [pair] = await runQuery(prisma, db.selectFrom('reconciliation_pair').select(['tolerance_rules', 'mode']).where('id', '=', pairId));
  const rules: ToleranceRule[] = toleranceRulesSchema.parse(pair.tolerance_rules);
  // The long part, off the event loop and outside any transaction: the committed sides never change.
  const result = await mergeJoinSidesOffThread({
    a: { directory: path.join(storageDir, a.directory), controlTotals: controlTotalsFromJson(a.control_totals as never) },
    b: { directory: path.join(storageDir, b.directory), controlTotals: controlTotalsFromJson(b.control_totals as never) },
    // A blind side holds no values (§14.2): a rule that compares them never fires there; the rules
    // are still listed, with 0 fired, and openings may note them on a break later (§14.3).
    rules: pair.mode === 'blind' ? [] : rules,
  });

  const outcome = await withPgTransaction(prisma, async (tx) => {
    const [{ locked }] = await runQuery(
      tx,
      sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${sql.lit(RECONCILIATION_STATEMENT_LOCK_KEY)}, hashtext(${`${pairId}/${businessDate}`})) AS locked`,
    );
    // Another process is writing this day's statement right now; it will commit it.
    if (!locked) return null;
    // Another process joined the same sides and wrote the statement first.
    const existing = await statementOf(tx);
    if (existing !== null) return { statementId: existing, drafted: false };

    const { breaks, carryOver } = await findTimingBreaks({
      tx,
      storageDir,
      pairId,
      businessDate,
      breaks: breakListOf(result),
      sideDirectories: { a: a.directory, b: b.directory },
    });
    const timingIn = (bank: 'only-a' | 'only-b') => breaks.filter((item) => item.class === 'timing' && (bank === 'only-a' ? item.indexB === null : item.indexA === null)).length;
    const counts = {
      matched: result.matched,
      matchedWithinTolerance: result.matchedWithinTolerance,
      onlyA: result.onlyA - timingIn('only-a'),
      onlyB: result.onlyB - timingIn('only-b'),
      fieldMismatch: result.fieldMismatch,
    };
    const timing = carryOver?.closedOrdinals.length ?? 0;
    const side = (row: NonNullable<typeof a>) => ({ root: toHex(row.root), rowCount: row.row_count, receiptSha256: toHex(row.receipt_sha256) });
    const draftedAt = new Date(Math.floor(now().getTime()));
    const body = {
      format: STATEMENT_FORMAT,
      pairId,
      businessDate,
      sides: { a: side(a), b: side(b) },
      controlTotalDifferences: result.controlTotalDifferences.map(({ cell, a: x, b: y }) => ({ cell, a: cellJson(x), b: cellJson(y) })),
      rules: rules.map((rule) => ({ ...rule, fired: result.tolerated.filter((t) => t.rule === rule.name).length })),
      breaks: { count: breaks.length, sha256: breakListSha256(breaks) },
      draftedAt: draftedAt.toISOString(),
      issuer: { name: issuer.name, address: issuer.address },
    } as const;
    // Version 2 only for a day with timing breaks: every other day's statement is exactly version 1.
    const statement = await signStatement(
      carryOver
        ? {
            ...body,
            version: 2,
            counts: { ...counts, timing },
            carryOver: { businessDate: carryOver.previous.businessDate, statementSha256: carryOver.previous.sha256 },
          }
        : { ...body, version: 1, counts },
      issuer.wallet,
    );
    const { signature } = statement;
    const sha256 = statementSha256(statement);
    const statementId = randomUUID();
    await runStatement(
      tx,
      db.insertInto('reconciliation_statement').values({
        id: statementId,
        pair_id: pairId,
        business_date: businessDate,
        canonical_json: new TextDecoder().decode(statementBytes(statement)),
        sha256: Buffer.from(fromHex(sha256)),
        signature: signature.value,
        matched: counts.matched,
        matched_within_tolerance: counts.matchedWithinTolerance,
        only_a: counts.onlyA,
        only_b: counts.onlyB,
        field_mismatch: counts.fieldMismatch,
        timing,
        control_total_differences: result.controlTotalDifferences.length,
        drafted_at: draftedAt,
      }),
    );
    await insertBreaks(tx, statementId, breaks, carryOver?.previous.businessDate ?? null);
    if (carryOver) {
      // D's signed statement stays as it is; its rows record which later day closed them.
      await runStatement(
        tx,
        db
          .updateTable('reconciliation_break')
          .set({ closed_by_date: businessDate })
          .where('statement_id', '=', carryOver.previous.statementId)
          .where('ordinal', 'in', carryOver.closedOrdinals),
      );
    }
    await enqueueAuditEntries(tx, [
      {
        actor: SYSTEM_ACTOR,
        action: 'reconciliation.statement_draft',
        targetType: 'reconciliation_statement',
        targetId: statementId,
        details: { pairId, businessDate, sha256, ...statement.counts, breaks: breaks.length },
      },
      ...(carryOver
        ? [
            {
              actor: SYSTEM_ACTOR,
              action: 'reconciliation.breaks_closed_as_timing' as const,
              targetType: 'reconciliation_statement',
              targetId: carryOver.previous.statementId,
              details: { pairId, businessDate: carryOver.previous.businessDate, closedBy: businessDate, closedByStatementSha256: sha256, breaks: timing },
            },
          ]
        : []),
    ]);
    return { statementId, drafted: true };
  });
  if (outcome?.drafted) await chainAuditOutboxAfterCommit(prisma);
  return outcome;
}

/** Every break and every row a rule absorbed, in key order (both engine lists are in key order). */
function breakListOf(result: ReconciliationResult): StatementBreak[] {
  const fromBreaks: StatementBreak[] = result.breaks.map((item) => ({
    class: item.class,
    key: toHex(item.key),
    fields: item.fields ?? [],
    rule: null,
    indexA: item.indexA ?? null,
    indexB: item.indexB ?? null,
  }));
  const fromTolerated: StatementBreak[] = result.tolerated.map((item) => ({
    class: 'within-tolerance',
    key: toHex(item.key),
    fields: item.fields,
    rule: item.rule,
    indexA: item.indexA,
    indexB: item.indexB,
  }));
  const keyOf = (list: ReconciliationResult['breaks'] | ReconciliationResult['tolerated'], i: number) => list[i].key;
  const merged: StatementBreak[] = [];
  let i = 0;
  let j = 0;
  while (i < fromBreaks.length || j < fromTolerated.length) {
    const takeBreak = j >= fromTolerated.length || (i < fromBreaks.length && compareKeysAt(keyOf(result.breaks, i), 0, keyOf(result.tolerated, j), 0) < 0);
    merged.push(takeBreak ? fromBreaks[i++] : fromTolerated[j++]);
  }
  return merged;
}

function cellJson(cell: ControlTotal) {
  return { count: cell.count, totalFen: cell.totalFen.toString(), shareAFen: cell.shareAFen.toString(), shareBFen: cell.shareBFen.toString() };
}

/** `closesDate`: the previous day, written on the timing breaks (they close that day's breaks of the same key). */
async function insertBreaks(tx: PgTransaction, statementId: string, breaks: StatementBreak[], closesDate: string | null): Promise<void> {
  for (let start = 0; start < breaks.length; start += BREAK_ROWS_PER_STATEMENT) {
    const chunk = breaks.slice(start, start + BREAK_ROWS_PER_STATEMENT);
    const column = <T>(pick: (item: StatementBreak, index: number) => T) => chunk.map((item, i) => pick(item, start + i));
    await runStatement(
      tx,
      sql`INSERT INTO reconciliation_break (statement_id, ordinal, class, key, index_a, index_b, fields, rule, closes_date)
          SELECT ${statementId}::uuid, ordinal, class, decode(key, 'hex'), index_a, index_b, string_to_array(fields, ','), rule,
                 CASE WHEN class = 'timing' THEN ${closesDate}::text END
          FROM unnest(${column((_, i) => i)}::int[], ${column((item) => BREAK_CLASS_TO_DB[item.class])}::reconciliation_break_class[],
                      ${column((item) => item.key.slice(2))}::text[], ${column((item) => item.indexA)}::int[], ${column((item) => item.indexB)}::int[],
                      ${column((item) => item.fields.join(','))}::text[], ${column((item) => item.rule)}::text[])
            AS item(ordinal, class, key, index_a, index_b, fields, rule)`,
    );
  }
}
