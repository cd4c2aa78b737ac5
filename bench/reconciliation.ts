// Co-lender reconciliation at scale (issue 17): two banks' days of N rows each with 0.1% injected
// breaks of every class. Times the ingest and commitment of each side (rows/s), the merge-join
// (seconds and peak RSS, in a child process of its own so earlier phases do not count), and proof
// minting (p50/p99 per kind), verifies every minted proof, and prints proof sizes at this N.
//   npx tsx bench/reconciliation.ts [rows=1000000] [proofs=1000]      (RECON_WORKERS=0: read and hash on the main thread)
// Files go under $RECON_BENCH_DIR (default a temporary directory), removed at the end unless
// RECON_BENCH_KEEP=1 (then the two side directories can be merge-joined again:
//   npx tsx bench/reconciliation.ts --merge-only <dir>/a <dir>/b).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import { commitSide, type SideCommitment } from '../lib/reconciliation/commit-side';
import { controlTotalsFromJson } from '../lib/reconciliation/control-totals';
import { derivePairKeys } from '../lib/reconciliation/derive-pair-keys';
import { generateStatementRows, rowsToCsv } from '../lib/reconciliation/generate-statement-rows';
import { injectBreaks } from '../lib/reconciliation/inject-breaks';
import { mergeJoinSides } from '../lib/reconciliation/merge-join-sides';
import { mintAbsenceProof, mintFieldMismatchProof, mintInclusionProof } from '../lib/reconciliation/mint-reconciliation-proofs';
import { proofContentBytes } from '../lib/reconciliation/reconciliation-proof-schema';
import { SideTree } from '../lib/reconciliation/side-tree';
import { verifyReconciliationProof } from '../lib/reconciliation/verify-reconciliation-proof';
import { toHex } from '../lib/proof/hex';
import { readFileSync } from 'node:fs';

const keys = derivePairKeys(new Uint8Array(32).fill(0x42));

