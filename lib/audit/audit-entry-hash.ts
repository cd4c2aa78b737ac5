// The audit log's hash chain. An entry's hash is SHA-256 over the previous entry's hash followed by
// the RFC 8785 canonical JSON of the entry's own fields, so changing, inserting or deleting any row
// changes every hash after it. The first entry's previous hash is 32 zero bytes.
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const AUDIT_GENESIS_HASH: Uint8Array = new Uint8Array(32);

export interface AuditEntryFields {
  sequence: bigint;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  organizationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  details: unknown;
}

export function auditEntryHash(previousHash: Uint8Array, entry: AuditEntryFields): Uint8Array {
  const canonical = canonicalize({
    sequence: entry.sequence.toString(),
    occurredAt: entry.occurredAt.toISOString(),
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    organizationId: entry.organizationId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ipAddress: entry.ipAddress,
    details: entry.details ?? null,
  });
  return hash('sha256', Buffer.concat([previousHash, Buffer.from(canonical!, 'utf8')]), 'buffer');
}
