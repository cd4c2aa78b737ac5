import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { midstateOf, sha256Many } from './sha256-many';

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

  // HMAC's key block (RFC 2104) compressed once: every length, with and without a prefix, after one
  // and two blocks, equals hashing the blocks in front of each message.
  it('continues from a midstate exactly as hashing the blocks before each message', () => {
    for (const blocks of [randomBytes(64), randomBytes(128)]) {
      const midstate = midstateOf(blocks);
      for (const prefix of [new Uint8Array(0), Uint8Array.of(0x00), Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)]) {
        // Lengths around each padding boundary (the prefix shifts it), and some between.
        for (const recordLength of [1, 31, 32, 33, 45, 46, 47, 48, 53, 54, 55, 56, 57, 58, 64, 96, 117, 118, 119, 120, 121, 122, 181, 182, 183, 184, 185, 186, 200]) {
          const records = randomBytes(recordLength * (1 + (recordLength % 9)));
          const digests = Buffer.from(sha256Many({ midstate, prefix, records, recordLength }));
          const whole = Buffer.concat([blocks, prefix]);
          expect(digests.equals(expected(whole, records, recordLength)), `${blocks.length}+${prefix.length}+${recordLength} bytes`).toBe(true);
        }
      }
    }
  });

  it('gives HMAC-SHA-256 from the key’s inner and outer pad midstates, key after key on the same modules', () => {
    for (const key of [randomBytes(32), randomBytes(32), Buffer.alloc(32)]) {
      const pad = (byte: number) => Uint8Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte);
      const messages = randomBytes(45 * 7);
      const inner = sha256Many({ midstate: midstateOf(pad(0x36)), prefix: new Uint8Array(0), records: messages, recordLength: 45 });
      const macs = Buffer.from(sha256Many({ midstate: midstateOf(pad(0x5c)), prefix: new Uint8Array(0), records: inner, recordLength: 32 }));
      for (let i = 0; i < 7; i++) {
        expect(macs.subarray(i * 32, i * 32 + 32).equals(createHmac('sha256', key).update(messages.subarray(i * 45, i * 45 + 45)).digest())).toBe(true);
      }
    }
  });

  // Records padded to whole words: the bytes between them (random here) are not hashed.
  it('hashes records laid out at a stride, ignoring the bytes between them', () => {
    for (const prefix of [new Uint8Array(0), Uint8Array.of(0x00)]) {
      for (const recordLength of [1, 33, 45, 55, 56, 57, 119, 120, 121]) {
        const recordStride = Math.ceil(recordLength / 4) * 4 + 4;
        const count = 4_101;
        const laidOut = randomBytes(count * recordStride);
        const packed = Buffer.concat(Array.from({ length: count }, (_, m) => laidOut.subarray(m * recordStride, m * recordStride + recordLength)));
        const digests = Buffer.from(sha256Many({ prefix, records: laidOut, recordLength, recordStride }));
        expect(digests.equals(expected(prefix, packed, recordLength)), `${prefix.length}+${recordLength} bytes every ${recordStride}`).toBe(true);
      }
    }
    expect(() => sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(64), recordLength: 33, recordStride: 32 })).toThrow(/recordStride/);
  });

  it('returns nothing for no records, and refuses a partial record', () => {
    expect(sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(0), recordLength: 64 })).toEqual(new Uint8Array(0));
    expect(() => sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(65), recordLength: 64 })).toThrow(
      /not a whole number of 64-byte records/,
    );
    expect(() => sha256Many({ prefix: new Uint8Array(0), records: new Uint8Array(0), recordLength: 0 })).toThrow(RangeError);
  });
});
