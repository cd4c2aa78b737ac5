// Commits one bank's statement for one day (§4): read and validate every line (a file with any
// issue is refused whole), commit the rows, sort them by matching key (in runs on disk when the day
// is large, then merged), refuse duplicate keys, build the RFC 9162 tree over the sorted leaves, and
// write rows.bin, levels.bin and side.json in `directory`. Node-only.
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { buildMerkleLevels } from '../merkle/build-merkle-levels';
import { DomainError } from '../proof/domain-error';
import { toHex } from '../proof/hex';
import { commitRows } from './commit-rows';
import { CommitRowsPool } from './commit-rows-pool';
import { addToControlTotals, controlTotalsToJson, emptyControlTotals, type ControlTotals } from './control-totals';
import type { PairKeys } from './derive-pair-keys';
import type { ReconciliationRow } from './row-format';
import { RECORD_LEAF_HASH, RECORD_LINE, SIDE_RECORD_LENGTH } from './side-record';
import { BufferedFileWriter, SideRecordReader, sideFilePaths } from './side-files';
import { compareKeysAt, sortSideRecords } from './sort-side-records';
import { StatementReader, type ColumnMap, type StatementIssue } from './statement-reader';

/** RFC 9162 §2.1.1: the hash of an empty tree is SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT = sha256(new Uint8Array(0));

export class StatementRejectedError extends DomainError {
  readonly code = 'statement-rejected';
  constructor(
    /** The first issues (up to the reader's limit), in file order. */
    readonly issues: StatementIssue[],
    readonly issueCount: number,
  ) {
    super(`The statement was refused whole: ${issueCount} issue(s), the first on line ${issues[0]?.line}: ${issues[0]?.message}`);
  }
}

export interface SideCommitment {
  formatVersion: 1;
  rowCount: number;
  root: Uint8Array;
  controlTotals: ControlTotals;
  directory: string;
}

export interface CommitSideOptions {
  source: string | AsyncIterable<Uint8Array>;
  columnMap: ColumnMap;
  keys: PairKeys;
  directory: string;
  /** Rows sorted in memory before a run is written to disk (default 512Ki, about 213 MB of records). */
  runRows?: number;
  /** Worker threads that hash while the main thread reads (0: hash on the main thread). */
  workers?: number;
}

const COMMIT_BATCH_ROWS = 8192;

