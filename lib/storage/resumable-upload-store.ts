// Where resumable uploads (tus, POST /api/v1/uploads) keep their bytes while they arrive:
// $STORAGE_DIR/uploads/<id> (the bytes so far) and <id>.json (length, metadata, creation time),
// through @tus/file-store. Reconciliation statements (…/statement/uploads) use the same store in
// $STORAGE_DIR/statement-uploads, so an upload of one kind is never resumed or finished as the other. Same file system as the content-addressed files, so a finished upload is
// copied into sha256/ by storeStream like any other upload. An upload expires
// RESUMABLE_UPLOAD_EXPIRY_MINUTES after its creation: it then answers 410, and the next sweep
// removes both files.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { processSingleton } from '../process-state';

/** Evidence files, and co-lending banks' statements. */
export type ResumableUploadKind = 'evidence' | 'statement';
const DIRECTORY_OF: Record<ResumableUploadKind, string> = { evidence: 'uploads', statement: 'statement-uploads' };

export function resumableUploadDirectory(storageDir: string, kind: ResumableUploadKind = 'evidence'): string {
  return path.join(storageDir, DIRECTORY_OF[kind]);
}

/** The process's one store for `storageDir` (its uploads are locked per process, see the route). */
export function resumableUploadStore(storageDir: string, expiryMs: number, kind: ResumableUploadKind = 'evidence'): FileStore {
  const directory = resumableUploadDirectory(storageDir, kind);
  return processSingleton(`resumable-upload-store:${directory}:${expiryMs}`, () => new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs }));
}

/** Removes the uploads (of every kind) created more than `expiryMs` ago, finished or not. Returns how many. */
export async function removeExpiredUploads({ storageDir, expiryMs }: { storageDir: string; expiryMs: number }): Promise<number> {
  let removed = 0;
  for (const kind of Object.keys(DIRECTORY_OF) as ResumableUploadKind[]) {
    const directory = resumableUploadDirectory(storageDir, kind);
    await mkdir(directory, { recursive: true });
    removed += await new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs }).deleteExpired();
  }
  return removed;
}

/**
 * Once a finished upload's bytes are in content-addressed storage and its evidence committed, its
 * partial file gives its disk space back: it is replaced (atomically, by rename) with a sparse file
 * of the same length, so the upload still answers HEAD with its full offset (a client that missed the
 * last answer sees it finished instead of starting again), and its metadata keeps only what the
 * status read needs (the borrower's identifiers go).
 */
export async function releaseFinishedUpload({
  store,
  storageDir,
  upload,
  keepMetadata,
}: {
  store: FileStore;
  storageDir: string;
  upload: Upload;
  keepMetadata: Record<string, string>;
}): Promise<void> {
  const tmpDir = path.join(storageDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const placeholder = path.join(tmpDir, randomUUID());
  try {
    const handle = await open(placeholder, 'wx');
    await handle.truncate(upload.size ?? 0);
    await handle.close();
    await rename(placeholder, path.join(store.directory, upload.id));
  } finally {
    await rm(placeholder, { force: true });
  }
  const info = await store.configstore.get(upload.id);
  if (info) await store.configstore.set(upload.id, { ...info, metadata: keepMetadata } as Upload);
}
