import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { toHex } from './hex';
import { InvalidHashLengthError } from './merkle-errors';
import { hashLeaf } from './hash-leaf';
import { hashNode } from './hash-node';

describe('hashLeaf and hashNode', () => {
  const a = new Uint8Array(32).fill(0xaa);
  const b = new Uint8Array(32).fill(0xbb);

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    expect(toHex(hashLeaf(a))).toBe(toHex(sha256(Uint8Array.of(0x00, ...a))));
    expect(toHex(hashNode(a, b))).toBe(toHex(sha256(Uint8Array.of(0x01, ...a, ...b))));
  });

  it('keeps leaves and nodes apart: the same 64 bytes hash differently', () => {
    expect(toHex(hashLeaf(Uint8Array.of(...a, ...b)))).not.toBe(toHex(hashNode(a, b)));
  });

  it('hashes the empty leaf as RFC 9162 does', () => {
    // SHA-256 of the single byte 0x00.
    expect(toHex(hashLeaf(new Uint8Array(0)))).toBe('0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('rejects children that are not 32 bytes', () => {
    expect(() => hashNode(a, new Uint8Array(31))).toThrow(InvalidHashLengthError);
    expect(() => hashNode(new Uint8Array(33), b)).toThrow(/Left child must be a 32-byte/);
  });
});
