// Appends entries to the audit log. Call appendAuditEntry inside the transaction that makes the change
// it records, so the change and its entry commit together or not at all. Appends are serialized by a
// transaction-scoped advisory lock: each entry must see the hash of the one committed before it.
// recordAuditEvent is for events with nothing else to commit, and commits concurrent ones together.
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

/** Serializes appends until the transaction ends. */
const AUDIT_LOCK_STATEMENT = `SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system', organizationId: null, ipAddress: null };

export interface AuditEvent {
  actor: AuditActor;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

export async function appendAuditEntry(tx: AuditDb, event: AuditEvent): Promise<{ sequence: bigint; entryHash: Uint8Array }> {
  const [appended] = await appendAuditEntries(tx, [event]);
  return appended;
}

/** Appends the events in order under one hold of the lock; returns each entry's sequence and hash. */
export async function appendAuditEntries(
  tx: AuditDb,
  events: AuditEvent[],
  { lockHeld = false }: { /** The transaction already ran AUDIT_LOCK_STATEMENT. */ lockHeld?: boolean } = {},
): Promise<Array<{ sequence: bigint; entryHash: Uint8Array }>> {
  if (events.length === 0) return [];
  const { query, execute } = statementsOf(tx);
  // Separate statements, in this order: under READ COMMITTED the head is read after the lock is held.
  if (!lockHeld) await execute(AUDIT_LOCK_STATEMENT, []);
  const [head] = await query<{ entry_hash: Uint8Array | null; next: Array<bigint | string> }>(
    `SELECT (SELECT entry_hash FROM audit_entry ORDER BY sequence DESC LIMIT 1) AS entry_hash,
            ARRAY(SELECT nextval(pg_get_serial_sequence('audit_entry', 'sequence')) FROM generate_series(1, $1::int) ORDER BY 1) AS next`,
    [events.length],
  );
  let previousHash = head.entry_hash ? new Uint8Array(head.entry_hash) : AUDIT_GENESIS_HASH;
  // Millisecond precision, as stored (timestamptz(3)), so the hash recomputes from the row.
  const occurredAt = new Date(Math.floor(Date.now()));
  const params: unknown[] = [];
  const rows: string[] = [];
  const appended = events.map((event, i) => {
    const sequence = BigInt(head.next[i]);
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
    const p = params.length;
    rows.push(
      `($${p + 1}::bigint, $${p + 2}::timestamptz, $${p + 3}::uuid, $${p + 4}, $${p + 5}::uuid, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9}, $${p + 10}::jsonb, $${p + 11}, $${p + 12})`,
    );
    params.push(
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
    );
    previousHash = entryHash;
    return { sequence, entryHash };
  });
  await execute(
    `INSERT INTO audit_entry (sequence, occurred_at, actor_user_id, actor_label, organization_id, action, target_type,
                              target_id, ip_address, details, previous_hash, entry_hash)
     VALUES ${rows.join(', ')}`,
    params,
  );
  return appended;
}

interface QueuedEvent {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Most entries one group commit writes (12 parameters each, well under PostgreSQL's 65,535). */
const MAX_ENTRIES_PER_COMMIT = 500;
interface AuditQueue {
  waiting: QueuedEvent[];
  flushing: boolean;
}
// On the client under a global symbol, not in a module-level map: the web server imports this module
// beside Next.js's bundled copy (lib/platform/serve-ingest-request.ts), and both must queue together.
const QUEUE = Symbol.for('evident.auditQueue');
type ClientWithQueue = PrismaClient & { [QUEUE]?: AuditQueue };

/** For actions that change nothing else (a download, a sign-in, a stored API request): the entry in
 * its own short transaction, straight on a pg connection. Resolves once the entry is committed.
 * Concurrent calls are committed together (group commit): appends are serialized through the audit
 * lock, held until COMMIT, so one transaction per event would cap the whole process at one commit's
 * fsync per event; whatever queued while one group commits goes into the next. */
export function recordAuditEvent(prisma: PrismaClient, event: AuditEvent): Promise<void> {
  const queue = ((prisma as ClientWithQueue)[QUEUE] ??= { waiting: [], flushing: false });
  const queued = new Promise<void>((resolve, reject) => queue.waiting.push({ event, resolve, reject }));
  if (!queue.flushing) void flushAuditQueue(prisma, queue);
  return queued;
}

async function flushAuditQueue(prisma: PrismaClient, queue: AuditQueue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.waiting.length > 0) {
      const group = queue.waiting.splice(0, MAX_ENTRIES_PER_COMMIT);
      try {
        await appendInOwnTransaction(prisma, group.map((q) => q.event));
        for (const q of group) q.resolve();
      } catch (error) {
        if (group.length === 1) {
          group[0].reject(error);
          continue;
        }
        // One bad event must not fail the others: each alone, so each caller learns its own outcome.
        for (const q of group) {
          await appendInOwnTransaction(prisma, [q.event]).then(q.resolve, q.reject);
        }
      }
    }
  } finally {
    queue.flushing = false;
  }
}

// The lock goes with BEGIN, in one round trip: this transaction is the audit log's bottleneck.
function appendInOwnTransaction(prisma: PrismaClient, events: AuditEvent[]): Promise<unknown> {
  return withPgTransaction(prisma, (tx) => appendAuditEntries(tx, events, { lockHeld: true }), { beginWith: AUDIT_LOCK_STATEMENT });
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
