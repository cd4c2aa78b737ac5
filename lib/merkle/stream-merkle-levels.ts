// Builds a tree's levels while its leaves stream past, for a tree too large to hold: the levels laid
// end to end (buildMerkleLevels's, byte for byte) are handed out as slices at their byte offsets, so a
// caller writes them into a file with positioned writes, and only one chunk of leaves and the chunks'
// roots are held. As in joinSubtreeLevels, every chunk but the last holds the same power-of-two
// number of leaves: no pair crosses a chunk boundary below the chunks' roots, so each chunk's levels
// are slices of the whole tree's, and the levels above are the tree over the chunks' roots.
import { EmptyTreeError } from '../proof/merkle-errors';
import { buildMerkleLevels } from './build-merkle-levels';

/** Leaves hashed as one subtree (2 MiB of leaf hashes, about as many hashes as a slice of work on an event loop). */
export const DEFAULT_CHUNK_LEAVES = 1 << 16;

/** Nodes per level of a tree of `leafCount` leaves, the last node of an odd level carried up: none for no leaves. */
export function merkleLevelSizes(leafCount: number): number[] {
  if (leafCount === 0) return [];
  const sizes = [leafCount];
  while (sizes[sizes.length - 1] > 1) sizes.push(Math.ceil(sizes[sizes.length - 1] / 2));
  return sizes;
}

/**
 * Takes the tree's `leafCount` leaf hashes in order (add), and hands every node to `writeAt(byteOffset,
 * bytes)` exactly once, at its offset in the levels laid end to end, in no particular order across
 * levels (`bytes` may be this stream's own buffer: use or copy it before returning); finish() returns
 * the root.
 */
export class MerkleLevelsStream {
  private readonly levelOffsets: number[] = [];
  private readonly chunkLevels: number;
  private readonly chunk: Uint8Array;
  /** Leaves in the current chunk; chunks done before it. */
  private inChunk = 0;
  private chunksDone = 0;
  private readonly chunkRoots: Uint8Array;
  private root: Uint8Array | null = null;

  constructor(
    readonly leafCount: number,
    private readonly writeAt: (byteOffset: number, bytes: Uint8Array) => void,
    readonly chunkLeaves = DEFAULT_CHUNK_LEAVES,
  ) {
    if (!Number.isSafeInteger(leafCount) || leafCount < 0) throw new RangeError(`leafCount must be a whole number, got ${leafCount}.`);
    if (leafCount === 0) throw new EmptyTreeError();
    if (!Number.isSafeInteger(chunkLeaves) || chunkLeaves < 1 || (chunkLeaves & (chunkLeaves - 1)) !== 0 || chunkLeaves > 2 ** 30) {
      throw new RangeError(`chunkLeaves must be a power of two up to 2^30, got ${chunkLeaves}.`);
    }
    let offset = 0;
    for (const size of merkleLevelSizes(leafCount)) {
      this.levelOffsets.push(offset);
      offset += size * 32;
    }
    this.chunkLevels = Math.log2(chunkLeaves) + 1;
    this.chunk = new Uint8Array(Math.min(chunkLeaves, leafCount) * 32);
    this.chunkRoots = new Uint8Array(Math.ceil(leafCount / chunkLeaves) * 32);
  }

  /** The 32-byte leaf hash at `source[offset…]`, copied. */
  add(source: Uint8Array, offset: number): void {
    if (this.chunksDone * this.chunkLeaves + this.inChunk === this.leafCount) {
      throw new RangeError(`The tree was declared with ${this.leafCount} leaves; one more was added.`);
    }
    const chunk = this.chunk;
    const at = this.inChunk * 32;
    for (let k = 0; k < 32; k++) chunk[at + k] = source[offset + k];
    if (++this.inChunk === this.chunkLeaves) this.endChunk();
  }

  /** The root, once all `leafCount` leaves are in; the remaining levels are written first. */
  finish(): Uint8Array {
    if (this.root) return this.root;
    const added = this.chunksDone * this.chunkLeaves + this.inChunk;
    if (added !== this.leafCount) throw new RangeError(`The tree was declared with ${this.leafCount} leaves; ${added} were added.`);
    if (this.inChunk > 0) this.endChunk();
    if (this.chunksDone === 1) {
      this.root = this.chunkRoots.slice(0, 32);
      return this.root;
    }
    // The levels above the chunks' roots: small (one node per chunk at the bottom).
    const upper = buildMerkleLevels(this.chunkRoots);
    for (let level = 1; level < upper.length; level++) this.writeAt(this.levelOffsets[this.chunkLevels - 1 + level], upper[level]);
    this.root = upper[upper.length - 1].slice();
    return this.root;
  }

  private endChunk(): void {
    const index = this.chunksDone++;
    const leaves = this.inChunk;
    this.inChunk = 0;
    const levels = buildMerkleLevels(this.chunk.subarray(0, leaves * 32));
    const root = levels[levels.length - 1];
    this.chunkRoots.set(root, index * 32);
    // A tree of one chunk has only that chunk's levels; otherwise the chunk's root sits on the
    // chunks' top level, carried up unchanged through the levels a smaller last chunk lacks.
    const top = this.levelOffsets.length === levels.length ? levels.length - 1 : this.chunkLevels - 1;
    for (let level = 0; level <= top; level++) {
      const nodesBefore = index * (this.chunkLeaves >>> level);
      this.writeAt(this.levelOffsets[level] + nodesBefore * 32, levels[Math.min(level, levels.length - 1)]);
    }
  }
}
