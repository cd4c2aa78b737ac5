// SHA-256 of a File, read as a stream: memory stays flat whatever the file's size (the whole file
// in one ArrayBuffer took ~310 MB of tab memory for a 300 MB recording). The file never leaves the
// browser; the server hashes the bytes it receives and refuses a mismatch.
//
// The stream is read into one reused 1 MiB buffer (a BYOB reader). With the default reader Chromium
// hands out a fresh buffer per chunk, outside the JS heap, and hashing a 1 GiB file grew the tab's
// renderer by 535 to 656 MiB of anonymous memory before the garbage collector caught up; with the
// reused buffer by 23 to 28 MiB (bench/browser-hashing.ts, bench/RESULTS.md). A browser whose Blob
// stream is not a byte stream gets the default reader.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '@/lib/proof/hex';

const BUFFER_BYTES = 1024 * 1024;

export async function sha256File(file: Blob, onProgress?: (hashedBytes: number) => void): Promise<string> {
  const hash = sha256.create();
  const stream = file.stream();
  let hashed = 0;
  const take = (bytes: Uint8Array) => {
    hash.update(bytes);
    hashed += bytes.byteLength;
    onProgress?.(hashed);
  };
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: read it chunk by chunk below.
  }
  if (byob) {
    let buffer = new ArrayBuffer(BUFFER_BYTES);
    for (;;) {
      const { done, value } = await byob.read(new Uint8Array(buffer));
      if (done || !value) break;
      take(value);
      // The read transferred the buffer into `value`: hand the same memory to the next read.
      buffer = value.buffer as ArrayBuffer;
    }
    return toHex(hash.digest());
  }
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    take(value);
  }
  return toHex(hash.digest());
}
