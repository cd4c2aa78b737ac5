import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmptyTreeError } from '../proof/merkle-errors';
import { buildMerkleLevels } from './build-merkle-levels';
import { DEFAULT_CHUNK_LEAVES, joinMerkleSlices, MerkleLevelsStream, merkleLevelSizes, type MerkleLevelsSlice } from './stream-merkle-levels';

/** n deterministic leaf hashes (SHA-256 of the index), so a failure is the same on every run. */
function leafHashes(n: number): Uint8Array {
  const leaves = new Uint8Array(n * 32);
  for (let i = 0; i < n; i++) leaves.set(createHash('sha256').update(`leaf ${i}`).digest(), i * 32);
  return leaves;
}

/** The leaves streamed one by one into a buffer the size of the whole levels; every byte must be written exactly once. */
function streamLevels(leaves: Uint8Array, chunkLeaves: number): { bytes: Uint8Array; root: Uint8Array } {
  const n = leaves.length / 32;
  const total = merkleLevelSizes(n).reduce((sum, size) => sum + size * 32, 0);
  const bytes = new Uint8Array(total);
  const writes: [start: number, end: number][] = [];
  const stream = new MerkleLevelsStream(n, (offset, slice) => {
    bytes.set(slice, offset);
    writes.push([offset, offset + slice.length]);
  }, chunkLeaves);
  for (let i = 0; i < n; i++) stream.add(leaves, i * 32);
  const root = stream.finish();
  // Sorted by offset, the writes must tile [0, total): no gap, no overlap, nothing past the end.
  writes.sort((x, y) => x[0] - y[0]);
  let end = 0;
  for (const [start, stop] of writes) {
    expect(start, `${n} leaves in chunks of ${chunkLeaves}: a write at ${start} after bytes up to ${end}`).toBe(end);
    end = stop;
  }
  expect(end, `${n} leaves in chunks of ${chunkLeaves}: bytes written`).toBe(total);
  return { bytes, root };
}

/** The leaves streamed in consecutive ranges cut at `cuts` (each range its own stream, as each thread of the ingest), then joined. */
function streamLevelsInRanges(leaves: Uint8Array, chunkLeaves: number, cuts: number[]): { bytes: Uint8Array; root: Uint8Array } {
  const n = leaves.length / 32;
  const total = merkleLevelSizes(n).reduce((sum, size) => sum + size * 32, 0);
  const bytes = new Uint8Array(total);
  const written = new Uint8Array(total);
  const writeAt = (offset: number, slice: Uint8Array) => {
    bytes.set(slice, offset);
    for (let k = offset; k < offset + slice.length; k++) written[k]++;
  };
  const bounds = [0, ...cuts, n];
  const slices: MerkleLevelsSlice[] = [];
  for (let r = 0; r + 1 < bounds.length; r++) {
    const stream = new MerkleLevelsStream(n, writeAt, chunkLeaves, { firstLeaf: bounds[r], endLeaf: bounds[r + 1] });
    for (let i = bounds[r]; i < bounds[r + 1]; i++) stream.add(leaves, i * 32);
    slices.push(stream.finishSlice());
  }
  // The slices cross threads in the ingest: join copies made the same way.
  const root = joinMerkleSlices(n, structuredClone(slices.reverse()), writeAt, chunkLeaves);
  const what = `${n} leaves in chunks of ${chunkLeaves} cut at ${cuts.join(', ')}`;
  expect(written.every((times) => times === 1), `${what}: every byte written once`).toBe(true);
  return { bytes, root };
}

function expectSameAsBuildMerkleLevels(leaves: Uint8Array, chunkLeaves: number) {
  const expected = buildMerkleLevels(leaves);
  const { bytes, root } = streamLevels(leaves, chunkLeaves);
  const what = `${leaves.length / 32} leaves in chunks of ${chunkLeaves}`;
  expect(Buffer.from(bytes).equals(Buffer.concat(expected)), what).toBe(true);
  expect(Buffer.from(root).equals(expected.at(-1)!), what).toBe(true);
}

