// HTTP ingest throughput of the real platform, as `npm start` runs it (scripts/start.ts: embedded
// PostgreSQL, local chain, batcher, `next start`), on free ports and a temporary data directory:
//   (a) bulk: N records in JSON requests of 10,000 from C concurrent clients, records/s sustained;
//   (b) single-record durable ingest: M requests of one record from K clients, requests/s and
//       p50/p95/p99 latency (the reply comes after the commit).
// The batcher runs meanwhile, as in production. Outside the timed parts it checks that each
// organization holds exactly the rows that were acknowledged. It prints the load average and the
// peak RSS of the app's processes, sampled every 200 ms. Needs a production build (`npx next build`).
// With TEST_POSTGRES_ADMIN_URL set it uses a fresh database on that server instead of the embedded one.
//   npx tsx bench/http-ingest.ts [records=1000000] [single=5000] [--clients=3] [--single-clients=16] [--single-runs=1] [--web-workers=1] [--smoke]
import os from 'node:os';
import { createPrismaClient } from '../lib/db/client';
import { runQuery, sql } from '../lib/db/sql';
import { MAX_ITEMS_PER_JSON_REQUEST } from '../lib/evidence/evidence-schemas';
import { bodyOf, countRows, cpuSecondsByRole, createKey, mib, percentiles, RSS_SAMPLE_MS, sampleResidentMemory, sendAll, startBenchPlatform } from './http-load';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name: string, fallback: number) =>
  Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const [recordsArg, singleArg] = args.filter((arg) => !arg.startsWith('--'));
