// Builds a tree's levels while its leaves stream past, for a tree too large to hold: the levels laid
// end to end (buildMerkleLevels's, byte for byte) are handed out as slices at their byte offsets, so a
// caller writes them into a file with positioned writes, and only one chunk of leaves and the chunks'
// roots are held. As in joinSubtreeLevels, every chunk but the last holds the same power-of-two
// number of leaves: no pair crosses a chunk boundary below the chunks' roots, so each chunk's levels
// are slices of the whole tree's, and the levels above are the tree over the chunks' roots.
//
// A stream may also take only a range of the leaves (another thread streams the next range): it
// hashes the chunks it holds whole and hands back, unhashed, the leaves of the chunks it holds only
// part of (at most one at each end). joinMerkleSlices puts the ranges together: it hashes those
// chunks from their pieces, then the levels above the chunks' roots.
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

/** Where each node of a tree lays in its levels laid end to end, and how the tree is cut into chunks. */
interface LevelsLayout {
  leafCount: number;
  chunkLeaves: number;
  /** Byte offset of each level. */
  levelOffsets: number[];
  /** Levels of a whole chunk, its leaves included. */
  chunkLevels: number;
  chunkCount: number;
}

/** What a range of the leaves leaves to joinMerkleSlices: structured-clonable (it crosses threads). */
export interface MerkleLevelsSlice {
  /** Roots of the chunks the range held whole (their levels are written), from chunk `firstChunk` on. */
  firstChunk: number;
  roots: Uint8Array;
  /** The leaves of the chunks the range held only part of, not hashed yet: at most one piece at each end. */
  pieces: { firstLeaf: number; leaves: Uint8Array }[];
}

type WriteAt = (byteOffset: number, bytes: Uint8Array) => void;

function levelsLayout(leafCount: number, chunkLeaves: number): LevelsLayout {
  if (!Number.isSafeInteger(leafCount) || leafCount < 0) throw new RangeError(`leafCount must be a whole number, got ${leafCount}.`);
  if (leafCount === 0) throw new EmptyTreeError();
  if (!Number.isSafeInteger(chunkLeaves) || chunkLeaves < 1 || (chunkLeaves & (chunkLeaves - 1)) !== 0 || chunkLeaves > 2 ** 30) {
    throw new RangeError(`chunkLeaves must be a power of two up to 2^30, got ${chunkLeaves}.`);
  }
  const levelOffsets: number[] = [];
  let offset = 0;
  for (const size of merkleLevelSizes(leafCount)) {
    levelOffsets.push(offset);
    offset += size * 32;
  }
  return { leafCount, chunkLeaves, levelOffsets, chunkLevels: Math.log2(chunkLeaves) + 1, chunkCount: Math.ceil(leafCount / chunkLeaves) };
}

/** Hashes chunk `index` from all of its leaves, hands its levels to writeAt, and returns its root. */
function writeChunk(layout: LevelsLayout, index: number, leaves: Uint8Array, writeAt: WriteAt): Uint8Array {
  const levels = buildMerkleLevels(leaves);
  // A tree of one chunk has only that chunk's levels; otherwise the chunk's root sits on the
  // chunks' top level, carried up unchanged through the levels a smaller last chunk lacks.
  const top = layout.levelOffsets.length === levels.length ? levels.length - 1 : layout.chunkLevels - 1;
  for (let level = 0; level <= top; level++) {
    const nodesBefore = index * (layout.chunkLeaves >>> level);
    writeAt(layout.levelOffsets[level] + nodesBefore * 32, levels[Math.min(level, levels.length - 1)]);
  }
  return levels[levels.length - 1];
}

/**
 * Takes the tree's leaf hashes in order (add): all `leafCount` of them, or those of the range
 * [firstLeaf, endLeaf) only. Hands every node of the chunks it holds whole to `writeAt(byteOffset,
 * bytes)` exactly once, at its offset in the levels laid end to end, in no particular order across
 * levels (`bytes` may be this stream's own buffer: use or copy it before returning). finish() returns
 * the root of a whole tree; finishSlice() what a range leaves to joinMerkleSlices.
 */
export class MerkleLevelsStream {
  private readonly layout: LevelsLayout;
  private readonly chunk: Uint8Array;
  /** The next leaf's index; the first leaf held in `chunk` (the chunk's own first leaf, or the range's). */
  private next: number;
  private held: number;
  private readonly firstWholeChunk: number;
  private readonly roots: Uint8Array;
  private readonly pieces: MerkleLevelsSlice['pieces'] = [];
  private root: Uint8Array | null = null;

  constructor(
    readonly leafCount: number,
    private readonly writeAt: WriteAt,
    readonly chunkLeaves = DEFAULT_CHUNK_LEAVES,
    readonly range: { firstLeaf: number; endLeaf: number } = { firstLeaf: 0, endLeaf: leafCount },
  ) {
    this.layout = levelsLayout(leafCount, chunkLeaves);
    const { firstLeaf, endLeaf } = range;
    if (!Number.isSafeInteger(firstLeaf) || !Number.isSafeInteger(endLeaf) || firstLeaf < 0 || firstLeaf > endLeaf || endLeaf > leafCount) {
      throw new RangeError(`The range [${firstLeaf}, ${endLeaf}) is not within the tree's ${leafCount} leaves.`);
    }
    this.next = this.held = firstLeaf;
    this.chunk = new Uint8Array(Math.min(chunkLeaves, leafCount) * 32);
    // Chunks the range holds whole: from the first that starts in it to the last that ends in it.
    this.firstWholeChunk = Math.ceil(firstLeaf / chunkLeaves);
    const endWholeChunk = endLeaf === leafCount ? this.layout.chunkCount : Math.floor(endLeaf / chunkLeaves);
    this.roots = new Uint8Array(Math.max(0, endWholeChunk - this.firstWholeChunk) * 32);
  }

