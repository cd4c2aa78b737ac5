import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../proof/hex';
import { rfc9162Vectors } from './__fixtures__/load-vectors';
import { encodeLeaf } from '../proof/encode-leaf';
import { hashLeaf } from '../proof/hash-leaf';
import { hashLeafRecords, LEAF_RECORD_LENGTH } from './hash-leaf-records';

function record(contentSha256: Uint8Array, salt: Uint8Array, sequence: bigint): Uint8Array {
  const out = new Uint8Array(LEAF_RECORD_LENGTH);
  out.set(contentSha256, 0);
  out.set(salt, 32);
  new DataView(out.buffer).setBigUint64(64, sequence, false);
  return out;
}

describe('hashLeafRecords', () => {
  it('gives the recorded leaf hashes of the RFC 9162 vectors', () => {
    const records = Buffer.concat(
      rfc9162Vectors.leaves.map((leaf) =>
        record(fromHex(leaf.contentSha256, 32), fromHex(leaf.salt, 32), BigInt(leaf.sequence)),
      ),
    );
    const hashes = hashLeafRecords(records);
    rfc9162Vectors.leaves.forEach((leaf, i) => expect(toHex(hashes.subarray(i * 32, i * 32 + 32))).toBe(leaf.leafHash));
  });

  it('equals hashLeaf(encodeLeaf(…)) for random items, sequences up to 2^64-1 included', () => {
    const sequences = [0n, 1n, 255n, 256n, (1n << 63n) + 5n, (1n << 64n) - 1n];
    for (let i = 0; i < 1000; i++) sequences.push(BigInt(Math.floor(Math.random() * 2 ** 53)));
    const fields = sequences.map((sequence) => ({ contentSha256: randomBytes(32), salt: randomBytes(32), sequence }));
    const hashes = hashLeafRecords(Buffer.concat(fields.map((f) => record(f.contentSha256, f.salt, f.sequence))));
    fields.forEach((f, i) => expect(toHex(hashes.subarray(i * 32, i * 32 + 32))).toBe(toHex(hashLeaf(encodeLeaf(f)))));
  });

  it('refuses a partial record', () => {
    expect(() => hashLeafRecords(new Uint8Array(73))).toThrow(/72 bytes each/);
  });
});
