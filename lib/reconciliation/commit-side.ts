// Commits one bank's statement for one day (§4): read and validate every line (a file with any
// issue is refused whole), commit the rows, sort them by matching key (in runs on disk when the day
// is large, then merged by the workers, a range of keys each: merge-side-runs.ts), refuse duplicate
// keys, build the RFC 9162 tree over the sorted leaves as they pass (one chunk of leaves in memory,
// not the side's), and write rows.bin, keys.bin, levels.bin and side.json in `directory`. Node-only.
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHex } from '../proof/hex';
import { commitRowsPool, type CommitJob } from './commit-rows-pool';
import { commitStatementBlock, type CommittedBlock } from './commit-statement-block';
import { addControlTotals, controlTotalsToJson, emptyControlTotals, type ControlTotals } from './control-totals';
import type { PairKeys } from './derive-pair-keys';
import { LeafCollector, mergeSideRuns } from './merge-side-runs';
import { SIDE_RECORD_LENGTH } from './side-record';
import { BufferedFileWriter, sideFilePaths } from './side-files';
import { sortedSideRecordChunks } from './sort-side-records';
import { StatementBlockReader, type StatementHeaderLine } from './statement-block';
import { StatementReader, type ColumnMap, type StatementIssue } from './statement-reader';
import { MAX_ISSUES, StatementRejectedError } from './statement-rejected-error';

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
  /** Worker threads that read, validate and hash blocks of lines while the main thread cuts the file into blocks and sorts (0: all on the main thread). */
  workers?: number;
}

/**
 * The main thread sorts a chunk of records (sortedSideRecordChunks's) between two turns of the event
 * loop: a server committing a side keeps answering its other requests (a few milliseconds of work per
 * turn). The merge of a large side's runs is the workers' (without workers, it blocks the thread).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bytes of whole lines a worker reads and commits at a time (about 10,000 rows of a typical file). */
const BLOCK_BYTES = 1 << 20;
const LF = 0x0a;

