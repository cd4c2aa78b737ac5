// Appends one entry to the audit log. Call it inside the transaction that makes the change it
// records, so the change and its entry commit together or not at all. Appends are serialized by a
// transaction-scoped advisory lock: each entry must see the hash of the one committed before it.
import { AUDIT_LOCK_KEY } from '../db/locks';
import type { Prisma, PrismaClient } from '../db/generated/client';
import type { AuditAction } from './audit-actions';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash';

export type AuditDb = Prisma.TransactionClient;

/** Who did it, as the audit log records it. */
export interface AuditActor {
  userId: string | null;
  /** An email, `api-key:<prefix>` or `system`. */
  label: string;
  organizationId: string | null;
  ipAddress: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system', organizationId: null, ipAddress: null };

export interface AuditEvent {
  actor: AuditActor;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

export async function appendAuditEntry(tx: AuditDb, event: AuditEvent): Promise<{ sequence: bigint; entryHash: Uint8Array }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const [last] = await tx.$queryRaw<Array<{ entry_hash: Uint8Array }>>`
    SELECT entry_hash FROM audit_entry ORDER BY sequence DESC LIMIT 1`;
  const [{ next }] = await tx.$queryRaw<Array<{ next: bigint }>>`
    SELECT nextval(pg_get_serial_sequence('audit_entry', 'sequence')) AS next`;
  const previousHash = last ? new Uint8Array(last.entry_hash) : AUDIT_GENESIS_HASH;
  // Millisecond precision, as stored (timestamptz(3)), so the hash recomputes from the row.
  const occurredAt = new Date(Math.floor(Date.now()));
  const fields = {
    sequence: next,
    occurredAt,
    actorUserId: event.actor.userId,
    actorLabel: event.actor.label,
    organizationId: event.actor.organizationId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ipAddress: event.actor.ipAddress,
    details: event.details ?? null,
  };
  const entryHash = auditEntryHash(previousHash, fields);
  await tx.auditEntry.create({
    data: {
      ...fields,
      details: event.details ?? undefined,
      previousHash: Buffer.from(previousHash),
      entryHash: Buffer.from(entryHash),
    },
  });
  return { sequence: next, entryHash };
}

/** For actions that change nothing else (a download, a sign-in): the entry in its own transaction. */
export async function recordAuditEvent(prisma: PrismaClient, event: AuditEvent): Promise<void> {
  await prisma.$transaction((tx) => appendAuditEntry(tx, event));
}
