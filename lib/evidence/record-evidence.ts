// Writes one evidence row for content that is already stored, or for a bare hash, in its own
// transaction (through insertEvidenceRows, which holds the ingest lock shared while the row's
// sequence is drawn, so the sealer can tell when every lower sequence has committed).
import type { PrismaClient } from '../db/client';
import { withPgTransaction } from '../db/with-pg-transaction';
import { toHex } from '../proof/hex';
import type { EvidenceType } from './evidence-schemas';
import { insertEvidenceRows } from './insert-evidence-rows';

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
  organizationId = null,
  evidenceType = null,
  loanReference = null,
  borrowerReference = null,
}: {
  prisma: PrismaClient;
  sha256: Uint8Array;
  size: number;
  storageKey: string | null;
  fileName: string;
  mediaType: string;
  organizationId?: string | null;
  evidenceType?: EvidenceType | null;
  loanReference?: string | null;
  borrowerReference?: string | null;
}): Promise<RecordedEvidence> {
  const [row] = await withPgTransaction(prisma, (tx) =>
    insertEvidenceRows(tx, {
      organizationId,
      kind: storageKey === null ? 'hash' : 'file',
      rows: [{ sha256, size, storageKey, fileName, mediaType, evidenceType, loanReference, borrowerReference, canonicalRecord: null }],
    }),
    { oneStatement: true },
  );
  return { id: row.id, sequence: row.sequence, sha256: toHex(sha256), size, fileName, mediaType, submittedAt: row.submittedAt };
}