/** A full garbage collection, without a command-line flag. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** CPU seconds (user + system, every thread of the process) since `start`: on a loaded machine the
 * wall clock says more about the neighbours than about this code. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function peakRssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

if (process.argv[2] === '--merge-only') {
  // Child: the merge-join alone, reporting its time and peak RSS as JSON on stdout.
  const [dirA, dirB] = process.argv.slice(3);
  const side = (dir: string) => ({ directory: dir, controlTotals: controlTotalsFromJson(JSON.parse(readFileSync(join(dir, 'side.json'), 'utf8')).controlTotals) });
  const stop = peakRssSampler();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = mergeJoinSides({ a: side(dirA), b: side(dirB), rules: [{ name: 'split-rounding', maxFen: 1 }] });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify({ seconds, cpuSeconds: cpuSecondsSince(cpuStarted), peakRss: stop(), matched: result.matched, tolerated: result.matchedWithinTolerance, onlyA: result.onlyA, onlyB: result.onlyB, mismatch: result.fieldMismatch, controlCells: result.controlTotalDifferences.length }),
  );
  process.exit(0);
}

const rows = Number(process.argv[2] ?? 1_000_000);
const proofCount = Number(process.argv[3] ?? 1000);
/** Ingest threads beside the main thread, each reading, validating and hashing blocks of lines (RECON_WORKERS, default: one per core). */
const workers = Number(process.env.RECON_WORKERS ?? os.availableParallelism());
const root = mkdtempSync(join(process.env.RECON_BENCH_DIR ?? os.tmpdir(), 'recon-bench-'));
console.log(`reconciliation bench: ${rows.toLocaleString('en')} rows per side, 0.1% breaks, ${workers} ingest workers; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

try {
  // Setup (not timed): the two CSV files, written block by block.
  const BLOCK = 100_000;
  const fdA = openSync(join(root, 'a.csv'), 'w');
  const fdB = openSync(join(root, 'b.csv'), 'w');
  let injected = 0;
  for (let first = 0; first < rows; first += BLOCK) {
    const block = generateStatementRows({ count: Math.min(BLOCK, rows - first), seed: 7, firstIndex: first });
    const day = injectBreaks({ rows: block, rate: 0.001, seed: first + 1 });
    injected += day.injected.length;
    const strip = (csv: string) => (first === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    writeSync(fdA, strip(rowsToCsv(day.a)));
    writeSync(fdB, strip(rowsToCsv(day.b)));
  }
  closeSync(fdA);
  closeSync(fdB);
  // The setup's garbage (15M row objects and their CSV strings at full size) is collected before the
  // clock starts, or the first side's ingest pays for it (about 25 CPU s at 15M rows).
  const heapBefore = process.memoryUsage().heapUsed;
  collectGarbage();
  console.log(`setup: ${injected} breaks injected; heap ${mib(heapBefore)} → ${mib(process.memoryUsage().heapUsed)} after a full collection`);

  const sides: SideCommitment[] = [];
  for (const name of ['a', 'b']) {
    const stop = peakRssSampler();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const side = await commitSide({ source: join(root, `${name}.csv`), columnMap: { carrier: 'csv', encoding: 'utf-8' }, keys, directory: join(root, name), workers });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSecondsSince(cpuStarted);
    sides.push(side);
    console.log(
      `ingest+commit side ${name.toUpperCase()}: ${side.rowCount.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${Math.round(side.rowCount / seconds).toLocaleString('en')} rows/s; ` +
        `${cpu.toFixed(1)} CPU s = ${Math.round(side.rowCount / cpu).toLocaleString('en')} rows per CPU second; peak RSS ${mib(stop())}, load ${os.loadavg()[0].toFixed(2)}`,
    );
  }

  const merge = JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--merge-only', sides[0].directory, sides[1].directory], { encoding: 'utf8', maxBuffer: 1 << 24 }),
  );
  console.log(`merge-join: ${merge.seconds.toFixed(2)} s (${merge.cpuSeconds?.toFixed(2)} CPU s), peak RSS ${mib(merge.peakRss)} (child process); matched ${merge.matched}, within tolerance ${merge.tolerated}, only A ${merge.onlyA}, only B ${merge.onlyB}, field mismatch ${merge.mismatch}, control-total cells differing ${merge.controlCells}`);

  // Proof minting: random breaks of each kind, minted from the files on disk, each verified after.
  const result = mergeJoinSides({ a: sides[0], b: sides[1], rules: [{ name: 'split-rounding', maxFen: 1 }] });
  const treeA = await SideTree.open(sides[0].directory);
  const treeB = await SideTree.open(sides[1].directory);
  const trusted = (side: SideCommitment) => ({ root: toHex(side.root), rowCount: side.rowCount });
  const timings: Record<string, number[]> = { inclusion: [], absence: [], 'field-mismatch': [] };
  const sizes: Record<string, number> = { inclusion: 0, absence: 0, 'field-mismatch': 0 };
  const jsonSizes: Record<string, number> = { inclusion: 0, absence: 0, 'field-mismatch': 0 };
  let failures = 0;
  for (let i = 0; i < proofCount; i++) {
    const found = result.breaks[i % result.breaks.length];
    const time = (kind: string, mint: () => Parameters<typeof verifyReconciliationProof>[0], trust: Parameters<typeof verifyReconciliationProof>[1]) => {
      const started = performance.now();
      const proof = mint();
      timings[kind].push(performance.now() - started);
      if (!verifyReconciliationProof(proof, trust).valid) failures++;
      sizes[kind] = Math.max(sizes[kind], proofContentBytes(proof as never));
      jsonSizes[kind] = Math.max(jsonSizes[kind], JSON.stringify(proof).length);
    };
    // A random leaf's inclusion, the break's absence from the side that lacks it, and its mismatch.
    const leaf = Math.floor(Math.random() * treeA.rowCount);
    time('inclusion', () => mintInclusionProof(treeA, leaf), { side: trusted(sides[0]) });
    if (found.class === 'only-a') time('absence', () => mintAbsenceProof(treeB, found.key), { side: trusted(sides[1]) });
    else if (found.class === 'only-b') time('absence', () => mintAbsenceProof(treeA, found.key), { side: trusted(sides[0]) });
    else time('field-mismatch', () => mintFieldMismatchProof({ a: treeA, b: treeB, key: found.key, field: found.fields![0], keys }), { a: trusted(sides[0]), b: trusted(sides[1]) });
  }
  treeA.close();
  treeB.close();
  for (const [kind, list] of Object.entries(timings)) {
    list.sort((x, y) => x - y);
    const at = (q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))].toFixed(2);
    console.log(`mint ${kind}: ${list.length} proofs, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; largest ${sizes[kind]} content bytes (${jsonSizes[kind]} bytes as JSON)`);
  }
  console.log(`proof verification failures: ${failures}`);
} finally {
  if (process.env.RECON_BENCH_KEEP === '1') console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
