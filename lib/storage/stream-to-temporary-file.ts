// A request body streamed to a temporary file under STORAGE_DIR/tmp, hashed (SHA-256) and counted on
// the way, fsync'd, and bounded: over `maxBytes` it stops reading and refuses (413). The caller moves
// or removes the file; on any failure here it is already gone. Files a crash left behind are swept on
// start (store-stream.ts sweepStaleUploads). storeStream builds on it and refuses an empty body; here an
// empty body is a file like any other (an empty NDJSON statement is a valid day).
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadTooLargeError } from '../errors';

export interface TemporaryFile {
  path: string;
  sha256: Uint8Array;
  size: number;
}

export async function streamToTemporaryFile({
  storageDir,
  source,
  maxBytes,
}: {
  storageDir: string;
  source: Readable | AsyncIterable<Uint8Array>;
  maxBytes: number;
}): Promise<TemporaryFile> {
  const tmpDir = path.join(storageDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new UploadTooLargeError(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tmpPath, { flags: 'wx' }));
    const handle = await open(tmpPath, 'r');
    await handle.sync();
    await handle.close();
    return { path: tmpPath, sha256: new Uint8Array(hash.digest()), size };
  } catch (error) {
    await rm(tmpPath, { force: true });
    throw error;
  }
}
