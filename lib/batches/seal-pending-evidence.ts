// Seals the oldest pending evidence (up to maxLeaves items) into one batch: builds the RFC 9162
// Merkle tree and stores the batch with every tree level, so proofs are read, never rebuilt.
// Evidence rows are not touched: a batch owns the contiguous sequence range it covers.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { SEAL_LOCK_KEY } from '../db/locks';
import { buildMerkleTree } from '../merkle/build-merkle-tree';
import { encodeLeaf } from '../merkle/encode-leaf';
import { hashLeaf } from '../merkle/hash-leaf';
import { getSealableWatermark } from './get-sealable-watermark';

export interface SealedBatch {
  id: string;
  firstSequence: bigint;
  lastSequence: bigint;
  leafCount: number;
  root: Uint8Array;
}

const SEAL_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/** Returns the new batch, or null when nothing is pending or another process is sealing. */
export async function sealPendingEvidence({
  prisma,
  maxLeaves,
}: {
  prisma: PrismaClient;
  maxLeaves: number;
}): Promise<SealedBatch | null> {
  const watermark = await getSealableWatermark(prisma);
  if (watermark === null) return null;
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${SEAL_LOCK_KEY}::bigint) AS locked`;
      if (!locked) return null;
      const previous = await tx.batch.findFirst({ orderBy: { lastSequence: 'desc' }, select: { lastSequence: true } });
      const after = previous?.lastSequence ?? 0n;
      const rows = await tx.$queryRaw<{ sequence: bigint; sha256: Uint8Array; salt: Uint8Array }[]>`
        SELECT sequence, sha256, salt FROM evidence
        WHERE sequence > ${after} AND sequence <= ${watermark}
        ORDER BY sequence
        LIMIT ${maxLeaves}`;
      if (rows.length === 0) return null;

      const leafHashes = rows.map((row) =>
        hashLeaf(encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence: row.sequence })),
      );
      const tree = buildMerkleTree(leafHashes);
      const batch: SealedBatch = {
        id: randomUUID(),
        firstSequence: rows[0].sequence,
        lastSequence: rows[rows.length - 1].sequence,
        leafCount: rows.length,
        root: tree.root,
      };
      await tx.batch.create({
        data: {
          id: batch.id,
          firstSequence: batch.firstSequence,
          lastSequence: batch.lastSequence,
          leafCount: batch.leafCount,
          root: new Uint8Array(batch.root),
        },
      });
      await tx.batchLevel.createMany({
        data: tree.levels.map((nodes, level) => ({ batchId: batch.id, level, nodes: concatNodes(nodes) })),
      });
      return batch;
    },
    { timeout: SEAL_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}

function concatNodes(nodes: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(nodes.length * 32);
  nodes.forEach((node, i) => out.set(node, i * 32));
  return out;
}
