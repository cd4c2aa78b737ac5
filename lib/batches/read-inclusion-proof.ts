// Reads an item's RFC 9162 audit path without loading or rebuilding the tree: one 32-byte slice per
// stored level where the node has a sibling, in a single query. The leaf level is not stored (it is
// half of a tree's bytes, and sealing a million leaves spent a quarter of its time writing it): the
// sibling leaf is the hash of the neighbouring evidence row of the batch, read by one index probe
// beside the levels query. Batches sealed while the leaf level was stored still have its row; it is
// not read.
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { encodeLeaf } from '../proof/encode-leaf';
import { hashLeaf } from '../proof/hash-leaf';
import { batchRowsCondition } from './batch-of-evidence';
import type { BatchRange } from './leaf-index-of';

export async function readInclusionProof({
  prisma,
  batch,
  leafIndex,
  sequence,
}: {
  prisma: PrismaClient;
  batch: BatchRange & { id: string };
  /** The item's index among the batch's leaves (leafIndexOf). */
  leafIndex: number;
  /** The item's evidence sequence: its sibling leaf is the batch's row next to it. */
  sequence: bigint;
}): Promise<Uint8Array[]> {
  const levels: number[] = [];
  const offsets: number[] = [];
  let leafSibling: Promise<Uint8Array> | null = null;
  for (let level = 0, size = batch.leafCount, index = leafIndex; size > 1; level++, size = Math.ceil(size / 2), index >>= 1) {
    const sibling = index ^ 1;
    if (sibling >= size) continue;
    if (level === 0) {
      leafSibling = readSiblingLeaf(prisma, batch, sequence, sibling > index ? 'next' : 'previous');
    } else {
      levels.push(level);
      offsets.push(sibling * 32 + 1); // substring() is 1-based
    }
  }
  const rows =
    levels.length === 0
      ? []
      : await runQuery(
          prisma,
          sql<{ level: number; node: Uint8Array }>`
          SELECT w.level, substring(l.nodes FROM w.off FOR 32) AS node
          FROM unnest(${levels}::int[], ${offsets}::int[]) AS w(level, off)
          JOIN batch_level l ON l.batch_id = ${batch.id}::uuid AND l.level = w.level
          ORDER BY w.level`,
        );
  if (rows.length !== levels.length || rows.some((r) => r.node.length !== 32)) {
    throw new Error(`Batch ${batch.id} is missing tree levels for leaf ${leafIndex}`);
  }
  const path = rows.map((r) => new Uint8Array(r.node));
  return leafSibling ? [await leafSibling, ...path] : path;
}

/** The leaf hash of the batch's row right after (or before) `sequence`. */
async function readSiblingLeaf(
  prisma: PrismaClient,
  batch: BatchRange & { id: string },
  sequence: bigint,
  side: 'next' | 'previous',
): Promise<Uint8Array> {
  const lane = batchRowsCondition(batch);
  const [row] = await runQuery(
    prisma,
    side === 'next'
      ? sql<{ sha256: Uint8Array; salt: Uint8Array; sequence: bigint }>`SELECT sha256, salt, sequence FROM evidence
          WHERE ${lane} AND sequence > ${sequence} AND sequence <= ${batch.lastSequence} ORDER BY sequence LIMIT 1`
      : sql<{ sha256: Uint8Array; salt: Uint8Array; sequence: bigint }>`SELECT sha256, salt, sequence FROM evidence
          WHERE ${lane} AND sequence < ${sequence} AND sequence >= ${batch.firstSequence} ORDER BY sequence DESC LIMIT 1`,
  );
  if (!row) throw new Error(`Batch ${batch.id} has no leaf ${side === 'next' ? 'after' : 'before'} sequence ${sequence}`);
  return hashLeaf(encodeLeaf({ contentSha256: new Uint8Array(row.sha256), salt: new Uint8Array(row.salt), sequence: row.sequence }));
}
