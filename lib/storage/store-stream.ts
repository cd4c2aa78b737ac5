// Content-addressed file storage on the local disk. A file is hashed while it streams to a
// temporary file, fsync'd, then renamed to storage/sha256/<2 hex>/<hash hex>; equal content is
// stored once. The whole file is never held in memory.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HashMismatchError, InvalidUploadError } from '../errors';
import { streamToTemporaryFile } from './stream-to-temporary-file';

export interface StoredFile {
  sha256: Uint8Array;
  size: number;
  /** The lowercase hex SHA-256, which is also the file's address in storage. */
  storageKey: string;
}

export async function storeStream({
  storageDir,
  source,
  maxBytes,
  expectedSha256,
}: {
  storageDir: string;
  source: Readable;
  maxBytes: number;
  /** Lowercase 0x-hex digest the sender computed; a mismatch stores nothing. */
  expectedSha256?: () => string | undefined;
}): Promise<StoredFile> {
  const temporary = await streamToTemporaryFile({ storageDir, source, maxBytes });
  try {
    if (temporary.size === 0) throw new InvalidUploadError('The file is empty.');
    const storageKey = Buffer.from(temporary.sha256).toString('hex');
    const expected = expectedSha256?.();
    if (expected !== undefined && expected !== `0x${storageKey}`) {
      throw new HashMismatchError(expected, `0x${storageKey}`);
    }
    const finalPath = storedFilePath(storageDir, storageKey);
    await mkdir(path.dirname(finalPath), { recursive: true });
    await rename(temporary.path, finalPath);
    return { sha256: temporary.sha256, size: temporary.size, storageKey };
  } catch (error) {
    await rm(temporary.path, { force: true });
    throw error;
  }
}

export function storedFilePath(storageDir: string, storageKey: string): string {
  if (!/^[0-9a-f]{64}$/.test(storageKey)) throw new Error(`Invalid storage key ${storageKey}`);
  return path.join(storageDir, 'sha256', storageKey.slice(0, 2), storageKey);
}

/** `chunkBytes` is the read size (Node's default is 64 KiB; a bulk copy goes faster with 1 MiB). */
export async function openStoredFile(
  storageDir: string,
  storageKey: string,
  { chunkBytes }: { chunkBytes?: number } = {},
): Promise<{ stream: Readable; size: number }> {
  const filePath = storedFilePath(storageDir, storageKey);
  const info = await stat(filePath);
  return { stream: createReadStream(filePath, { highWaterMark: chunkBytes }), size: info.size };
}

/** Temporary files older than this are left over from a process that died mid-upload. */
const STALE_TMP_MS = 60 * 60 * 1000;

/**
 * Removes upload temporary files left by a crash (a running upload's file is younger than an hour,
 * so several processes sharing the storage never remove each other's). Called on start.
 */
export async function sweepStaleUploads(storageDir: string, now = Date.now()): Promise<number> {
  const tmpDir = path.join(storageDir, 'tmp');
  let names: string[];
  try {
    names = await readdir(tmpDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(tmpDir, name);
    try {
      if (now - (await stat(file)).mtimeMs > STALE_TMP_MS) {
        await rm(file, { force: true });
        removed += 1;
      }
    } catch {
      // Renamed into place or removed by its upload meanwhile.
    }
  }
  return removed;
}
