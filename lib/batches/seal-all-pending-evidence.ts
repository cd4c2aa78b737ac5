// Seals everything that was pending when called: one batch per organization with pending evidence,
// several where a backlog exceeds maxLeaves. Evidence that arrives meanwhile waits for the next
// call, so a steady stream of uploads cannot keep one call sealing small batches forever.
import type { PrismaClient } from '../db/client';
import { getSealableWatermark } from './get-sealable-watermark';
import { sealPendingEvidence, type SealedBatch } from './seal-pending-evidence';

/** The new batches, oldest pending evidence first; none when nothing is pending or another process is sealing. */
export async function sealAllPendingEvidence({
  prisma,
  maxLeaves,
}: {
  prisma: PrismaClient;
  maxLeaves: number;
}): Promise<SealedBatch[]> {
  const upTo = await getSealableWatermark(prisma);
  if (upTo === null) return [];
  const sealed: SealedBatch[] = [];
  for (;;) {
    const batch = await sealPendingEvidence({ prisma, maxLeaves, upTo });
    if (!batch) return sealed;
    sealed.push(batch);
  }
}
