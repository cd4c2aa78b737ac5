// Seal throughput: bulk-inserts N evidence rows (setup, not timed), then times sealPendingEvidence
// over all of them in one batch and prints leaves/s, where the time went, the peak RSS, and the
// database size per million rows. --merkletreejs also times the reference tree builder at the same
// N and checks it gives the same root; --repeat=K seals the same rows K times (deleting the batch
// in between; the first run also pays for JIT warm-up) to show the spread on a shared machine.
//   npx tsx bench/seal.ts [leaves=1000000] [--merkletreejs] [--repeat=K]
import os from 'node:os';
import { getPgPool } from '../lib/db/client';
import { runQuery, runStatement, sql } from '../lib/db/sql';
import { sealPendingEvidence, sealTimingsChannel, type SealTimings } from '../lib/batches/seal-pending-evidence';
import { buildMerkleTree } from '../lib/testing/build-merkle-tree';
import { toHex } from '../lib/proof/hex';
import { encodeLeaf } from '../lib/proof/encode-leaf';
import { hashLeaf } from '../lib/proof/hash-leaf';
import { startTestServices } from '../lib/testing/start-test-services';
import { insertBulkEvidence } from './insert-bulk-evidence';

const args = process.argv.slice(2);
const leaves = Number(args.find((arg) => !arg.startsWith('--')) ?? 1_000_000);
const withMerkletreejs = args.includes('--merkletreejs');
const repeat = Number(args.find((arg) => arg.startsWith('--repeat='))?.slice('--repeat='.length) ?? 1);

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const services = await startTestServices();
const db = getPgPool(services.prisma);
try {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let started = performance.now();
  await insertBulkEvidence({ databaseUrl: services.databaseUrl, count: leaves });
  console.log(`setup: inserted ${leaves} evidence rows in ${ms(performance.now() - started)}`);

  let timings: SealTimings | undefined;
  sealTimingsChannel.subscribe((message) => (timings = message as SealTimings));
  let root = '';
  for (let run = 1; run <= repeat; run++) {
    // TRUNCATE, not DELETE: dead TOAST rows would bring autovacuum into the next run.
    await runStatement(db, sql`TRUNCATE batch CASCADE`);
    await runStatement(db, sql`CHECKPOINT`);
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    const batch = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: leaves });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (batch?.leafCount !== leaves || !timings) {
      throw new Error(`Expected one batch of ${leaves} leaves, got ${batch?.leafCount}`);
    }
    root = toHex(batch.root);
    const rate = Math.round(leaves / seconds).toLocaleString('en');
    const load = os.loadavg()[0].toFixed(2);
    console.log(`\nseal run ${run}/${repeat} (load average ${load}): ${leaves} leaves in ${seconds.toFixed(2)} s = ${rate} leaves/s`);
    console.log(
      `  split: waiting for rows ${ms(timings.readRowsMs)}, decoding + hashing leaves ${ms(timings.hashLeavesMs)}, ` +
        `building levels ${ms(timings.buildLevelsMs)}, persisting ${ms(timings.persistMs)} ` +
        `(total ${ms(timings.totalMs)}; hashing overlaps the reads)`,
    );
    const peakRss = mib(process.resourceUsage().maxRSS * 1024);
    console.log(`  Node CPU ${ms((cpu.user + cpu.system) / 1000)}; peak RSS ${peakRss} (before: ${mib(rssBefore)})`);
    console.log(`  root 0x${root}`);
    if (run === 1) {
      const rows = await runQuery(
        db,
        sql<{ evidence: bigint; batch_level: bigint }>`SELECT pg_total_relation_size('evidence') AS evidence, pg_total_relation_size('batch_level') AS batch_level`,
      );
      const perMillion = 1_000_000 / leaves;
      console.log(
        `  database per million rows: evidence ${mib(Number(rows[0].evidence) * perMillion)}, ` +
          `batch_level ${mib(Number(rows[0].batch_level) * perMillion)}`,
      );
    }
  }

  if (withMerkletreejs) {
    // The leaf level is not stored: recompute the leaves from the rows, as proofs do.
    const evidenceRows = await runQuery(db, sql<{ sha256: Uint8Array; salt: Uint8Array; sequence: bigint }>`SELECT sha256, salt, sequence FROM evidence ORDER BY sequence`);
    const leafHashes = evidenceRows.map((row) =>
      hashLeaf(encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence: row.sequence })),
    );
    started = performance.now();
    const reference = buildMerkleTree(leafHashes);
    const seconds = (performance.now() - started) / 1000;
    const same = toHex(reference.root) === root;
    console.log(
      `\nmerkletreejs (buildMerkleTree) over the same ${leaves} leaf hashes: ${seconds.toFixed(2)} s, ` +
        `tree only; same root: ${same}`,
    );
    console.log(`  peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}`);
    if (!same) process.exitCode = 1;
  }
} finally {
  await services.stop();
}
