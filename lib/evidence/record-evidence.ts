// Writes one evidence row for content that is already stored (or, later, for a bare hash). The
// row's sequence number is drawn while the ingest lock is held shared, so the sealer can tell when
// every lower sequence has committed.
import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { INGEST_LOCK_KEY } from '../db/locks';
import { toHex } from '../hex';

export interface RecordedEvidence {
  id: string;
  sequence: bigint;
  sha256: string;
  size: number;
  fileName: string;
  mediaType: string;
  submittedAt: Date;
}

export async function recordEvidence({
  prisma,
  sha256,
  size,
  storageKey,
  fileName,
  mediaType,
}: {
  prisma: PrismaClient;
  sha256: Uint8Array;
  size: number;
  storageKey: string | null;
  fileName: string;
  mediaType: string;
}): Promise<RecordedEvidence> {
  const row = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${INGEST_LOCK_KEY}::bigint)`;
    return tx.evidence.create({
      data: {
        id: randomUUID(),
        sha256: new Uint8Array(sha256),
        salt: new Uint8Array(randomBytes(32)),
        size: BigInt(size),
        storageKey,
        fileName,
        mediaType,
      },
    });
  });
  return {
    id: row.id,
    sequence: row.sequence,
    sha256: toHex(row.sha256),
    size: Number(row.size),
    fileName: row.fileName,
    mediaType: row.mediaType,
    submittedAt: row.submittedAt,
  };
}
