import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmptyTreeError } from '../proof/merkle-errors';
import { buildMerkleLevels } from './build-merkle-levels';
import { DEFAULT_CHUNK_LEAVES, MerkleLevelsStream, merkleLevelSizes } from './stream-merkle-levels';

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
