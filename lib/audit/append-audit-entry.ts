// Appends entries to the audit log. Call appendAuditEntry inside the transaction that makes the change
// it records, so the change and its entry commit together or not at all. Appends are serialized by a
// transaction-scoped advisory lock: each entry must see the hash of the one committed before it.
// Where holding that lock would serialize the change itself (evidence ingest: many concurrent
// requests, inserts of up to 10,000 rows), enqueueAuditEntries writes the entry to the audit outbox
// in the change's transaction instead, without the lock, and flushAuditOutbox chains it into the log
// after the commit (the batcher flushes on every tick too, so an entry whose process died after the
// commit is chained on the next start). recordAuditEvent is for events with nothing else to commit;
// concurrent ones, and the outbox, are chained together in one transaction (group commit).
import { groupCommitQueueOf, type Outcome } from '../db/group-commit-queue';
import { AUDIT_LOCK_KEY } from '../db/locks';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { runQuery, runStatement, sql } from '../db/sql';
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
const AUDIT_LOCK_STATEMENT = sql`SELECT pg_advisory_xact_lock(${sql.lit(AUDIT_LOCK_KEY)})`;

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system', organizationId: null, ipAddress: null };

export interface AuditEvent {
  actor: AuditActor;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  /** When it happened, at millisecond precision; unset: when it is appended. Outbox entries keep the
   * time their change committed. */
  occurredAt?: Date;
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
  // Separate statements, in this order: under READ COMMITTED the head is read after the lock is held.
  if (!lockHeld) await runStatement(tx, AUDIT_LOCK_STATEMENT);
  const [head] = await runQuery(
    tx,
    sql<{ entry_hash: Uint8Array | null; next: Array<bigint | string> }>`SELECT (SELECT entry_hash FROM audit_entry ORDER BY sequence DESC LIMIT 1) AS entry_hash,
            ARRAY(SELECT nextval(pg_get_serial_sequence('audit_entry', 'sequence')) FROM generate_series(1, ${events.length}::int) ORDER BY 1) AS next`,
  );
  let previousHash = head.entry_hash ? new Uint8Array(head.entry_hash) : AUDIT_GENESIS_HASH;
  // Millisecond precision, as stored (timestamptz(3)), so the hash recomputes from the row.
  const now = new Date(Math.floor(Date.now()));
  const appended = events.map((event, i) => {
    const sequence = BigInt(head.next[i]);
    const fields = {
      sequence,
      occurredAt: event.occurredAt ?? now,
      actorUserId: event.actor.userId,
      actorLabel: boundAuditText(event.actor.label),
      organizationId: event.actor.organizationId,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId === undefined || event.targetId === null ? null : boundAuditText(event.targetId),
      ipAddress: event.actor.ipAddress,
      details: event.details ?? null,
    };
    const entryHash = auditEntryHash(previousHash, fields);
    const entry = { fields, previousHash, entryHash };
    previousHash = entryHash;
    return entry;
  });
  // One statement over unnest(): its text and its 12 parameters are the same whatever the group's
  // size, so it is compiled in constant time and planned alike for every group.
  const column = <T>(pick: (entry: (typeof appended)[number]) => T) => appended.map(pick);
  await runStatement(
    tx,
    sql`INSERT INTO audit_entry (sequence, occurred_at, actor_user_id, actor_label, organization_id, action, target_type,
                              target_id, ip_address, details, previous_hash, entry_hash)
     SELECT sequence, occurred_at, actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address,
            details, decode(previous_hash, 'hex'), decode(entry_hash, 'hex')
     FROM unnest(${column((e) => e.fields.sequence.toString())}::bigint[], ${column((e) => e.fields.occurredAt.toISOString())}::timestamptz[],
                 ${column((e) => e.fields.actorUserId)}::uuid[], ${column((e) => e.fields.actorLabel)}::text[],
                 ${column((e) => e.fields.organizationId)}::uuid[], ${column((e) => e.fields.action)}::text[],
                 ${column((e) => e.fields.targetType)}::text[], ${column((e) => e.fields.targetId)}::text[],
                 ${column((e) => e.fields.ipAddress)}::text[],
                 ${column((e) => (e.fields.details === null ? null : JSON.stringify(e.fields.details)))}::jsonb[],
                 ${column((e) => Buffer.from(e.previousHash).toString('hex'))}::text[], ${column((e) => Buffer.from(e.entryHash).toString('hex'))}::text[])
       AS entry(sequence, occurred_at, actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address,
                details, previous_hash, entry_hash)`,
  );
  return appended.map(({ fields, entryHash }) => ({ sequence: fields.sequence, entryHash }));
}

/** Writes entries to the audit outbox in the caller's transaction (see the top of this file); they
 * are chained into the log by the next flushAuditOutbox. Takes no lock. */
export async function enqueueAuditEntries(tx: AuditDb, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const [userIds, labels, organizationIds, actions, targetTypes, targetIds, ipAddresses, details] = auditOutboxColumns(events);
  await runStatement(
    tx,
    sql`INSERT INTO audit_outbox (actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address, details)
     SELECT * FROM unnest(${userIds}::uuid[], ${labels}::text[], ${organizationIds}::uuid[], ${actions}::text[], ${targetTypes}::text[],
                          ${targetIds}::text[], ${ipAddresses}::text[], ${details}::jsonb[])`,
  );
}

/** The audit_outbox columns of `events` as eight arrays (actor_user_id, actor_label, organization_id,
 * action, target_type, target_id, ip_address, details), for an INSERT over unnest(), here and in the
 * evidence insert (lib/evidence/insert-evidence-rows.ts), which writes ingest entries with its rows. */
