// The regulator asks a bank to disclose one record of its side of a day (§13.2): a break of the day's
// statement that the bank's side holds, or a record the portfolio rule check listed as violating a
// rule, named by its matching key. The request, with its reason, is audited in its transaction and
// appears to that bank only (list-disclosure-requests.ts); nothing of the record is shown until the
// bank discloses it.
import { randomUUID } from 'node:crypto';
import { appendAuditEntry } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { DisclosureRequestConflictError, FieldErrorsError, ReconciliationPairNotFoundError, ReconciliationRecordNotFoundError } from '../errors';
import { runStatement, sql } from '../db/sql';
import { isUuid } from '../ids';
import { fromHex, toHex } from '../proof/hex';
import { parseBusinessDate } from './business-day-window';

export const MAX_DISCLOSURE_REASON_LENGTH = 1000;

export async function requestRecordDisclosure({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  bank,
  key: rawKey,
  reason: rawReason,
  now = new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  bank: string;
  /** The record's matching key, 0x and 64 hex digits. */
  key: string;
  reason: string;
  now?: Date;
}): Promise<{ requestId: string; subject: string }> {
  authorize(viewer, 'reconciliation.regulate');
  const businessDate = parseBusinessDate(rawDate);
  const reason = rawReason.trim();
  const issues: Record<string, string[]> = {};
  if (bank !== 'A' && bank !== 'B') issues.bank = ['must be A or B'];
  if (!/^0x[0-9a-f]{64}$/.test(rawKey)) issues.key = ['must be a matching key, 0x and 64 lower-case hex digits'];
  if (reason.length === 0) issues.reason = ['say why the record is needed'];
  if (reason.length > MAX_DISCLOSURE_REASON_LENGTH) issues.reason = [`at most ${MAX_DISCLOSURE_REASON_LENGTH} characters`];
  if (Object.keys(issues).length > 0) throw new FieldErrorsError(issues);
  const side = bank as 'A' | 'B';
  const key = new Uint8Array(fromHex(rawKey, 32));
  if (!isUuid(pairId)) throw new ReconciliationPairNotFoundError(pairId);
  const pair = await prisma.reconciliationPair.findUnique({ where: { id: pairId.toLowerCase() }, select: { id: true } });
  if (!pair) throw new ReconciliationPairNotFoundError(pairId);

  const record = await findRecord({ prisma, pairId: pair.id, businessDate, bank: side, key });
  if (!record) throw new ReconciliationRecordNotFoundError(businessDate, side);
  const actor = auditActorOf(viewer);
  return prisma.$transaction(async (tx) => {
    await runStatement(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`disclosure:${pair.id}:${businessDate}:${side}:${rawKey}`}))`);
    const open = await tx.reconciliationDisclosureRequest.findFirst({
      where: { pairId: pair.id, businessDate, bank: side, key, status: 'requested', requestedByOrganizationId: viewer.organizationId },
      select: { id: true },
    });
    if (open) throw new DisclosureRequestConflictError(`This record's disclosure was already requested (request ${open.id}) and the bank has not answered yet.`);
    const requestId = randomUUID();
    await tx.reconciliationDisclosureRequest.create({
      data: {
        id: requestId,
        pairId: pair.id,
        businessDate,
        bank: side,
        key,
        leafIndex: record.leafIndex,
        subject: record.subject,
        reason,
        requestedAt: now,
        requestedBy: actor.label,
        requestedByOrganizationId: viewer.organizationId,
      },
    });
    await appendAuditEntry(tx, {
      actor,
      action: 'reconciliation.disclosure_request',
      targetType: 'reconciliation_disclosure_request',
      targetId: requestId,
      details: { pairId: pair.id, businessDate, bank: side, key: toHex(key), subject: record.subject, reason },
      occurredAt: now,
    });
    return { requestId, subject: record.subject };
  });
}

/** The bank's row of `key` as a break of the day and/or a listed rule violation, with its leaf index;
 * the subject names all it is ("break:field_mismatch, rule:min-share-b"). */
async function findRecord({
  prisma,
  pairId,
  businessDate,
  bank,
  key,
}: {
  prisma: PrismaClient;
  pairId: string;
  businessDate: string;
  bank: 'A' | 'B';
  key: Uint8Array<ArrayBuffer>;
}): Promise<{ leafIndex: number; subject: string } | null> {
  const [found, violations] = await Promise.all([
    prisma.reconciliationBreak.findFirst({
      where: {
        statement: { pairId, businessDate },
        key,
        breakClass: { in: ['only_a', 'only_b', 'field_mismatch', 'within_tolerance', 'timing'] },
        ...(bank === 'A' ? { indexA: { not: null } } : { indexB: { not: null } }),
      },
      select: { breakClass: true, indexA: true, indexB: true },
    }),
    prisma.reconciliationRuleViolation.findMany({
      where: { key, check: { pairId, businessDate, bank } },
      select: { rule: true, leafIndex: true },
      orderBy: { rule: 'asc' },
    }),
  ]);
  const subjects = [...(found ? [`break:${found.breakClass}`] : []), ...violations.map((violation) => `rule:${violation.rule}`)];
  if (subjects.length === 0) return null;
  const leafIndex = found ? (bank === 'A' ? found.indexA : found.indexB)! : violations[0].leafIndex;
  return { leafIndex, subject: subjects.join(', ') };
}
