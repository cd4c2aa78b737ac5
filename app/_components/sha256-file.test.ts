import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256File } from './sha256-file';

describe('hashing a file in the browser', () => {
  it('gives the SHA-256 of the whole file, read chunk by chunk', async () => {
    expect(await sha256File(new Blob(['']))).toBe('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const big = new Uint8Array(5 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251);
    const seen: number[] = [];
    const parts = Array.from({ length: Math.ceil(big.byteLength / 65536) }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    const digest = await sha256File(new Blob(parts), (hashed) => seen.push(hashed));
    expect(digest).toBe(`0x${createHash('sha256').update(big).digest('hex')}`);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(big.byteLength);
  });
});