export async function commitSide({ source, columnMap, keys, directory, runRows = 1 << 19, workers = 0 }: CommitSideOptions): Promise<SideCommitment> {
  await mkdir(directory, { recursive: true });
  const paths = sideFilePaths(directory);
  const reader = new StatementReader(columnMap);
  const controlTotals = emptyControlTotals();
  const runPaths: string[] = [];
  let run = new Uint8Array(runRows * SIDE_RECORD_LENGTH);
  let runUsed = 0;
  let batchRows: ReconciliationRow[] = [];
  let batchLines: number[] = [];

  const pool = workers > 0 ? new CommitRowsPool(keys, workers) : null;
  const inFlight = new Set<Promise<void>>();
  const commitBatch = () => {
    // Once any issue is found the file will be refused: keep reading only to report every issue.
    if (batchRows.length === 0 || reader.issueCount > 0) return;
    if (pool) {
      const committing = pool.commit(batchRows, batchLines).then(appendRecords);
      inFlight.add(committing);
      void committing.finally(() => inFlight.delete(committing)).catch(() => undefined);
    } else appendRecords(commitRows(keys, batchRows, batchLines));
    batchRows = [];
    batchLines = [];
  };
  const appendRecords = (records: Uint8Array) => {
    for (let done = 0; done < records.length; ) {
      const take = Math.min(records.length - done, run.length - runUsed);
      run.set(records.subarray(done, done + take), runUsed);
      runUsed += take;
      done += take;
      if (runUsed === run.length) spillRun();
    }
  };
  const spillRun = () => {
    const sorted = sortSideRecords(run.subarray(0, runUsed));
    const path = join(directory, `run-${runPaths.length}.bin`);
    const writer = new BufferedFileWriter(path);
    writer.write(sorted);
    writer.close();
    runPaths.push(path);
    runUsed = 0;
  };
  const take = (rows: { line: number; row: ReconciliationRow }[]) => {
    for (const { line, row } of rows) {
      addToControlTotals(controlTotals, row);
      batchRows.push(row);
      batchLines.push(line);
    }
    if (batchRows.length >= COMMIT_BATCH_ROWS) commitBatch();
  };

  try {
    const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
    for await (const chunk of stream) {
      take(reader.push(chunk as Uint8Array));
      while (inFlight.size >= 2 * workers && inFlight.size > 0) await Promise.race(inFlight);
    }
    take(reader.finish());
    commitBatch();
    await Promise.all(inFlight);
    if (reader.issueCount > 0) throw new StatementRejectedError(reader.issues, reader.issueCount);

    // One run in memory: sort it and write rows.bin directly; several: spill the last and merge.
    let sortedInMemory: Uint8Array | null = null;
    if (runPaths.length === 0) sortedInMemory = sortSideRecords(run.subarray(0, runUsed));
    else if (runUsed > 0) spillRun();
    run = new Uint8Array(0);

    const rowCount = sortedInMemory ? sortedInMemory.length / SIDE_RECORD_LENGTH : await mergeRuns(runPaths, paths.rows);
    const leafHashes = new Uint8Array(rowCount * 32);
    const duplicates: StatementIssue[] = [];
    if (sortedInMemory) {
      const writer = new BufferedFileWriter(paths.rows);
      writer.write(sortedInMemory);
      writer.close();
      collectLeaves(sortedInMemory, leafHashes, duplicates);
    } else {
      const rows = new SideRecordReader(paths.rows);
      let previous: Uint8Array | null = null;
      for (let record = rows.next(); record; record = rows.next()) {
        const current = record.buffer.subarray(record.offset, record.offset + SIDE_RECORD_LENGTH);
        leafHashes.set(current.subarray(RECORD_LEAF_HASH, RECORD_LEAF_HASH + 32), rows.index * 32);
        if (previous && compareKeysAt(previous, 0, current, 0) === 0) duplicates.push(duplicateIssue(previous, current));
        previous = current.slice();
      }
      rows.close();
    }
    if (duplicates.length > 0) {
      duplicates.sort((x, y) => x.line - y.line);
      throw new StatementRejectedError(duplicates.slice(0, 1000), duplicates.length);
    }

    const levelsWriter = new BufferedFileWriter(paths.levels);
    let root: Uint8Array = EMPTY_TREE_ROOT;
    if (rowCount > 0) {
      const levels = buildMerkleLevels(leafHashes);
      for (const level of levels) levelsWriter.write(level);
      root = levels[levels.length - 1];
    }
    levelsWriter.close();

    const commitment: SideCommitment = { formatVersion: 1, rowCount, root, controlTotals, directory };
    await writeFile(
      paths.commitment,
      `${JSON.stringify({ formatVersion: 1, rowCount, root: toHex(root), controlTotals: controlTotalsToJson(controlTotals) }, null, 2)}\n`,
    );
    return commitment;
  } catch (error) {
    await Promise.all([paths.rows, paths.levels, paths.commitment].map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    await pool?.close();
    await Promise.all(runPaths.map((path) => rm(path, { force: true })));
  }
}

function collectLeaves(sorted: Uint8Array, leafHashes: Uint8Array, duplicates: StatementIssue[]): void {
  const n = sorted.length / SIDE_RECORD_LENGTH;
  for (let i = 0; i < n; i++) {
    const at = i * SIDE_RECORD_LENGTH;
    leafHashes.set(sorted.subarray(at + RECORD_LEAF_HASH, at + RECORD_LEAF_HASH + 32), i * 32);
    if (i > 0 && compareKeysAt(sorted, at - SIDE_RECORD_LENGTH, sorted, at) === 0) {
      duplicates.push(duplicateIssue(sorted.subarray(at - SIDE_RECORD_LENGTH, at), sorted.subarray(at, at + SIDE_RECORD_LENGTH)));
    }
  }
}

function duplicateIssue(a: Uint8Array, b: Uint8Array): StatementIssue {
  const lineA = new DataView(a.buffer, a.byteOffset).getUint32(RECORD_LINE);
  const lineB = new DataView(b.buffer, b.byteOffset).getUint32(RECORD_LINE);
  const [first, second] = lineA < lineB ? [lineA, lineB] : [lineB, lineA];
  return {
    line: second,
    code: 'duplicate-key',
    message: `Line ${second} has the same loan number, transaction id and type as line ${first}: each movement appears once a day.`,
  };
}

/** k-way merge of sorted run files into one sorted file; returns the number of records. */
async function mergeRuns(runPaths: string[], outPath: string): Promise<number> {
  const readers = runPaths.map((path) => new SideRecordReader(path));
  const heads = readers.map((reader) => reader.next());
  const writer = new BufferedFileWriter(outPath);
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
  let count = 0;
  while (heap.length > 0) {
    const top = heap[0];
    const head = heads[top]!;
    writer.write(head.buffer.subarray(head.offset, head.offset + SIDE_RECORD_LENGTH));
    count++;
    heads[top] = readers[top].next();
    if (heads[top] === null) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    siftDown(0);
  }
  writer.close();
  readers.forEach((reader) => reader.close());
  return count;
}
