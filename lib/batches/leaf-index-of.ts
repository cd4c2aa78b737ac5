// Where an evidence item sits among its batch's leaves. A batch covers a contiguous sequence range,
// and its leaves are its organization's evidence rows in that range in sequence order (every row in
// it for a batch that spans organizations); other organizations' rows and rolled-back ingests leave
// gaps in the sequences, so the index is the number of the batch's rows before the item. When the
// range holds exactly leafCount sequences there is no gap, and the index is plain arithmetic, with
// no query: at a million leaves, counting the rows before an item costs hundreds of milliseconds.
import type { PrismaClient } from '../db/client';
import { runQuery, sql } from '../db/sql';
import { batchRowsCondition } from './batch-of-evidence';

export interface BatchRange {
  organizationId: string | null;
  spansOrganizations?: boolean;
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
  const [{ before }] = await runQuery(
    prisma,
    sql<{ before: bigint }>`
    SELECT count(*) AS before FROM evidence
    WHERE sequence >= ${batch.firstSequence} AND sequence < ${sequence} AND ${batchRowsCondition(batch)}`,
  );
  return Number(before);
}
