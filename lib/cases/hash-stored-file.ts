// Re-hashes a stored original from disk, trusting nothing the database says about it: the caller
// compares the digest with the recorded SHA-256. Null when the file is gone.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { storedFilePath } from '../storage/store-stream';

export async function hashStoredFile({ storageDir, storageKey }: { storageDir: string; storageKey: string }): Promise<Uint8Array | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(storedFilePath(storageDir, storageKey))) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return new Uint8Array(hash.digest());
}
