// Appends one entry to the audit log. Call it inside the transaction that makes the change it
// records, so the change and its entry commit together or not at all. Appends are serialized by a
// transaction-scoped advisory lock: each entry must see the hash of the one committed before it.
import { AUDIT_LOCK_KEY } from '../db/locks';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { withPgTransaction, type PgTransaction } from '../db/with-pg-transaction';
import type { AuditAction } from './audit-actions';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash';

/** A Prisma interactive transaction, or a pg transaction (lib/db/with-pg-transaction.ts). */
export type AuditDb = Prisma.TransactionClient | PgTransaction;

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
  const { query, execute } = statementsOf(tx);
  // Separate statements, in this order: under READ COMMITTED the head is read after the lock is held.
  await execute('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK_KEY]);
  const [head] = await query<{ entry_hash: Uint8Array | null; next: bigint | string }>(
    `SELECT (SELECT entry_hash FROM audit_entry ORDER BY sequence DESC LIMIT 1) AS entry_hash,
            nextval(pg_get_serial_sequence('audit_entry', 'sequence')) AS next`,
    [],
  );
  const previousHash = head.entry_hash ? new Uint8Array(head.entry_hash) : AUDIT_GENESIS_HASH;
  const sequence = BigInt(head.next);
  // Millisecond precision, as stored (timestamptz(3)), so the hash recomputes from the row.
  const occurredAt = new Date(Math.floor(Date.now()));
  const fields = {
    sequence,
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
  await execute(
    `INSERT INTO audit_entry (sequence, occurred_at, actor_user_id, actor_label, organization_id, action, target_type,
                              target_id, ip_address, details, previous_hash, entry_hash)
     VALUES ($1::bigint, $2::timestamptz, $3::uuid, $4, $5::uuid, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [
      sequence.toString(),
      occurredAt,
      fields.actorUserId,
      fields.actorLabel,
      fields.organizationId,
      fields.action,
      fields.targetType,
      fields.targetId,
      fields.ipAddress,
      fields.details === null ? null : JSON.stringify(fields.details),
      Buffer.from(previousHash),
      Buffer.from(entryHash),
    ],
  );
  return { sequence, entryHash };
}

/** For actions that change nothing else (a download, a sign-in, a stored API request): the entry in
 * its own short transaction, straight on a pg connection (the audit lock is held for three quick
 * statements, not for a Prisma interactive transaction). */
export async function recordAuditEvent(prisma: PrismaClient, event: AuditEvent): Promise<void> {
  await withPgTransaction(prisma, (tx) => appendAuditEntry(tx, event));
}

interface Statements {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  execute(sql: string, params: unknown[]): Promise<void>;
}

function statementsOf(tx: AuditDb): Statements {
  if ('$queryRawUnsafe' in tx) {
    return {
      query: <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params),
      execute: async (sql, params) => {
        await tx.$executeRawUnsafe(sql, ...params);
      },
    };
  }
  return {
    query: async <T>(sql: string, params: unknown[]) => (await tx.query(sql, params)).rows as T[],
    execute: async (sql, params) => {
      await tx.query(sql, params);
    },
  };
}
