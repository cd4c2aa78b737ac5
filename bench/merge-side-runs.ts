// The last pass of a large side's commit alone (lib/reconciliation/merge-side-runs.ts): writes R
// sorted runs of 512Ki random side records (setup, not timed), then merges them into rows.bin,
// keys.bin and levels.bin, on this thread (one range, as the ingest did before the workers merged)
// and on the ingest's two workers (a range of keys each), alternately, and prints wall and CPU
// seconds (user and system: the kernel's share is large at this size) of each.
//   npx tsx bench/merge-side-runs.ts [runs=29] [repeat=2]      (29 runs: a side of 15.2M rows, 6.3 GB)
// The files go under $RECON_BENCH_DIR (default a temporary directory) and are removed at the end.
import { randomFillSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { commitRowsPool } from '../lib/reconciliation/commit-rows-pool';
import { mergeSideRuns } from '../lib/reconciliation/merge-side-runs';
import { BufferedFileWriter, sideFilePaths } from '../lib/reconciliation/side-files';
import { RECORD_LINE, SIDE_RECORD_LENGTH } from '../lib/reconciliation/side-record';
import { sortedSideRecordChunks } from '../lib/reconciliation/sort-side-records';
import { toHex } from '../lib/proof/hex';

const runs = Number(process.argv[2] ?? 29);
const repeat = Number(process.argv[3] ?? 2);
const RUN_RECORDS = 1 << 19;
const BLOCK_RECORDS = 8192;
const root = mkdtempSync(join(process.env.RECON_BENCH_DIR ?? os.tmpdir(), 'merge-bench-'));
console.log(`merge of ${runs} runs = ${(runs * RUN_RECORDS).toLocaleString('en')} records; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

try {
  // Random keys and leaf hashes (distinct keys: 256 random bits), each record a line number of its own.
  const runPaths: string[] = [];
  let line = 2;
  for (let r = 0; r < runs; r++) {
    const blocks: Uint8Array[] = [];
    for (let b = 0; b < RUN_RECORDS / BLOCK_RECORDS; b++) {
      const block = randomFillSync(new Uint8Array(BLOCK_RECORDS * SIDE_RECORD_LENGTH));
      const view = new DataView(block.buffer);
      for (let i = 0; i < BLOCK_RECORDS; i++) view.setUint32(i * SIDE_RECORD_LENGTH + RECORD_LINE, line++);
      blocks.push(block);
    }
    const path = join(root, `run-${r}.bin`);
    const writer = new BufferedFileWriter(path);
    for (const sorted of sortedSideRecordChunks(blocks)) writer.write(sorted);
    writer.close();
    runPaths.push(path);
  }
  const pool = commitRowsPool(2);
  const roots = new Set<string>();
  for (let k = 0; k < repeat; k++) {
    for (const how of ['this thread', 'two workers'] as const) {
      const out = join(root, 'side');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const side = await mergeSideRuns(runPaths, sideFilePaths(out), how === 'this thread' ? null : pool.mergeWorkers);
      const used = process.cpuUsage(cpu);
      roots.add(toHex(side.root));
      console.log(
        `${how}: ${side.rowCount.toLocaleString('en')} records in ${((performance.now() - started) / 1000).toFixed(1)} s; CPU user ${(used.user / 1e6).toFixed(1)} s, system ${(used.system / 1e6).toFixed(1)} s; load ${os.loadavg()[0].toFixed(2)}`,
      );
    }
  }
  if (roots.size !== 1) throw new Error(`The merges gave ${roots.size} different roots.`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
