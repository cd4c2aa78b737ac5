// Recomputes the audit log's hash chain from the rows and compares it with the stored hashes and with
// the chain heads recorded on the batches (which are anchored on chain with each Merkle root). The
// first entry whose recomputed hash differs is where the log was edited; a deleted row shows as a
// previous-hash mismatch on the entry after it.
import type { PrismaClient } from '../db/generated/client';
import { toHex } from '../hex';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash';

export interface AuditChainReport {
  ok: boolean;
  entriesChecked: number;
  /** The hash of the last entry, as recomputed. */
  head: string | null;
  /** Problems in log order; empty when ok. */
  problems: Array<{ sequence: string; problem: string }>;
}

const PAGE = 5_000;

export async function verifyAuditChain({ prisma }: { prisma: PrismaClient }): Promise<AuditChainReport> {
  const problems: AuditChainReport['problems'] = [];
  const anchoredSeen = new Set<bigint>();
  const anchored = await prisma.batch.findMany({
    where: { auditSequence: { not: null } },
    select: { auditSequence: true, auditHead: true },
  });
  const anchoredHeads = new Map(anchored.map((b) => [b.auditSequence!, new Uint8Array(b.auditHead!)]));

  let previous: Uint8Array = AUDIT_GENESIS_HASH;
  let after = -1n;
  let count = 0;
  for (;;) {
    const rows = await prisma.auditEntry.findMany({ where: { sequence: { gt: after } }, orderBy: { sequence: 'asc' }, take: PAGE });
    if (rows.length === 0) break;
    for (const row of rows) {
      count += 1;
      if (!Buffer.from(row.previousHash).equals(Buffer.from(previous))) {
        problems.push({ sequence: row.sequence.toString(), problem: 'previous-hash does not match the entry before it (an entry was removed or inserted)' });
      }
      const recomputed = auditEntryHash(previous, { ...row, details: row.details ?? null });
      if (!Buffer.from(row.entryHash).equals(Buffer.from(recomputed))) {
        problems.push({ sequence: row.sequence.toString(), problem: 'entry-hash does not match the entry’s contents (the entry was edited)' });
      }
      const anchoredHead = anchoredHeads.get(row.sequence);
      if (anchoredHead) {
        anchoredSeen.add(row.sequence);
        if (!Buffer.from(anchoredHead).equals(Buffer.from(recomputed))) {
          problems.push({ sequence: row.sequence.toString(), problem: 'differs from the chain head anchored with a batch' });
        }
      }
      previous = recomputed;
      after = row.sequence;
    }
  }
  for (const sequence of anchoredHeads.keys()) {
    if (!anchoredSeen.has(sequence)) {
      problems.push({ sequence: sequence.toString(), problem: 'an anchored chain head names an entry that is missing' });
    }
  }
  return { ok: problems.length === 0, entriesChecked: count, head: count > 0 ? toHex(previous) : null, problems };
}