  /** The 32-byte leaf hash at `source[offset…]`, copied. */
  add(source: Uint8Array, offset: number): void {
    if (this.next === this.range.endLeaf) {
      throw new RangeError(`The tree was declared with ${this.leafCount} leaves${this.isRange() ? `, this stream the range [${this.range.firstLeaf}, ${this.range.endLeaf})` : ''}; one more was added.`);
    }
    const chunk = this.chunk;
    const at = (this.next % this.chunkLeaves) * 32;
    for (let k = 0; k < 32; k++) chunk[at + k] = source[offset + k];
    this.next++;
    if (this.next % this.chunkLeaves === 0 || this.next === this.leafCount) this.endChunk();
  }

  /** The root, once all `leafCount` leaves are in; the remaining levels are written first. */
  finish(): Uint8Array {
    if (this.root) return this.root;
    if (this.isRange()) throw new RangeError('A stream of a range of the leaves ends with finishSlice(), and joinMerkleSlices() builds the root.');
    this.root = joinMerkleSlices(this.leafCount, [this.finishSlice()], this.writeAt, this.chunkLeaves);
    return this.root;
  }

  /** Once the range's leaves are all in: the roots of its whole chunks and the leaves of its partial ones. */
  finishSlice(): MerkleLevelsSlice {
    const { firstLeaf, endLeaf } = this.range;
    if (this.next !== endLeaf) {
      const what = this.isRange() ? `, this stream the range [${firstLeaf}, ${endLeaf})` : '';
      throw new RangeError(`The tree was declared with ${this.leafCount} leaves${what}; ${this.next - firstLeaf} were added.`);
    }
    // A range that ends inside a chunk holds the start of it: a piece.
    if (this.held < this.next) this.keepPiece();
    return { firstChunk: this.firstWholeChunk, roots: this.roots, pieces: this.pieces };
  }

  private isRange(): boolean {
    return this.range.firstLeaf !== 0 || this.range.endLeaf !== this.leafCount;
  }

  /** The chunk the last leaf completed: hashed if the range held it whole, otherwise kept as a piece. */
  private endChunk(): void {
    const index = Math.floor((this.next - 1) / this.chunkLeaves);
    if (this.held === index * this.chunkLeaves) {
      const root = writeChunk(this.layout, index, this.chunk.subarray(0, (this.next - this.held) * 32), this.writeAt);
      this.roots.set(root, (index - this.firstWholeChunk) * 32);
    } else {
      this.keepPiece();
    }
    this.held = this.next;
  }

  private keepPiece(): void {
    const from = (this.held % this.chunkLeaves) * 32;
    this.pieces.push({ firstLeaf: this.held, leaves: this.chunk.slice(from, from + (this.next - this.held) * 32) });
    this.held = this.next;
  }
}

/**
 * The tree's root from the slices of ranges that together hold each leaf once: hashes the chunks
 * the ranges cut (from their pieces, in leaf order) and writes their levels, then the levels above
 * the chunks' roots. Refuses slices that leave a leaf out or hold one twice.
 */
export function joinMerkleSlices(leafCount: number, slices: readonly MerkleLevelsSlice[], writeAt: WriteAt, chunkLeaves = DEFAULT_CHUNK_LEAVES): Uint8Array {
  const layout = levelsLayout(leafCount, chunkLeaves);
  const chunkRoots = new Uint8Array(layout.chunkCount * 32);
  const rooted = new Uint8Array(layout.chunkCount);
  const setRoot = (index: number, root: Uint8Array) => {
    if (index < 0 || index >= layout.chunkCount || rooted[index]) throw new RangeError(`Chunk ${index} of a tree of ${layout.chunkCount} chunks came twice or does not exist.`);
    rooted[index] = 1;
    chunkRoots.set(root, index * 32);
  };
  for (const slice of slices) {
    for (let k = 0; k < slice.roots.length / 32; k++) setRoot(slice.firstChunk + k, slice.roots.subarray(k * 32, k * 32 + 32));
  }
  const pieces = slices.flatMap((slice) => slice.pieces).sort((x, y) => x.firstLeaf - y.firstLeaf);
  for (let p = 0; p < pieces.length; ) {
    const index = Math.floor(pieces[p].firstLeaf / chunkLeaves);
    const start = index * chunkLeaves;
    const end = Math.min(start + chunkLeaves, leafCount);
    const leaves = new Uint8Array((end - start) * 32);
    let next = start;
    for (; p < pieces.length && pieces[p].firstLeaf < end; p++) {
      const { firstLeaf, leaves: piece } = pieces[p];
      if (firstLeaf !== next || firstLeaf + piece.length / 32 > end) throw new RangeError(`The pieces of chunk ${index} do not hold its leaves once each, in order (leaf ${next} expected, ${firstLeaf} came).`);
      leaves.set(piece, (firstLeaf - start) * 32);
      next += piece.length / 32;
    }
    if (next !== end) throw new RangeError(`The pieces of chunk ${index} end at leaf ${next}, before its end at ${end}.`);
    setRoot(index, writeChunk(layout, index, leaves, writeAt));
  }
  const missing = rooted.indexOf(0);
  if (missing !== -1) throw new RangeError(`No range held the leaves of chunk ${missing}.`);
  if (layout.chunkCount === 1) return chunkRoots.slice(0, 32);
  // The levels above the chunks' roots: small (one node per chunk at the bottom).
  const upper = buildMerkleLevels(chunkRoots);
  for (let level = 1; level < upper.length; level++) writeAt(layout.levelOffsets[layout.chunkLevels - 1 + level], upper[level]);
  return upper[upper.length - 1].slice();
}
