// Hands out an evidence item's original file only after re-hashing it from disk: a stored file that
// no longer matches its recorded (and anchored) SHA-256 is refused with StoredFileHashMismatchError
// and the refusal is audited, so the case page can name the item. The stream hashes again while it
// sends, and breaks off if the file changed in between, so a swap after the check is not served whole.
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { authorize, evidenceVisibleTo } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import { recordAuditEvent } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { EvidenceNotFoundError, OriginalFileNotStoredError, StoredFileHashMismatchError } from '../errors';
import { toHex } from '../proof/hex';
import { isUuid } from '../ids';
import { openStoredFile } from '../storage/store-stream';
import { hashStoredFile } from './hash-stored-file';

export interface EvidenceOriginal {
  fileName: string;
  mediaType: string;
  size: number;
  /** Lowercase 0x-hex, as re-computed from the stored file. */
  sha256: string;
  stream: Readable;
}

export async function openEvidenceOriginal({
  prisma,
  viewer,
  evidenceId,
  storageDir,
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  evidenceId: string;
  storageDir: string;
}): Promise<EvidenceOriginal> {
  authorize(viewer, 'evidence.download_original');
  if (!isUuid(evidenceId)) throw new EvidenceNotFoundError(evidenceId);
  const evidence = await prisma.evidence.findFirst({
    where: { AND: [{ id: evidenceId }, evidenceVisibleTo(viewer)] },
    select: { id: true, fileName: true, mediaType: true, sha256: true, storageKey: true, canonicalRecord: true },
  });
  if (!evidence) throw new EvidenceNotFoundError(evidenceId);
  const expected = toHex(evidence.sha256);
  const audit = (details: Record<string, string>) =>
    recordAuditEvent(prisma, { actor: auditActorOf(viewer), action: 'evidence.download', targetType: 'evidence', targetId: evidence.id, details });

  // A record's original is its canonical RFC 8785 text, stored in its row: the bytes that were hashed.
  if (evidence.storageKey === null && evidence.canonicalRecord !== null) {
    const bytes = Buffer.from(evidence.canonicalRecord, 'utf8');
    const actual = `0x${createHash('sha256').update(bytes).digest('hex')}`;
    if (actual !== expected) {
      await audit({ outcome: 'stored-file-hash-mismatch', expectedSha256: expected, actualSha256: actual });
      throw new StoredFileHashMismatchError(evidence.id, expected, actual);
    }
    await audit({ outcome: 'sent', sha256: expected });
    return { fileName: evidence.fileName, mediaType: evidence.mediaType, size: bytes.length, sha256: expected, stream: Readable.from([bytes]) };
  }
  if (evidence.storageKey === null) throw new OriginalFileNotStoredError(evidenceId);

  const digest = await hashStoredFile({ storageDir, storageKey: evidence.storageKey });
  const actual = digest === null ? 'file-missing' : toHex(digest);
  if (actual !== expected) {
    await audit({ outcome: 'stored-file-hash-mismatch', expectedSha256: expected, actualSha256: actual });
    throw new StoredFileHashMismatchError(evidence.id, expected, actual);
  }

  const { stream, size } = await openStoredFile(storageDir, evidence.storageKey);
  await audit({ outcome: 'sent', sha256: expected });
  const checked = rehashing(expected);
  // pipe() does not pass a read error on; without this the response would hang instead of failing.
  stream.on('error', (error) => checked.destroy(error));
  return { fileName: evidence.fileName, mediaType: evidence.mediaType, size, sha256: expected, stream: stream.pipe(checked) };
}

/** Passes the bytes through and fails the stream at its end if their SHA-256 is not `expected`. */
export function rehashing(expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = `0x${hash.digest('hex')}`;
      callback(actual === expected ? null : new Error(`the stored file changed while it was being sent (now ${actual})`));
    },
  });
}