export function auditOutboxColumns(events: AuditEvent[]): unknown[][] {
  return [
    events.map((e) => e.actor.userId),
    events.map((e) => boundAuditText(e.actor.label)),
    events.map((e) => e.actor.organizationId),
    events.map((e) => e.action),
    events.map((e) => e.targetType ?? null),
    events.map((e) => (e.targetId === undefined || e.targetId === null ? null : boundAuditText(e.targetId))),
    events.map((e) => e.actor.ipAddress),
    events.map((e) => (e.details === undefined || e.details === null ? null : JSON.stringify(e.details))),
  ];
}

/** Most entries one group commit writes (12 parameters each, well under PostgreSQL's 65,535). */
const MAX_ENTRIES_PER_COMMIT = 500;

/** For actions that change nothing else (a download, a sign-in, a stored API request): the entry in
 * its own short transaction, straight on a pg connection. Resolves once the entry is committed.
 * Concurrent calls are committed together (group commit, lib/db/group-commit-queue.ts): appends are
 * serialized through the audit lock, held until COMMIT, so one transaction per event would cap the
 * whole process at one commit's fsync per event; whatever queued while one group commits goes into
 * the next. */
export function recordAuditEvent(prisma: PrismaClient, event: AuditEvent): Promise<void> {
  return auditQueueOf(prisma).add(event);
}

/** Chains every entry in the audit outbox into the log; resolves once those committed before the
 * call are in it. Concurrent calls share one transaction with each other and with recordAuditEvent. */
export function flushAuditOutbox(prisma: PrismaClient): Promise<void> {
  return auditQueueOf(prisma).add(null);
}

/** flushAuditOutbox for a request whose change has committed: its entry is safe in the outbox, so a
 * failure here must not turn an acknowledged change into an error answer; the batcher's next tick
 * chains it. */
export async function chainAuditOutboxAfterCommit(prisma: PrismaClient): Promise<void> {
  try {
    await flushAuditOutbox(prisma);
  } catch (error) {
    console.warn(`audit outbox not chained yet (the batcher retries on its next tick): ${(error as Error).message}`);
  }
}

/** An event to append, or null: the caller only wants the outbox chained. */
type Queued = AuditEvent | null;

function auditQueueOf(prisma: PrismaClient) {
  return groupCommitQueueOf<Queued, void>('audit', prisma, () => ({
    maxWeight: MAX_ENTRIES_PER_COMMIT,
    flush: (group) => appendGroup(prisma, group),
  }));
}

async function appendGroup(prisma: PrismaClient, group: Queued[]): Promise<Outcome<void>[]> {
  const drainOutbox = group.some((queued) => queued === null);
  try {
    await appendInOwnTransaction(prisma, events(group), drainOutbox);
    return group.map(() => ({ ok: true, value: undefined }));
  } catch (error) {
    if (group.length === 1) return [{ ok: false, error }];
    // One bad event must not fail the others: each alone, so each caller learns its own outcome.
    const outcomes: Outcome<void>[] = [];
    for (const queued of group) {
      outcomes.push(
        await appendInOwnTransaction(prisma, events([queued]), queued === null).then(
          () => ({ ok: true as const, value: undefined }),
          (alone: unknown) => ({ ok: false as const, error: alone }),
        ),
      );
    }
    return outcomes;
  }
}

function events(group: Queued[]): AuditEvent[] {
  return group.filter((queued): queued is AuditEvent => queued !== null);
}

interface OutboxRow {
  id: string;
  recorded_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  organization_id: string | null;
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  ip_address: string | null;
  details: Prisma.InputJsonValue | null;
}

// The lock goes with BEGIN, in one round trip: this transaction is the audit log's bottleneck. The
// outbox is read under the lock, so two processes never chain one entry twice; its entries go
// first, in the order they were written, and a long outbox is chained MAX_ENTRIES_PER_COMMIT at a time.
async function appendInOwnTransaction(prisma: PrismaClient, queued: AuditEvent[], drainOutbox: boolean): Promise<void> {
  for (let more = true; more; ) {
    more = false;
    await withPgTransaction(
      prisma,
      async (tx) => {
        let outbox: AuditEvent[] = [];
        if (drainOutbox) {
          const rows = await runQuery(
            tx,
            sql<OutboxRow>`DELETE FROM audit_outbox WHERE id IN (SELECT id FROM audit_outbox ORDER BY id LIMIT ${MAX_ENTRIES_PER_COMMIT})
             RETURNING id::text, recorded_at, actor_user_id, actor_label, organization_id, action, target_type, target_id, ip_address, details`,
          );
          more = rows.length === MAX_ENTRIES_PER_COMMIT;
          outbox = rows
            .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
            .map((row) => ({
              actor: { userId: row.actor_user_id, label: row.actor_label, organizationId: row.organization_id, ipAddress: row.ip_address },
              action: row.action,
              targetType: row.target_type ?? undefined,
              targetId: row.target_id ?? undefined,
              details: row.details ?? undefined,
              occurredAt: row.recorded_at,
            }));
        }
        await appendAuditEntries(tx, [...outbox, ...queued], { lockHeld: true });
      },
      { beginWith: AUDIT_LOCK_STATEMENT },
    );
    queued = [];
  }
}

/** Longest actor label or target id stored: an email is at most 254 characters (RFC 5321), so this
 * keeps every real value whole while a failed sign-in with a 5,000-character "email" stays small. */
export const MAX_AUDIT_TEXT = 320;

function boundAuditText(text: string): string {
  return text.length <= MAX_AUDIT_TEXT ? text : `${text.slice(0, MAX_AUDIT_TEXT - 1)}…`;
}
