// Where an evidence item sits among its batch's leaves. A batch covers a contiguous sequence range,
// and its leaves are the evidence rows in that range in sequence order; sequences can have gaps (a
// rolled-back ingest still draws one), so the index is the number of rows before the item. When the
// range holds exactly leafCount sequences there is no gap, and the index is plain arithmetic, with
// no query: at a million leaves, counting the rows before an item costs hundreds of milliseconds.
import type { PrismaClient } from '../db/client';

export interface BatchRange {
  firstSequence: bigint;
  lastSequence: bigint;
  leafCount: number;
}

export async function leafIndexOf({
  prisma,
  batch,
  sequence,
}: {
  prisma: PrismaClient;
  batch: BatchRange;
  sequence: bigint;
}): Promise<number> {
  if (sequence < batch.firstSequence || sequence > batch.lastSequence) {
    throw new RangeError(
      `Sequence ${sequence} is outside the batch's range ${batch.firstSequence}-${batch.lastSequence}.`,
    );
  }
  if (batch.lastSequence - batch.firstSequence + 1n === BigInt(batch.leafCount)) {
    return Number(sequence - batch.firstSequence);
  }
  const [{ before }] = await prisma.$queryRaw<{ before: bigint }[]>`
    SELECT count(*) AS before FROM evidence WHERE sequence >= ${batch.firstSequence} AND sequence < ${sequence}`;
  return Number(before);
}
