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

  it('reads a stream that is not a byte stream with the default reader', async () => {
    const bytes = new TextEncoder().encode('个人借款合同 L-2026-000123');
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5)];
    const blob = { stream: () => new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) }) } as unknown as Blob;
    expect(await sha256File(blob)).toBe(`0x${createHash('sha256').update(bytes).digest('hex')}`);
  });
});
