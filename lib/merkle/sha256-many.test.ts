import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Many } from './sha256-many';

function expected(prefix: Uint8Array, records: Uint8Array, recordLength: number): Buffer {
  const digests: Buffer[] = [];
  for (let offset = 0; offset < records.length; offset += recordLength) {
    digests.push(createHash('sha256').update(prefix).update(records.subarray(offset, offset + recordLength)).digest());
  }
  return Buffer.concat(digests);
}

describe('sha256Many', () => {
  // Record counts that leave each number of spare lanes in the last group of four.
  function expectSameAsNodeCrypto(prefix: Uint8Array, recordLength: number) {
    const records = randomBytes(recordLength * (1 + (recordLength % 9)));
    const digests = Buffer.from(sha256Many({ prefix, records, recordLength }));
    expect(digests.equals(expected(prefix, records, recordLength)), `${prefix.length}+${recordLength} bytes`).toBe(true);
  }

  it('equals node:crypto for every message length from 1 to 200 bytes (one to four blocks)', () => {
    for (let recordLength = 1; recordLength <= 200; recordLength++) expectSameAsNodeCrypto(new Uint8Array(0), recordLength);
  });

  // Around each padding boundary (55/56, 119/120 and 183/184 bytes), the prefix shifts every word.
  it.each([[0x01], [0x00, 0x01], [1, 2, 3, 4, 5, 6, 7, 8]].map((p) => Uint8Array.from(p)))(
    'equals node:crypto around the padding boundaries with prefix %s',
    (prefix) => {
      for (const boundary of [0, 56, 120, 184]) {
        for (let recordLength = Math.max(1, boundary - 12); recordLength <= boundary + 4; recordLength++) {
          expectSameAsNodeCrypto(prefix, recordLength);
        }
      }
      expectSameAsNodeCrypto(prefix, 64);
      expectSameAsNodeCrypto(prefix, 72);
    },
  );

  it('hashes across the chunks it copies into WebAssembly memory', () => {
    const prefix = Uint8Array.of(0x01);
    const records = randomBytes(64 * 9_001);
    expect(Buffer.from(sha256Many({ prefix, records, recordLength: 64 })).equals(expected(prefix, records, 64))).toBe(true);
  });

  it('returns nothing for no records, and refuses a partial record', () => {
    expect(sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(0), recordLength: 64 })).toEqual(new Uint8Array(0));
    expect(() => sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(65), recordLength: 64 })).toThrow(
      /not a whole number of 64-byte records/,
    );
    expect(() => sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(0), recordLength: 0 })).toThrow(RangeError);
  });
});
