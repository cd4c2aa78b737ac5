// Recomputes the audit log's hash chain from the rows and compares it with the stored hashes, with
// the chain heads recorded on the batches, and with the heads anchored on chain with each Merkle
// root. An entry whose recomputed hash differs from its stored one was edited; a deleted row shows as
// a previous-hash mismatch on the entry after it. Someone with write access to the database
// can recompute every hash after an edit, and the batch table with them; the heads on chain are what
// they cannot rewrite, so with a chain connection the anchored heads are read from the chain itself.
import { closeChain, connectChain } from '../chain/connect-chain';
import { ContractNotDeployedError } from '../proof/chain-errors';
import { readAnchoredAuditHead } from '../chain/read-anchored-audit-head';
import type { PrismaClient } from '../db/generated/client';
import { toHex } from '../proof/hex';
import { bytesEqual } from '../proof/bytes-equal';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit-entry-hash';

export type AuditChainProblemKind =
  /** The stored previous hash is not the hash of the entry before: a row was removed or inserted. */
  | 'unlinked'
  /** The stored entry hash does not match the entry's fields: the row was edited. */
  | 'edited'
  /** A batch's recorded head differs from the recomputed hash of that entry. */
  | 'batch-head-mismatch'
  /** The head anchored on chain differs from the recomputed hash of that entry. */
  | 'chain-head-mismatch'
  /** A batch or the chain names an entry that is not in the log. */
  | 'anchored-entry-missing'
  /** A batch recorded as included or final whose root the chain does not hold. */
  | 'anchor-missing-on-chain';

export interface AuditChainProblem {
  sequence: string;
  kind: AuditChainProblemKind;
  problem: string;
}

export interface AuditChainReport {
  ok: boolean;
  entriesChecked: number;
  /** The stored hash of the last entry. */
  head: string | null;
  /** Anchored heads read from the chain and compared; 0 without a chain connection. */
  chainHeadsChecked: number;
  /** The newest entry whose hash matches a head anchored on chain: the log up to it is proven. */
  chainProvenThrough: string | null;
  /** Whether the anchored heads were read from the chain (a chain RPC URL was given). */
  chainChecked: boolean;
  /** Problems in log order; empty when ok. */
  problems: AuditChainProblem[];
}

const PAGE = 5_000;

const MESSAGES: Record<AuditChainProblemKind, string> = {
  unlinked: 'previous-hash does not match the entry before it (an entry was removed or inserted)',
  edited: 'entry-hash does not match the entry’s contents (the entry was edited)',
  'batch-head-mismatch': 'differs from the chain head recorded on a batch',
  'chain-head-mismatch': 'differs from the audit head anchored on chain with a batch (the log was rewritten)',
  'anchored-entry-missing': 'an anchored chain head names an entry that is missing',
  'anchor-missing-on-chain': 'a batch recorded as anchored with this head is not on chain',
};


export async function verifyAuditChain({
  prisma,
  chainRpcUrl,
  chainTimeoutMs,
}: {
  prisma: PrismaClient;
  /** When given, the anchored heads are also read from the chain. */
  chainRpcUrl?: string;
  /** How long each chain request may take; past it, ChainUnavailableError. */
  chainTimeoutMs?: number;
}): Promise<AuditChainReport> {
  const problems: AuditChainProblem[] = [];
  const reported = new Set<string>();
  const report = (sequence: bigint, kind: AuditChainProblemKind) => {
    if (reported.has(`${sequence}:${kind}`)) return;
    reported.add(`${sequence}:${kind}`);
    problems.push({ sequence: sequence.toString(), kind, problem: MESSAGES[kind] });
  };

  const batches = await prisma.batch.findMany({
    where: { auditSequence: { not: null } },
    select: { auditSequence: true, auditHead: true, root: true, status: true, contractAddress: true },
    orderBy: { auditSequence: 'asc' },
  });
  const recordedHeads = new Map<bigint, Uint8Array[]>();
  for (const batch of batches) {
    const sequence = batch.auditSequence!;
    recordedHeads.set(sequence, [...(recordedHeads.get(sequence) ?? []), new Uint8Array(batch.auditHead!)]);
  }

  // An anchored head commits to every entry up to it (each hash covers the one before), so the chain
  // is read newest head first and the walk stops at the first head that matches: one lookup for an
  // intact log, and for a rewritten one, every head since the rewrite, which says where it began.
  let chainHeadsChecked = 0;
  let chainProvenThrough: bigint | null = null;
  if (chainRpcUrl) {
    const chain = await connectChain({ rpcUrl: chainRpcUrl, requestTimeoutMs: chainTimeoutMs });
    try {
      for (const batch of [...batches].reverse()) {
        const sequence = batch.auditSequence!;
        // Not signed (or sent back to be signed again): nothing of it need be on chain.
        if (batch.status === 'sealed' || !batch.contractAddress) continue;
        const onChain = await readAnchoredAuditHead(chain, batch.contractAddress, new Uint8Array(batch.root)).catch(
          (error: unknown) => {
            // The contract it was signed for is gone (a local chain that lost its state).
            if (error instanceof ContractNotDeployedError) return null;
            throw error;
          },
        );
        if (!onChain) {
          if (batch.status === 'included' || batch.status === 'final') report(sequence, 'anchor-missing-on-chain');
          continue;
        }
        chainHeadsChecked += 1;
        const entry = await prisma.auditEntry.findUnique({ where: { sequence }, select: { entryHash: true } });
        if (!entry) {
          report(sequence, 'anchored-entry-missing');
          continue;
        }
        if (toHex(entry.entryHash) === onChain.auditHead) {
          chainProvenThrough = sequence;
          break;
        }
        report(sequence, 'chain-head-mismatch');
      }
    } finally {
      closeChain(chain);
    }
  }

  // Each entry is checked against its own stored previous hash, and each link against the stored
  // hash of the entry before, so one edit or deletion is reported once, where it happened, instead of
  // at every entry after it.
  const seen = new Set<bigint>();
  let previous: Uint8Array = AUDIT_GENESIS_HASH;
  let after = -1n;
  let count = 0;
  for (;;) {
    const rows = await prisma.auditEntry.findMany({ where: { sequence: { gt: after } }, orderBy: { sequence: 'asc' }, take: PAGE });
    if (rows.length === 0) break;
    for (const row of rows) {
      count += 1;
      const stored = new Uint8Array(row.entryHash);
      if (!bytesEqual(row.previousHash, previous)) report(row.sequence, 'unlinked');
      const recomputed = auditEntryHash(new Uint8Array(row.previousHash), { ...row, details: row.details ?? null });
      if (!bytesEqual(stored, recomputed)) report(row.sequence, 'edited');
      for (const head of recordedHeads.get(row.sequence) ?? []) {
        seen.add(row.sequence);
        if (!bytesEqual(head, stored)) report(row.sequence, 'batch-head-mismatch');
      }
      previous = stored;
      after = row.sequence;
    }
  }
  for (const sequence of recordedHeads.keys()) {
    if (!seen.has(sequence)) report(sequence, 'anchored-entry-missing');
  }
  problems.sort((a, b) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : BigInt(a.sequence) > BigInt(b.sequence) ? 1 : 0));
  return {
    ok: problems.length === 0,
    entriesChecked: count,
    head: count > 0 ? toHex(previous) : null,
    chainHeadsChecked,
    chainProvenThrough: chainProvenThrough?.toString() ?? null,
    chainChecked: chainRpcUrl !== undefined,
    problems,
  };
}
