// Commits one bank's blind side for one day (docs/reconciliation-format.md §14.2): the blind carrier
// is read strictly (blind-carrier.ts; a file with any issue is refused whole), each record's
// fieldsRoot and row leaf are computed from its nine commitments (§3.5–§3.6), and from there the side
// is open mode's: sorted by key (runs on disk for a large day, merged by the ingest's workers), duplicate keys refused, the
// RFC 9162 tree built as the sorted leaves pass, rows.bin, keys.bin, levels.bin and side.json written. A blind record in rows.bin has no
// amounts, type, status, dates or currency (those bytes are zero): the merge-join reads the key, the
// leaf hash and the commitments, the proofs the same, and nothing reads the rest on a blind side.
// The control totals are the bank's declaration from the header. Node-only.
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHex } from '../proof/hex';
import { BLIND_RECORD_LENGTH, BlindSideReader } from './blind-carrier';
import { rowLeafHash } from './commit-row';
import { commitRowsPool } from './commit-rows-pool';
import type { SideCommitment } from './commit-side';
import { controlTotalsToJson } from './control-totals';
import { fieldTreeLevels } from './field-tree';
import { LeafCollector, mergeSideRuns } from './merge-side-runs';
import { FIELD_COUNT } from './row-format';
import { RECORD_COMMITMENTS, RECORD_LEAF_HASH, RECORD_LINE, SIDE_RECORD_LENGTH } from './side-record';
import { BufferedFileWriter, sideFilePaths } from './side-files';
import { sortSideRecordBlocks } from './sort-side-records';
import { StatementRejectedError } from './statement-rejected-error';

/** Records per buffer handed to the sort. */
const BLOCK_RECORDS = 8192;

export async function commitBlindSide({
  source,
  directory,
  runRows = 1 << 19,
  workers = 0,
}: {
  source: string | AsyncIterable<Uint8Array>;
  directory: string;
  /** Rows sorted in memory before a run is written to disk (default 512Ki, as open mode). */
  runRows?: number;
  /** Worker threads that merge a large day's runs, a range of keys each (0: merged on this thread). */
  workers?: number;
}): Promise<SideCommitment> {
  await mkdir(directory, { recursive: true });
  const paths = sideFilePaths(directory);
  const reader = new BlindSideReader();
  const runPaths: string[] = [];
  let run: Uint8Array[] = [];
  let runRecords = 0;
  let block = new Uint8Array(BLOCK_RECORDS * SIDE_RECORD_LENGTH);
  let blockView = new DataView(block.buffer);
  let blockRecords = 0;

  const endBlock = () => {
    if (blockRecords === 0) return;
    run.push(block.subarray(0, blockRecords * SIDE_RECORD_LENGTH));
    runRecords += blockRecords;
    block = new Uint8Array(BLOCK_RECORDS * SIDE_RECORD_LENGTH);
    blockView = new DataView(block.buffer);
    blockRecords = 0;
    if (runRecords >= runRows) spillRun();
  };
  const spillRun = () => {
    const path = join(directory, `run-${runPaths.length}.bin`);
    const writer = new BufferedFileWriter(path);
    sortSideRecordBlocks(run, (sorted) => writer.write(sorted));
    writer.close();
    runPaths.push(path);
    run = [];
    runRecords = 0;
  };
  const add = (records: { line: number; record: Uint8Array }[]) => {
    // Once any issue is found the file will be refused: keep reading only to report every issue.
    if (reader.issueCount > 0) return;
    for (const { line, record } of records) {
      const at = blockRecords * SIDE_RECORD_LENGTH;
      const key = record.subarray(0, 32);
      const commitments = Array.from({ length: FIELD_COUNT }, (_, f) => record.subarray(32 + 32 * f, 64 + 32 * f));
      const levels = fieldTreeLevels(commitments);
      block.set(key, at);
      block.set(rowLeafHash(key, levels[levels.length - 1][0]), at + RECORD_LEAF_HASH);
      block.set(record.subarray(32, BLIND_RECORD_LENGTH), at + RECORD_COMMITMENTS);
      blockView.setUint32(at + RECORD_LINE, line);
      if (++blockRecords === BLOCK_RECORDS) endBlock();
    }
  };

  try {
    const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
    for await (const chunk of stream) add(reader.push(chunk as Uint8Array));
    add(reader.finish());
    // The header's checks that need the whole file (row count) come last; report in line order.
    if (reader.issueCount > 0) throw new StatementRejectedError([...reader.issues].sort((x, y) => x.line - y.line), reader.issueCount);
    endBlock();

    let rowCount: number;
    let root: Uint8Array;
    if (runPaths.length === 0) {
      const leaves = new LeafCollector(runRecords, paths);
      const writer = new BufferedFileWriter(paths.rows);
      sortSideRecordBlocks(run, (sorted) => {
        writer.write(sorted);
        for (let at = 0; at < sorted.length; at += SIDE_RECORD_LENGTH) leaves.add(sorted, at);
      });
      writer.close();
      run = [];
      rowCount = runRecords;
      root = leaves.finish();
    } else {
      if (runRecords > 0) spillRun();
      ({ rowCount, root } = await mergeSideRuns(runPaths, paths, workers > 0 ? commitRowsPool(workers).mergeWorkers : null));
    }

    const { controlTotals } = reader.header!;
    await writeFile(
      paths.commitment,
      `${JSON.stringify({ formatVersion: 1, mode: 'blind', rowCount, root: toHex(root), controlTotals: controlTotalsToJson(controlTotals), controlTotalsDeclared: true }, null, 2)}\n`,
    );
    return { formatVersion: 1, rowCount, root, controlTotals, directory };
  } catch (error) {
    await Promise.all([paths.rows, paths.keys, paths.levels, paths.commitment].map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    await Promise.all(runPaths.map((path) => rm(path, { force: true })));
  }
}