export async function commitSide({ source, columnMap, keys, directory, runRows = 1 << 19, workers = 0 }: CommitSideOptions): Promise<SideCommitment> {
  await mkdir(directory, { recursive: true });
  const paths = sideFilePaths(directory);
  const controlTotals = emptyControlTotals();
  const runPaths: string[] = [];
  // The current run: the record buffers as the workers sent them, sorted only when the run is full.
  let run: Uint8Array[] = [];
  let runRecords = 0;

  // The lines up to the CSV header (line 1, unless blank or broken lines come first) are read here
  // by the reference reader; every later line goes out in blocks, to the workers or read inline.
  const preface = new StatementReader(columnMap);
  let header: StatementHeaderLine | null = null;
  let headerRead = columnMap.carrier !== 'csv';
  let lineCount = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const blockIssues: { firstLine: number; issues: StatementIssue[] }[] = [];
  let blockIssueCount = 0;
  const refused = () => preface.issueCount + blockIssueCount > 0;

  let job = null as CommitJob | null; // opened by the first block (assigned in a closure)
  let inlineReader: StatementBlockReader | null = null;
  const inFlight = new Set<Promise<void>>();
  let finished = false;
  /** Returns the spill of a full run, when this block filled one. */
  const take = (firstLine: number, block: CommittedBlock): Promise<void> | undefined => {
    if (finished) return; // a block that was in flight when reading failed
    if (block.issueCount > 0) {
      blockIssueCount += block.issueCount;
      blockIssues.push({ firstLine, issues: block.issues });
    }
    addControlTotals(controlTotals, block.controlTotals);
    // Once any issue is found the file will be refused: keep reading only to report every issue.
    if (!refused()) return appendRecords(block.records);
  };
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
  };
  const dispatch = (block: Uint8Array<ArrayBuffer>, firstLine: number) => {
    if (workers > 0) {
      job ??= commitRowsPool(workers).open({ keys, columnMap, header });
      track(job.commitBlock(block, firstLine, !refused()).then((committed) => take(firstLine, committed)));
    } else {
      inlineReader ??= new StatementBlockReader(columnMap, header);
      const spilling = take(firstLine, commitStatementBlock(keys, inlineReader, block, firstLine, !refused()));
      if (spilling) track(spilling);
    }
  };
  /** Sends out the whole lines read so far; at the end of the file (`last`) the rest, whose last line may lack its LF. */
  const cut = (last: boolean) => {
    const bytes = concatenate(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    let start = 0;
    while (!headerRead && start < bytes.length) {
      const end = bytes.indexOf(LF, start);
      if (end === -1) {
        // A last line without LF is read by preface.finish(); a partial one waits for more bytes.
        if (last) preface.push(bytes.subarray(start));
        else keep(bytes.subarray(start));
        return;
      }
      preface.push(bytes.subarray(start, end + 1));
      lineCount++;
      if (preface.headerColumns) {
        headerRead = true;
        header = { bytes: bytes.slice(start, end), line: lineCount };
      }
      start = end + 1;
    }
    const end = last ? bytes.length : bytes.lastIndexOf(LF) + 1;
    if (end <= start) {
      if (start < bytes.length) keep(bytes.subarray(start));
      return;
    }
    if (end < bytes.length) keep(bytes.subarray(end));
    const block = start === 0 && end === bytes.length ? bytes : bytes.slice(start, end);
    const firstLine = lineCount + 1;
    lineCount += countLines(block);
    dispatch(block, firstLine);
  };
  const keep = (rest: Uint8Array) => {
    pending.push(rest.slice());
    pendingBytes += rest.length;
  };
  const appendRecords = (records: Uint8Array) => {
    if (records.length === 0) return;
    run.push(records);
    runRecords += records.length / SIDE_RECORD_LENGTH;
    if (runRecords >= runRows) return spillRun();
  };
  /** Sorts the current run into a file of its own; the next run starts at once. */
  const spillRun = async () => {
    const blocks = run;
    run = [];
    runRecords = 0;
    const path = join(directory, `run-${runPaths.length}.bin`);
    runPaths.push(path);
    const writer = new BufferedFileWriter(path);
    try {
      for (const sorted of sortedSideRecordChunks(blocks)) {
        writer.write(sorted);
        await yieldToEventLoop();
      }
    } finally {
      writer.close();
    }
  };

  try {
    const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: BLOCK_BYTES }) : source;
    for await (const chunk of stream) {
      pending.push(chunk as Uint8Array);
      pendingBytes += (chunk as Uint8Array).length;
      if (pendingBytes >= BLOCK_BYTES || !headerRead) cut(false);
      while (inFlight.size >= 2 * workers && inFlight.size > 0) await Promise.race(inFlight);
    }
    cut(true);
    preface.finish();
    // A block's completion may start a spill, itself in flight: wait until nothing is.
    while (inFlight.size > 0) await Promise.all(inFlight);
    if (refused()) {
      blockIssues.sort((x, y) => x.firstLine - y.firstLine);
      const issues = [...preface.issues, ...blockIssues.flatMap((block) => block.issues)].slice(0, MAX_ISSUES);
      throw new StatementRejectedError(issues, preface.issueCount + blockIssueCount);
    }

    // One run in memory: sort it into rows.bin directly; several: spill the last, and the workers merge.
    let rowCount: number;
    let root: Uint8Array;
    if (runPaths.length === 0) {
      const leaves = new LeafCollector(runRecords, paths);
      const writer = new BufferedFileWriter(paths.rows);
      for (const sorted of sortedSideRecordChunks(run)) {
        writer.write(sorted);
        for (let at = 0; at < sorted.length; at += SIDE_RECORD_LENGTH) leaves.add(sorted, at);
        await yieldToEventLoop();
      }
      writer.close();
      run = [];
      rowCount = runRecords;
      root = leaves.finish();
    } else {
      if (runRecords > 0) await spillRun();
      ({ rowCount, root } = await mergeSideRuns(runPaths, paths, workers > 0 ? commitRowsPool(workers).mergeWorkers : null));
    }

    const commitment: SideCommitment = { formatVersion: 1, rowCount, root, controlTotals, directory };
    await writeFile(
      paths.commitment,
      `${JSON.stringify({ formatVersion: 1, rowCount, root: toHex(root), controlTotals: controlTotalsToJson(controlTotals) }, null, 2)}\n`,
    );
    return commitment;
  } catch (error) {
    await Promise.all([paths.rows, paths.keys, paths.levels, paths.commitment].map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    finished = true;
    job?.close();
    await Promise.all(runPaths.map((path) => rm(path, { force: true })));
  }
}

/** The chunks as one new buffer (a block must own its buffer: it is transferred to a worker). */
function concatenate(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Lines in a block: its LFs, and one more if it does not end with one (the file's last line). */
function countLines(block: Uint8Array): number {
  let lines = 0;
  for (let at = block.indexOf(LF); at !== -1; at = block.indexOf(LF, at + 1)) lines++;
  return block.length > 0 && block[block.length - 1] !== LF ? lines + 1 : lines;
}
