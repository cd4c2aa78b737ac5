import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { leafEncodingVectors } from '../merkle/__fixtures__/load-vectors';
import { ENCODED_LEAF_LENGTH, encodeLeaf, LEAF_FORMAT_VERSION } from './encode-leaf';
import { InvalidLeafError } from './merkle-errors';
import { hashLeaf } from './hash-leaf';

describe('encodeLeaf', () => {
  it.each(leafEncodingVectors.valid)('matches the vector: $name', (vector) => {
    const leaf = encodeLeaf({
      contentSha256: fromHex(vector.contentSha256, 32),
      salt: fromHex(vector.salt, 32),
      sequence: BigInt(vector.sequence),
    });
    expect(leaf.length).toBe(ENCODED_LEAF_LENGTH);
    expect(leaf[0]).toBe(LEAF_FORMAT_VERSION);
    expect(toHex(leaf)).toBe(vector.leafBytes);
    expect(toHex(hashLeaf(leaf))).toBe(vector.leafHash);
  });

  it.each(leafEncodingVectors.invalid)('rejects $name, naming the field', (vector) => {
    const encode = () =>
      encodeLeaf({
        contentSha256: fromHex(vector.contentSha256),
        salt: fromHex(vector.salt),
        sequence: BigInt(vector.sequence),
      });
    expect(encode).toThrow(InvalidLeafError);
    try {
      encode();
    } catch (error) {
      expect((error as InvalidLeafError).field).toBe(vector.field);
      expect((error as Error).message).toContain(vector.field);
    }
  });

  it('rejects a sequence that is not a bigint', () => {
    const sequence = 1 as unknown as bigint;
    expect(() => encodeLeaf({ contentSha256: new Uint8Array(32), salt: new Uint8Array(32), sequence })).toThrow(
      InvalidLeafError,
    );
  });
});
