// A resumable upload whose last byte arrived becomes one evidence item: the final bytes are hashed
// on the server while they are copied into content-addressed storage (storeStream, as a multipart
// upload's are), compared with the digest the sender declared (a mismatch removes the upload and
// stores nothing), and recorded with the description given at creation by ingestStoredFile, the
// multipart upload's own path. The answer is stored under the idempotency record
// `resumable-upload:<id>` in the evidence's transaction, so finishing again (a retried last PATCH,
// two at once) answers with the same item and never makes a second.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import type { ApiKeyViewer, StaffViewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { HashMismatchError } from '../errors';
import { singleFlight } from '../process-state';
import { releaseFinishedUpload } from '../storage/resumable-upload-store';
import { storeStream } from '../storage/store-stream';
import type { UploadedEvidence } from './evidence-schemas';
import { findIngestReply } from './ingest-idempotently';
import { ingestStoredFile } from './ingest-stored-file';
import { readUploadMetadata } from './read-upload-metadata';

/** The idempotency record under which a finished upload's answer is kept (per organization). */
export function resumableUploadRecordKey(uploadId: string): string {
  return `resumable-upload:${uploadId}`;
}

export async function finishResumableUpload(options: {
  prisma: PrismaClient;
  store: FileStore;
  storageDir: string;
  maxBytes: number;
  upload: Upload;
  /** The lender's staff or API key finishing it, of the organization that created it. */
  submitter: StaffViewer | ApiKeyViewer;
  borrowerIdSalt?: string;
}): Promise<UploadedEvidence> {
  // Finishing twice at once in one process waits for the first; across processes the idempotency
  // record still lets only one item commit.
  return singleFlight('resumable-upload-finishing', `${options.storageDir}:${options.upload.id}`, () => finish(options));
}

async function finish({
  prisma,
  store,
  storageDir,
  maxBytes,
  upload,
  submitter,
  borrowerIdSalt,
}: Parameters<typeof finishResumableUpload>[0]): Promise<UploadedEvidence> {
  const scope = { organizationId: submitter.organizationId, key: resumableUploadRecordKey(upload.id) };
  const finished = await findIngestReply(prisma, scope);
  if (finished) return JSON.parse(finished.bodyText) as UploadedEvidence;

  const { fileName, mediaType, sha256, described } = readUploadMetadata(upload.metadata, {
    requireDescription: submitter.kind === 'staff',
    serverKeysAllowed: true,
  });
  let stored;
  try {
    stored = await storeStream({
      storageDir,
      source: createReadStream(path.join(store.directory, upload.id)),
      maxBytes,
      expectedSha256: () => sha256,
    });
  } catch (error) {
    // Bytes that are not what the sender hashed are kept nowhere: the client starts a new upload.
    if (error instanceof HashMismatchError) await store.remove(upload.id).catch(() => undefined);
    throw error;
  }
  const { replayed: _replayed, ...evidence } = await ingestStoredFile({
    prisma,
    stored,
    fileName,
    mediaType,
    described,
    submitter,
    borrowerIdSalt,
    requestIdentity: { endpoint: 'POST /api/v1/uploads', uploadId: upload.id },
    idempotencyScopeKey: scope.key,
    idempotencyKey: null,
  });
  await releaseFinishedUpload({
    store,
    storageDir,
    upload,
    keepMetadata: { filename: fileName, organizationId: submitter.organizationId, evidenceId: evidence.id },
  });
  return evidence;
}