const totalRecords = Number(recordsArg ?? (smoke ? 50_000 : 1_000_000));
const singleRequests = Number(singleArg ?? (smoke ? 500 : 5000));
const bulkClients = option('clients', 3);
const singleClients = option('single-clients', 16);
const singleRuns = option('single-runs', 1);
const RECORDS_PER_REQUEST = MAX_ITEMS_PER_JSON_REQUEST;

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const webWorkers = option('web-workers', 1);
const bench = await startBenchPlatform({ API_RATE_LIMIT_PER_MINUTE: '100000000', WEB_WORKERS: String(webWorkers) });
const { platform, port } = bench;
const memory = sampleResidentMemory(platform.pid);
const prisma = createPrismaClient(platform.databaseUrl);
try {
  const [{ server_version: version }] = await runQuery(prisma, sql<{ server_version: string }>`SHOW server_version`);
  console.log(`machine: ${os.cpus().length} cores, load average ${loadAverage()}; database: ${bench.databaseLabel} ${version}`);
  const bulk = await createKey(prisma, 'Bench bulk lender');
  const single = await createKey(prisma, 'Bench single-record lender');

  // (a) bulk
  const sizes = Array.from({ length: Math.ceil(totalRecords / RECORDS_PER_REQUEST) }, (_, i) =>
    Math.min(RECORDS_PER_REQUEST, totalRecords - i * RECORDS_PER_REQUEST),
  );
  const bodies = sizes.map((size, i) => bodyOf(i * RECORDS_PER_REQUEST, size));
  const bodyMiB = bodies.reduce((sum, body) => sum + body.length, 0) / 2 ** 20;
  const warmUp = await sendAll({ port, bodies: [bodyOf(20_000_000, 1000)], sizes: [1000], clients: 1, authorization: bulk.authorization });
  console.log(`\n(a) bulk: ${totalRecords} records in ${bodies.length} requests of up to ${RECORDS_PER_REQUEST} (${bodyMiB.toFixed(0)} MiB of JSON), ${bulkClients} clients`);
  let lastProgress = 0;
  const bulkRun = await sendAll({
    port,
    bodies,
    sizes,
    clients: bulkClients,
    authorization: bulk.authorization,
    progress: (acknowledged) => {
      if (acknowledged - lastProgress >= 100_000 || acknowledged === totalRecords) {
        lastProgress = acknowledged;
        process.stdout.write(`\r  ${acknowledged} acknowledged      `);
      }
    },
  });
  const bulkRate = Math.round(bulkRun.acknowledged / bulkRun.seconds);
  console.log(`\r  ${bulkRun.acknowledged} records in ${bulkRun.seconds.toFixed(1)} s = ${bulkRate.toLocaleString('en')} records/s (load average ${loadAverage()})`);
  console.log(`  request latency: ${percentiles(bulkRun.latencies)}`);
  const [{ sealed }] = await runQuery(prisma, sql<{ sealed: bigint | null }>`SELECT sum(leaf_count) AS sealed FROM batch`);
  console.log(`  sealed by the batcher meanwhile: ${Number(sealed ?? 0)} of ${bulkRun.acknowledged + warmUp.acknowledged} rows`);

  // (b) single-record. It starts once the batcher has sealed the bulk rows, so that it measures
  // single-record ingest rather than the tail of a million-record import's sealing.
  const waitStarted = Date.now();
  for (;;) {
    const [{ sealed: now }] = await runQuery(prisma, sql<{ sealed: bigint | null }>`SELECT sum(leaf_count) AS sealed FROM batch`);
    if (Number(now ?? 0) >= bulkRun.acknowledged + warmUp.acknowledged || Date.now() - waitStarted > 300_000) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`  all bulk rows sealed ${((Date.now() - waitStarted) / 1000).toFixed(1)} s after the last request`);
  // Warm-up: the first thousand or so requests run while V8 is still optimizing the request path.
  const singleWarmUpRequests = smoke ? 100 : 2000;
  const singleWarmUp = await sendAll({
    port,
    bodies: Array.from({ length: singleWarmUpRequests }, (_, i) => bodyOf(30_000_000 + i, 1)),
    sizes: Array(singleWarmUpRequests).fill(1),
    clients: singleClients,
    authorization: single.authorization,
  });
  console.log(`\n(b) single-record: ${singleRequests} requests of 1 record, ${singleClients} clients, ${singleRuns} run${singleRuns === 1 ? '' : 's'}`);
  let singleAcknowledged = singleWarmUp.acknowledged;
  const rates: number[] = [];
  for (let run = 0; run < singleRuns; run++) {
    const singleBodies = Array.from({ length: singleRequests }, (_, i) => bodyOf(10_000_000 + run * singleRequests + i, 1));
    const cpuBefore = cpuSecondsByRole(platform.pid);
    const loadGeneratorBefore = process.cpuUsage();
    const singleRun = await sendAll({
      port,
      bodies: singleBodies,
      sizes: Array(singleRequests).fill(1),
      clients: singleClients,
      authorization: single.authorization,
    });
    singleAcknowledged += singleRun.acknowledged;
    const singleRate = Math.round(singleRequests / singleRun.seconds);
    rates.push(singleRate);
    console.log(`  ${singleRequests} requests in ${singleRun.seconds.toFixed(1)} s = ${singleRate.toLocaleString('en')} requests/s (load average ${loadAverage()})`);
    console.log(`    latency: ${percentiles(singleRun.latencies)}`);
    const cpuAfter = cpuSecondsByRole(platform.pid);
    const loadGenerator = process.cpuUsage(loadGeneratorBefore);
    const perRequest = (role: keyof typeof cpuAfter) => (((cpuAfter[role] - cpuBefore[role]) * 1000) / singleRequests).toFixed(2);
    console.log(
      `    CPU per request: web server ${perRequest('web')} ms, PostgreSQL ${perRequest('postgres')} ms, launcher with batcher ${perRequest('launcher')} ms` +
        ` (${bench.webWorkers} web worker${bench.webWorkers === 1 ? '' : 's'}), load generator ${((loadGenerator.user + loadGenerator.system) / 1000 / singleRequests).toFixed(2)} ms`,
    );
  }
  if (singleRuns > 1) {
    const sorted = [...rates].sort((a, b) => a - b);
    console.log(`  median of ${singleRuns} runs: ${sorted[Math.floor(sorted.length / 2)].toLocaleString('en')} requests/s (lowest ${sorted[0].toLocaleString('en')}, highest ${sorted[sorted.length - 1].toLocaleString('en')})`);
  }

  // Correctness, outside the timed parts.
  const bulkAcknowledged = warmUp.acknowledged + bulkRun.acknowledged;
  const [bulkRows, singleRows] = [await countRows(prisma, bulk.organizationId), await countRows(prisma, single.organizationId)];
  console.log(`\ncorrectness: bulk organization holds ${bulkRows} rows, ${bulkAcknowledged} acknowledged (warm-up included); single-record organization ${singleRows}, ${singleAcknowledged} acknowledged`);
  if (bulkRows !== bulkAcknowledged || singleRows !== singleAcknowledged) {
    console.log('  MISMATCH: the stored rows differ from what was acknowledged');
    process.exitCode = 1;
  }
  memory.stop();
  const { peaks } = memory;
  console.log(
    `peak RSS (every ${RSS_SAMPLE_MS} ms): app ${mib(peaks.app)} = web server ${mib(peaks.nextServer)} + launcher with batcher ${mib(peaks.launcher)} ` +
      `(peaks of the sum and of each part); PostgreSQL processes ${bench.external ? 'not sampled (external server)' : `${mib(peaks.postgres)} summed (shared buffers counted once per process)`}`,
  );
  console.log(`load average at the end: ${loadAverage()}`);
} finally {
  memory.stop();
  await prisma.$disconnect();
  await bench.stop();
}
