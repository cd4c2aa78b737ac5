// The regulator sets the portfolio rule thresholds (§13.1) for the consortium or for one pair. The
// change, who made it, when, and old → new are kept in reconciliation_rule_threshold_change and the
// audit log, in the change's transaction. Sides committed from then on are checked with them; a day
// already checked keeps the thresholds its check recorded.
import { randomUUID } from 'node:crypto';
import { appendAuditEntry } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { FieldErrorsError, ReconciliationPairNotFoundError } from '../errors';
import { runStatement, sql } from '../db/sql';
import { isUuid } from '../ids';
import { ruleThresholdsFormSchema, type RuleThresholds } from './portfolio-rules';
import { CONSORTIUM_SCOPE, thresholdsOfRow } from './resolve-rule-thresholds';

export async function setRuleThresholds({
  prisma,
  viewer,
  scope: rawScope,
  thresholds: raw,
  now = new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  /** "consortium" or a pair's id. */
  scope: string;
  /** As the form sends them: strings, empty for "off". */
  thresholds: Record<string, unknown>;
  now?: Date;
}): Promise<{ scope: string; previous: RuleThresholds | null; next: RuleThresholds }> {
  authorize(viewer, 'reconciliation.regulate');
  const parsed = ruleThresholdsFormSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FieldErrorsError(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'thresholds', [issue.message]])));
  }
  const next: RuleThresholds = parsed.data;
  let scope = CONSORTIUM_SCOPE;
  if (rawScope !== CONSORTIUM_SCOPE) {
    if (!isUuid(rawScope)) throw new ReconciliationPairNotFoundError(rawScope);
    const pair = await prisma.reconciliationPair.findUnique({ where: { id: rawScope.toLowerCase() }, select: { id: true } });
    if (!pair) throw new ReconciliationPairNotFoundError(rawScope);
    scope = pair.id;
  }
  const actor = auditActorOf(viewer);
  const columns = {
    minShareABp: next.minShareABp,
    minShareBBp: next.minShareBBp,
    maxLoanTotalFen: next.maxLoanTotalFen === null ? null : BigInt(next.maxLoanTotalFen),
    maxDayDisbursedFen: next.maxDayDisbursedFen === null ? null : BigInt(next.maxDayDisbursedFen),
    updatedAt: now,
    updatedBy: actor.label,
  };
  return prisma.$transaction(async (tx) => {
    // Two regulators saving at once: each change is recorded against the value it replaced.
    await runStatement(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`rule-thresholds:${scope}`}))`);
    const before = await tx.reconciliationRuleThresholds.findUnique({ where: { scope } });
    const previous = before ? thresholdsOfRow(before) : null;
    await tx.reconciliationRuleThresholds.upsert({ where: { scope }, create: { scope, ...columns }, update: columns });
    const changeId = randomUUID();
    await tx.reconciliationRuleThresholdChange.create({
      data: { id: changeId, scope, previous: previous ? { ...previous } : undefined, next: { ...next }, changedAt: now, changedBy: actor.label },
    });
    await appendAuditEntry(tx, {
      actor,
      action: 'reconciliation.rule_thresholds_change',
      targetType: scope === CONSORTIUM_SCOPE ? 'consortium' : 'reconciliation_pair',
      targetId: scope,
      details: { changeId, previous: previous ? { ...previous } : null, next: { ...next } },
      occurredAt: now,
    });
    return { scope, previous, next };
  });
}
