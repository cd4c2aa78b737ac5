// Writes the Merkle test vectors next to this file. Run: npx tsx lib/merkle/__fixtures__/generate-vectors.ts
//
// Everything here is deliberately independent of the code under test: the leaf bytes are assembled by
// hand, and roots and audit paths come from a direct transcription of RFC 9162's recursive MTH and
// PATH definitions (split at the largest power of two below n), not from merkletreejs or lib/merkle.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const hex = (bytes: Uint8Array) => `0x${bytesToHex(bytes)}`;
const filled = (value: number) => new Uint8Array(32).fill(value);

function uint64BigEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

function leafBytes(contentSha256: Uint8Array, salt: Uint8Array, sequence: bigint): Uint8Array {
  return concatBytes(Uint8Array.of(0x01), contentSha256, salt, uint64BigEndian(sequence));
}

const leafHash = (leaf: Uint8Array) => sha256(concatBytes(Uint8Array.of(0x00), leaf));
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(concatBytes(Uint8Array.of(0x01), left, right));

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// RFC 9162 §2.1.1, over leaf hashes (MTH({d0}) = leaf hash of d0).
function mth(hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 1) return hashes[0];
  const k = largestPowerOfTwoBelow(hashes.length);
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

// RFC 9162 §2.1.3.1.
function auditPath(m: number, hashes: Uint8Array[]): Uint8Array[] {
  if (hashes.length === 1) return [];
  const k = largestPowerOfTwoBelow(hashes.length);
  return m < k
    ? [...auditPath(m, hashes.slice(0, k)), mth(hashes.slice(k))]
    : [...auditPath(m - k, hashes.slice(k)), mth(hashes.slice(0, k))];
}

function leafEncodingVectors() {
  const counting = (start: number) => Uint8Array.from({ length: 32 }, (_, i) => start + i);
  const valid = [
    { name: 'all zero, sequence 0', contentSha256: filled(0), salt: filled(0), sequence: 0n },
    { name: 'all 0xff, largest uint64 sequence', contentSha256: filled(0xff), salt: filled(0xff), sequence: 2n ** 64n - 1n },
    { name: 'byte order check', contentSha256: counting(0x00), salt: counting(0x20), sequence: 0x0102030405060708n },
    {
      name: 'tree vector leaf 0',
      contentSha256: sha256(utf8ToBytes('evidence-0')),
      salt: filled(0),
      sequence: 1n,
    },
  ].map(({ name, contentSha256, salt, sequence }) => {
    const leaf = leafBytes(contentSha256, salt, sequence);
    return {
      name,
      contentSha256: hex(contentSha256),
      salt: hex(salt),
      sequence: sequence.toString(),
      leafBytes: hex(leaf),
      leafHash: hex(leafHash(leaf)),
    };
  });
  const invalid = [
    { name: 'content hash too short', contentSha256: hex(new Uint8Array(31)), salt: hex(filled(0)), sequence: '1', field: 'contentSha256' },
    { name: 'salt too long', contentSha256: hex(filled(0)), salt: hex(new Uint8Array(33)), sequence: '1', field: 'salt' },
    { name: 'negative sequence', contentSha256: hex(filled(0)), salt: hex(filled(0)), sequence: '-1', field: 'sequence' },
    { name: 'sequence 2^64', contentSha256: hex(filled(0)), salt: hex(filled(0)), sequence: (2n ** 64n).toString(), field: 'sequence' },
  ];
  return {
    description:
      'Leaf encoding, format version 1: 0x01 || contentSha256 (32) || salt (32) || sequence as uint64 big-endian (8) = 73 bytes. ' +
      'leafHash = SHA-256(0x00 || leafBytes). Sequences are decimal strings. Invalid cases name the field that must be rejected.',
    valid,
    invalid,
  };
}

function treeVectors() {
  const leaves = Array.from({ length: 9 }, (_, i) => {
    const contentSha256 = sha256(utf8ToBytes(`evidence-${i}`));
    const salt = filled(i);
    const sequence = BigInt(i + 1);
    const leaf = leafBytes(contentSha256, salt, sequence);
    return { contentSha256, salt, sequence, leaf, hash: leafHash(leaf) };
  });
  return {
    description:
      'RFC 9162 Merkle trees of 1..9 leaves. Leaf i = encodeLeaf(contentSha256 = SHA-256 of the ASCII string "evidence-i", ' +
      'salt = 32 bytes of value i, sequence = i + 1). The tree of size n holds leaves 0..n-1. Roots and audit paths were ' +
      "computed with RFC 9162's recursive MTH and PATH definitions; auditPaths[m] is the path for leaf m, bottom-up.",
    leaves: leaves.map((leaf, i) => ({
      index: i,
      contentAscii: `evidence-${i}`,
      contentSha256: hex(leaf.contentSha256),
      salt: hex(leaf.salt),
      sequence: leaf.sequence.toString(),
      leafBytes: hex(leaf.leaf),
      leafHash: hex(leaf.hash),
    })),
    trees: Array.from({ length: 9 }, (_, n) => {
      const hashes = leaves.slice(0, n + 1).map((leaf) => leaf.hash);
      return {
        treeSize: n + 1,
        root: hex(mth(hashes)),
        auditPaths: hashes.map((_, m) => auditPath(m, hashes).map(hex)),
      };
    }),
  };
}

const here = path.dirname(new URL(import.meta.url).pathname);
const write = (name: string, data: unknown) =>
  writeFileSync(path.join(here, name), `${JSON.stringify(data, null, 2)}\n`);

write('leaf-encoding-vectors.json', leafEncodingVectors());
write('rfc9162-vectors.json', treeVectors());