describe('MerkleLevelsStream', () => {
  it('writes the levels of buildMerkleLevels byte for byte for every size from 1 to 300 leaves in chunks of 1, 2, 4, 8 and 32', () => {
    const all = leafHashes(300);
    for (let n = 1; n <= 300; n++) {
      for (const chunkLeaves of [1, 2, 4, 8, 32]) expectSameAsBuildMerkleLevels(all.subarray(0, n * 32), chunkLeaves);
    }
  });

  it(`does so around the boundaries of the real chunk of ${DEFAULT_CHUNK_LEAVES} leaves`, () => {
    const c = DEFAULT_CHUNK_LEAVES;
    const all = leafHashes(5 * c + 1);
    for (const n of [1, c - 1, c, c + 1, 2 * c - 1, 2 * c, 2 * c + 1, 3 * c + 5, 4 * c, 5 * c - 1, 5 * c + 1]) {
      expectSameAsBuildMerkleLevels(all.subarray(0, n * 32), c);
    }
  }, 60_000);

  it('writes the same levels when the leaves come in ranges streamed apart and joined, wherever the ranges are cut', () => {
    const all = leafHashes(300);
    const check = (n: number, chunkLeaves: number, cuts: number[]) => {
      const expected = buildMerkleLevels(all.subarray(0, n * 32));
      const { bytes, root } = streamLevelsInRanges(all.subarray(0, n * 32), chunkLeaves, cuts);
      const what = `${n} leaves in chunks of ${chunkLeaves} cut at ${cuts.join(', ')}`;
      expect(Buffer.from(bytes).equals(Buffer.concat(expected)), what).toBe(true);
      expect(Buffer.from(root).equals(expected.at(-1)!), what).toBe(true);
    };
    // Two ranges, cut at every leaf (empty ranges at either end included).
    for (let n = 1; n <= 40; n++) {
      for (const chunkLeaves of [1, 2, 4, 8]) for (let cut = 0; cut <= n; cut++) check(n, chunkLeaves, [cut]);
    }
    // Three and four ranges, two cuts inside one chunk among them.
    for (const n of [100, 257, 300]) {
      for (const chunkLeaves of [4, 32]) {
        for (const cuts of [[1, 2], [33, 34], [31, 64, 65], [n >> 1, n - 1], [0, 0, n], [n, n]]) check(n, chunkLeaves, cuts);
      }
    }
  });

  it('refuses ranges that leave a leaf out or hold one twice', () => {
    const leaves = leafHashes(20);
    const slice = (firstLeaf: number, endLeaf: number) => {
      const stream = new MerkleLevelsStream(20, () => undefined, 4, { firstLeaf, endLeaf });
      for (let i = firstLeaf; i < endLeaf; i++) stream.add(leaves, i * 32);
      return stream.finishSlice();
    };
    const write = () => undefined;
    expect(() => joinMerkleSlices(20, [slice(0, 10)], write, 4)).toThrow(/pieces of chunk 2 end at leaf 10|No range held the leaves of chunk/);
    expect(() => joinMerkleSlices(20, [slice(0, 8), slice(12, 20)], write, 4)).toThrow(/No range held the leaves of chunk 2/);
    expect(() => joinMerkleSlices(20, [slice(0, 11), slice(9, 20)], write, 4)).toThrow(/do not hold its leaves once each/);
    expect(() => joinMerkleSlices(20, [slice(0, 12), slice(8, 20)], write, 4)).toThrow(/came twice/);
    expect(() => new MerkleLevelsStream(20, write, 4, { firstLeaf: 5, endLeaf: 21 })).toThrow(/not within the tree's 20 leaves/);
    const range = new MerkleLevelsStream(20, write, 4, { firstLeaf: 5, endLeaf: 7 });
    range.add(leaves, 0);
    expect(() => range.finishSlice()).toThrow(/range \[5, 7\); 1 were added/);
    range.add(leaves, 0);
    expect(() => range.add(leaves, 0)).toThrow(/one more was added/);
    expect(() => range.finish()).toThrow(/joinMerkleSlices/);
  });

  it('sizes its levels as buildMerkleLevels does', () => {
    expect(merkleLevelSizes(0)).toEqual([]);
    expect(merkleLevelSizes(1)).toEqual([1]);
    for (const n of [2, 3, 7, 8, 9, 300]) expect(merkleLevelSizes(n)).toEqual(buildMerkleLevels(leafHashes(n)).map((level) => level.length / 32));
  });

  it('refuses no leaves, a chunk that is not a power of two, and a leaf count other than the declared one', () => {
    const write = () => undefined;
    expect(() => new MerkleLevelsStream(0, write)).toThrow(EmptyTreeError);
    expect(() => new MerkleLevelsStream(10, write, 3)).toThrow(/power of two/);
    expect(() => new MerkleLevelsStream(10, write, 0)).toThrow(/power of two/);
    const leaves = leafHashes(3);
    const short = new MerkleLevelsStream(3, write, 2);
    short.add(leaves, 0);
    short.add(leaves, 32);
    expect(() => short.finish()).toThrow(/declared with 3 leaves; 2 were added/);
    short.add(leaves, 64);
    expect(() => short.add(leaves, 0)).toThrow(/declared with 3 leaves; one more/);
    expect(Buffer.from(short.finish()).equals(buildMerkleLevels(leaves).at(-1)!)).toBe(true);
  });
});
