// Reads an item's RFC 9162 audit path from the stored tree levels: one 32-byte slice per level
// where the node has a sibling, in a single query, without loading or rebuilding the tree.
import type { PrismaClient } from '../db/client';

export async function readInclusionProof({
  prisma,
  batchId,
  leafIndex,
  treeSize,
}: {
  prisma: PrismaClient;
  batchId: string;
  leafIndex: number;
  treeSize: number;
}): Promise<Uint8Array[]> {
  const levels: number[] = [];
  const offsets: number[] = [];
  for (let level = 0, size = treeSize, index = leafIndex; size > 1; level++, size = Math.ceil(size / 2), index >>= 1) {
    const sibling = index ^ 1;
    if (sibling < size) {
      levels.push(level);
      offsets.push(sibling * 32 + 1); // substring() is 1-based
    }
  }
  if (levels.length === 0) return [];
  const rows = await prisma.$queryRaw<{ level: number; node: Uint8Array }[]>`
    SELECT w.level, substring(l.nodes FROM w.off FOR 32) AS node
    FROM unnest(${levels}::int[], ${offsets}::int[]) AS w(level, off)
    JOIN batch_level l ON l.batch_id = ${batchId}::uuid AND l.level = w.level
    ORDER BY w.level`;
  if (rows.length !== levels.length || rows.some((r) => r.node.length !== 32)) {
    throw new Error(`Batch ${batchId} is missing tree levels for leaf ${leafIndex}`);
  }
  return rows.map((r) => new Uint8Array(r.node));
}
