// SHA-256 of a File, read as a stream: memory stays flat whatever the file's size (the whole file
// in one ArrayBuffer took ~310 MB of tab memory for a 300 MB recording). The file never leaves the
// browser; the server hashes the bytes it receives and refuses a mismatch.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '@/lib/proof/hex';

export async function sha256File(file: Blob, onProgress?: (hashedBytes: number) => void): Promise<string> {
  const hash = sha256.create();
  const reader = file.stream().getReader();
  let hashed = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    hashed += value.byteLength;
    onProgress?.(hashed);
  }
  return toHex(hash.digest());
}
