// The last pass of a side's commit (§4.2): its records, sorted, become rows.bin, keys.bin and
// levels.bin, with duplicate keys found on the way (LeafCollector). A day small enough to sort in
// memory passes once, on the caller's thread. A large one was sorted in runs on disk; they are cut
// by key into ranges, one per ingest worker, and each worker merges its range into its own place in
// the files (the records before a range are counted from the cuts) and builds the tree over its
// leaves, as far as whole chunks go (stream-merkle-levels.ts). The caller joins the ranges: the
// chunks they cut, the levels above, and the duplicates of all of them. Node-only: mergeRunRange
// runs in the ingest's worker threads (commit-rows-pool.ts) and may import nothing that cannot.
import { closeSync, openSync, statSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { joinMerkleSlices, MerkleLevelsStream, type MerkleLevelsSlice } from '../merkle/stream-merkle-levels';
import { RECORD_LEAF_HASH, RECORD_LINE, SIDE_RECORD_LENGTH } from './side-record';
import { BufferedFileWriter, KEY_RECORD_LENGTH, PositionedFileWriter, readFully, SideRecordReader } from './side-files';
import { compareKeysAt } from './sort-side-records';
import type { StatementIssue } from './statement-reader';
import { MAX_ISSUES, StatementRejectedError } from './statement-rejected-error';

/** RFC 9162 §2.1.1: the hash of an empty tree is SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT = sha256(new Uint8Array(0));

/** The side's files a last pass writes. */
export interface SideFilePaths {
  rows: string;
  keys: string;
  levels: string;
}

/** What a range of the sorted records leaves for the join: structured-clonable (it crosses threads). */
export interface LeafRange {
  /** The first MAX_ISSUES duplicate keys, in line order, and how many there were. */
  duplicates: StatementIssue[];
  duplicateCount: number;
  /** The range's part of the tree; null once a key repeated (the side is refused) or for no rows. */
  tree: MerkleLevelsSlice | null;
}

/**
 * Takes sorted records one by one, the side's all or one range of them: writes their part of
 * keys.bin, builds the tree over their leaf hashes into levels.bin as they pass (one chunk of leaves
 * held, not the side's), and finds duplicate keys (the blind ingest uses it too).
 */
export class LeafCollector {
  private readonly duplicates: StatementIssue[] = [];
  // The previous record's key and line, copied: the buffer it was in moves on.
  private readonly previousKey = new Uint8Array(32);
  private previousLine = 0;
  private count = 0;
  private readonly keys: BufferedFileWriter;
  private readonly levels: PositionedFileWriter;
  /** None for a side of no rows (levels.bin is empty). */
  private readonly tree: MerkleLevelsStream | null;

  /**
   * For the side's `rowCount` records, in new files; or for the records [firstRecord, endRecord)
   * only, in files that exist (mergeSideRuns creates them), beside other ranges written at once.
   */
  constructor(
    readonly rowCount: number,
    private readonly paths: SideFilePaths,
    range: { firstRecord: number; endRecord: number } | null = null,
  ) {
    this.keys = new BufferedFileWriter(paths.keys, undefined, range === null ? null : range.firstRecord * KEY_RECORD_LENGTH);
    this.levels = new PositionedFileWriter(paths.levels, range !== null);
    const writeAt = (offset: number, bytes: Uint8Array) => this.levels.writeAt(offset, bytes);
    const leaves = range === null ? undefined : { firstLeaf: range.firstRecord, endLeaf: range.endRecord };
    this.tree = rowCount > 0 ? new MerkleLevelsStream(rowCount, writeAt, undefined, leaves) : null;
  }

  add(records: Uint8Array, offset: number): void {
    // Key and leaf hash: the first 64 bytes of the record.
    this.keys.writeFrom(records, offset, KEY_RECORD_LENGTH);
    const line = lineOf(records, offset);
    if (this.count > 0 && compareKeysAt(this.previousKey, 0, records, offset) === 0) this.duplicates.push(duplicateIssue(this.previousLine, line));
    // Once a key repeats the side will be refused: its tree is not needed.
    if (this.duplicates.length === 0) this.tree?.add(records, offset + RECORD_LEAF_HASH);
    for (let k = 0; k < 32; k++) this.previousKey[k] = records[offset + k];
    this.previousLine = line;
    this.count++;
  }

  /** Closes the files, and returns what the range leaves for rootOfRanges. */
  finishRange(): LeafRange {
    try {
      this.keys.close();
      this.duplicates.sort((x, y) => x.line - y.line);
      const tree = this.duplicates.length === 0 && this.tree ? this.tree.finishSlice() : null;
      return { duplicates: this.duplicates.slice(0, MAX_ISSUES), duplicateCount: this.duplicates.length, tree };
    } finally {
      this.levels.close();
    }
  }

  /**
   * The whole side's: closes keys.bin and levels.bin with the tree's last levels written, and
   * returns the root (the empty tree's for no rows); refuses the side (StatementRejectedError) if two
   * records share a key.
   */
  finish(): Uint8Array {
    return rootOfRanges(this.rowCount, [this.finishRange()], this.paths.levels);
  }
}

/**
 * The side's root from its ranges, which hold each record once: writes the levels the ranges could
 * not (the chunks they cut, the levels above the chunks) into levels.bin. Refuses the side if any
 * range found a key twice.
 */
export function rootOfRanges(rowCount: number, ranges: readonly LeafRange[], levelsPath: string): Uint8Array {
  const duplicateCount = ranges.reduce((count, range) => count + range.duplicateCount, 0);
  if (duplicateCount > 0) {
    const first = ranges.flatMap((range) => range.duplicates).sort((x, y) => x.line - y.line);
    throw new StatementRejectedError(first.slice(0, MAX_ISSUES), duplicateCount);
  }
  if (rowCount === 0) return EMPTY_TREE_ROOT;
  const levels = new PositionedFileWriter(levelsPath, true);
  try {
    return joinMerkleSlices(rowCount, ranges.map((range) => range.tree!), (offset, bytes) => levels.writeAt(offset, bytes));
  } finally {
    levels.close();
  }
}

function lineOf(records: Uint8Array, offset: number): number {
  const at = offset + RECORD_LINE;
  return ((records[at] << 24) | (records[at + 1] << 16) | (records[at + 2] << 8) | records[at + 3]) >>> 0;
}

function duplicateIssue(lineA: number, lineB: number): StatementIssue {
  const [first, second] = lineA < lineB ? [lineA, lineB] : [lineB, lineA];
  return {
    line: second,
    code: 'duplicate-key',
    message: `Line ${second} has the same loan number, transaction id and type as line ${first}: each movement appears once a day.`,
  };
}

/** One range of the runs for one thread to merge: structured-clonable (it crosses threads). */
export interface RunRange {
  runPaths: string[];
  /** Per run, its records [starts[i], ends[i]) belong to this range. */
  starts: number[];
  ends: number[];
  /** Records of the side before this range, and in the side. */
  firstRecord: number;
  rowCount: number;
  paths: SideFilePaths;
}

/** Keys read from each run to choose where the runs are cut. */
const SAMPLES_PER_RUN = 64;

/**
 * Cuts the sorted runs by key into `parts` ranges of about as many records (by keys sampled from
 * every run), each range every record of its key span. Records of one key fall in one range (each
 * cut is the first record not below a key), so the ranges find every duplicate between them.
 */
export function cutRuns(runPaths: readonly string[], parts: number, paths: SideFilePaths): RunRange[] {
  const counts = runPaths.map((path) => statSync(path).size / SIDE_RECORD_LENGTH);
  const rowCount = counts.reduce((sum, count) => sum + count, 0);
  const fds = runPaths.map((path) => openSync(path, 'r'));
  try {
    const key = new Uint8Array(32);
    const keyAt = (run: number, record: number): Uint8Array => {
      if (readFully(fds[run], key, record * SIDE_RECORD_LENGTH) !== 32) throw new Error(`Run ${runPaths[run]} ended before its record ${record}.`);
      return key;
    };
    const samples: Uint8Array[] = [];
    counts.forEach((count, run) => {
      for (let s = 1; s <= SAMPLES_PER_RUN && count > 0; s++) samples.push(keyAt(run, Math.floor((s * count) / (SAMPLES_PER_RUN + 1))).slice());
    });
    samples.sort((x, y) => compareKeysAt(x, 0, y, 0));
    // cuts[p][run]: the first record of run `run` in range p (p = 0 … parts).
    const cuts: number[][] = [counts.map(() => 0)];
    for (let p = 1; p < parts; p++) {
      const cutKey = samples[Math.floor((p * samples.length) / parts)];
      cuts.push(counts.map((count, run) => (cutKey === undefined ? count : lowerBound(count, (record) => compareKeysAt(keyAt(run, record), 0, cutKey, 0) < 0))));
    }
    cuts.push(counts);
    const ranges: RunRange[] = [];
    let firstRecord = 0;
    for (let p = 0; p < parts; p++) {
      const starts = cuts[p];
      const ends = cuts[p + 1].map((end, run) => Math.max(end, starts[run]));
      ranges.push({ runPaths: [...runPaths], starts, ends, firstRecord, rowCount, paths });
      firstRecord += ends.reduce((sum, end, run) => sum + end - starts[run], 0);
    }
    return ranges;
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
}

/** The first index in [0, count) where `below` is false (it is true, then false). */
function lowerBound(count: number, below: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (below(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * k-way merge of one range of the runs into its place in rows.bin, keys.bin and levels.bin (the
 * files exist); synchronous, for a worker thread (or a caller with no workers, blocking its thread).
 */
export function mergeRunRange(range: RunRange): LeafRange {
  const readers = range.runPaths.map((path, run) => new SideRecordReader(path, 8192, SIDE_RECORD_LENGTH, { first: range.starts[run], end: range.ends[run] }));
  const records = range.ends.reduce((sum, end, run) => sum + end - range.starts[run], 0);
  const rows = new BufferedFileWriter(range.paths.rows, undefined, range.firstRecord * SIDE_RECORD_LENGTH);
  try {
    const leaves = new LeafCollector(range.rowCount, range.paths, { firstRecord: range.firstRecord, endRecord: range.firstRecord + records });
    const heads = readers.map((reader) => reader.next());
    // A binary heap of run indices ordered by their head record's key.
    const heap: number[] = [];
    const less = (x: number, y: number) => compareKeysAt(heads[x]!.buffer, heads[x]!.offset, heads[y]!.buffer, heads[y]!.offset) < 0;
    const siftDown = (at: number) => {
      for (;;) {
        const left = 2 * at + 1;
        if (left >= heap.length) return;
        const smaller = left + 1 < heap.length && less(heap[left + 1], heap[left]) ? left + 1 : left;
        if (!less(heap[smaller], heap[at])) return;
        [heap[at], heap[smaller]] = [heap[smaller], heap[at]];
        at = smaller;
      }
    };
    heads.forEach((head, i) => head && heap.push(i));
    for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) siftDown(i);
    while (heap.length > 0) {
      const top = heap[0];
      const head = heads[top]!;
      rows.write(head.buffer.subarray(head.offset, head.offset + SIDE_RECORD_LENGTH));
      leaves.add(head.buffer, head.offset);
      heads[top] = readers[top].next();
      if (heads[top] === null) {
        heap[0] = heap[heap.length - 1];
        heap.pop();
      }
      siftDown(0);
    }
    return leaves.finishRange();
  } finally {
    rows.close();
    readers.forEach((reader) => reader.close());
  }
}

/**
 * Merges a large side's sorted runs into rows.bin, keys.bin and levels.bin: one range per worker
 * (`mergeRange` sends a range to one; without it, one range merged on this thread), joined here.
 * Returns the side's row count and root; refuses the side (StatementRejectedError) on a duplicate key.
 */
export async function mergeSideRuns(
  runPaths: readonly string[],
  paths: SideFilePaths,
  workers: { count: number; mergeRange: (range: RunRange, worker: number) => Promise<LeafRange> } | null,
): Promise<{ rowCount: number; root: Uint8Array }> {
  // Each range writes its part of the files: they exist (empty) before any range starts.
  for (const path of [paths.rows, paths.keys, paths.levels]) closeSync(openSync(path, 'w'));
  const ranges = cutRuns(runPaths, workers?.count ?? 1, paths);
  const rowCount = ranges[0].rowCount;
  if (workers === null) return { rowCount, root: rootOfRanges(rowCount, ranges.map(mergeRunRange), paths.levels) };
  // Every range ends before the side goes on, failed or not: none still writes when the caller cleans up.
  const settled = await Promise.allSettled(ranges.map((range, worker) => workers.mergeRange(range, worker)));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { rowCount, root: rootOfRanges(rowCount, settled.map((result) => (result as PromiseFulfilledResult<LeafRange>).value), paths.levels) };
}
