// Records end to end on the real platform, as `npm start` runs it (scripts/start.ts: database,
// local chain, batcher, web server): N repayment records are posted as JSON requests of 10,000
// while the batcher seals (BATCH_MAX_LEAVES per batch) and anchors, until every acknowledged record
// is in a final batch. Prints the time to that point, the chain transactions spent, the database size
// per million records and the peak RSS. Then it shows that every item is verifiable, without the
// stored tree levels: each final batch's tree is rebuilt from its rows with the reference builder
// (merkletreejs) and its root looked up on the chain; and a random sample of certificates, fetched
// over HTTP, passes lib/proof against the chain.
//   npx tsx bench/end-to-end.ts [records=15000000] [--clients=3] [--sample=100] [--batch-interval-ms=15000]
import os from 'node:os';
import { closeChain, connectChain } from '../lib/chain/connect-chain';
import { createAnchorLookup } from '../lib/proof/create-anchor-lookup';
import { findAnchor } from '../lib/proof/find-anchor';
import { EVIDENCE_ANCHOR_INTERFACE } from '../lib/chain/anchor-abi';
import { createPrismaClient } from '../lib/db/client';
import { runQuery, sql } from '../lib/db/sql';
import { MAX_ITEMS_PER_JSON_REQUEST } from '../lib/evidence/evidence-schemas';
import { toHex } from '../lib/proof/hex';
import { buildMerkleTree } from '../lib/testing/build-merkle-tree';
import { encodeLeaf } from '../lib/proof/encode-leaf';
import { hashLeaf } from '../lib/proof/hash-leaf';
import { verifyCertificate } from '../lib/proof/verify-certificate';
import { bodyOf, createKey, mib, percentiles, RSS_SAMPLE_MS, sampleResidentMemory, sendAll, startBenchPlatform } from './http-load';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const totalRecords = Number(args.find((arg) => !arg.startsWith('--')) ?? 15_000_000);
const clients = option('clients', 3);
const sampleSize = option('sample', 100);
const BATCH_MAX_LEAVES = 100_000;
// How often the batcher seals. At 5 s (the default) and ~10,000 records/s, batches held ~70,000
// records and 15M took 215 anchors; a bulk load is better served by batches filled to the cap.
const batchIntervalMs = option('batch-interval-ms', 15_000);
const ANCHOR_TIMEOUT_MS = 30 * 60_000;

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const seconds = (from: number) => (performance.now() - from) / 1000;

const bench = await startBenchPlatform({ API_RATE_LIMIT_PER_MINUTE: '100000000', BATCH_MAX_LEAVES: String(BATCH_MAX_LEAVES), BATCH_INTERVAL_MS: String(batchIntervalMs) });
const { platform, port } = bench;
const memory = sampleResidentMemory(platform.pid);
const prisma = createPrismaClient(platform.databaseUrl);
const chain = await connectChain({ rpcUrl: `http://127.0.0.1:${bench.localChainPort}` });
try {
  const [{ server_version: version }] = await runQuery(prisma, sql<{ server_version: string }>`SHOW server_version`);
  console.log(`machine: ${os.cpus().length} cores, load average ${loadAverage()}; database: ${bench.databaseLabel} ${version}`);
  const lender = await createKey(prisma, 'End-to-end bench lender');

  // Ingest: the bodies are built as they are sent (15M records would be ~4 GB of JSON held at once).
  const sizes = Array.from({ length: Math.ceil(totalRecords / MAX_ITEMS_PER_JSON_REQUEST) }, (_, i) =>
    Math.min(MAX_ITEMS_PER_JSON_REQUEST, totalRecords - i * MAX_ITEMS_PER_JSON_REQUEST),
  );
  console.log(`\ningest: ${totalRecords} records in ${sizes.length} requests from ${clients} clients; batches of at most ${BATCH_MAX_LEAVES}, sealed every ${batchIntervalMs} ms`);
  const started = performance.now();
  let lastProgress = 0;
  const ingest = await sendAll({
    port,
    bodies: (i) => bodyOf(i * MAX_ITEMS_PER_JSON_REQUEST, sizes[i]),
    sizes,
    clients,
    authorization: lender.authorization,
    progress: (acknowledged) => {
      if (acknowledged - lastProgress >= 500_000 || acknowledged === totalRecords) {
        lastProgress = acknowledged;
        process.stdout.write(`\r  ${acknowledged} acknowledged after ${seconds(started).toFixed(0)} s      `);
      }
    },
  });
  console.log(`\r  ${ingest.acknowledged} records acknowledged in ${ingest.seconds.toFixed(1)} s = ${Math.round(ingest.acknowledged / ingest.seconds).toLocaleString('en')} records/s (load average ${loadAverage()})`);
  console.log(`  request latency: ${percentiles(ingest.latencies)}`);

  // Until every acknowledged record is in a final batch.
  const deadline = Date.now() + ANCHOR_TIMEOUT_MS;
  for (;;) {
    const [{ final, unfinished }] = await runQuery(prisma, sql<{ final: bigint | null; unfinished: bigint }>`
      SELECT sum(leaf_count) FILTER (WHERE status = 'final') AS final, count(*) FILTER (WHERE status <> 'final') AS unfinished
      FROM batch WHERE organization_id = ${lender.organizationId}::uuid`);
    process.stdout.write(`\r  ${Number(final ?? 0)} records in final batches after ${seconds(started).toFixed(0)} s      `);
    if (Number(final ?? 0) >= ingest.acknowledged && unfinished === 0n) break;
    if (Date.now() > deadline) throw new Error(`not all anchored after ${ANCHOR_TIMEOUT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const endToEnd = seconds(started);
  const batches = await prisma.batch.findMany({
    where: { organizationId: lender.organizationId },
    orderBy: { firstSequence: 'asc' },
    select: { id: true, root: true, firstSequence: true, lastSequence: true, leafCount: true, blockNumber: true, contractAddress: true },
  });
  const [{ rows }] = await runQuery(prisma, sql<{ rows: bigint }>`
    SELECT count(*) AS rows FROM evidence WHERE organization_id = ${lender.organizationId}::uuid`);
  console.log(`\r\nend to end: ${ingest.acknowledged} records acknowledged, ${rows} stored, all in final batches ${endToEnd.toFixed(1)} s (${(endToEnd / 60).toFixed(1)} min) after the first request`);
  const contractAddress = batches[0].contractAddress!;
  const anchorLogs = await chain.provider.getLogs({
    address: contractAddress,
    topics: [EVIDENCE_ANCHOR_INTERFACE.getEvent('RootAnchored')!.topicHash],
    fromBlock: 0,
    toBlock: 'latest',
  });
  console.log(`chain transactions: ${batches.length} batches, ${anchorLogs.length} RootAnchored events on chain (one anchor transaction each)`);

  const sizesOf = await runQuery(prisma, sql<{ name: string; bytes: bigint }>`
    SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class
    WHERE relname IN ('evidence', 'batch_level', 'batch', 'audit_entry') AND relkind = 'r'`);
  const [{ database: databaseBytes }] = await runQuery(prisma, sql<{ database: bigint }>`SELECT pg_database_size(current_database()) AS database`);
  const perMillion = (bytes: bigint) => mib((Number(bytes) / Number(rows)) * 1_000_000);
  console.log(
    `database size: ${mib(Number(databaseBytes))} in all = ${perMillion(databaseBytes)} per million records; ` +
      sizesOf.map((t) => `${t.name} ${perMillion(t.bytes)}`).join(', ') + ' per million',
  );
  memory.stop();
  const { peaks } = memory;
  console.log(
    `peak RSS (every ${RSS_SAMPLE_MS} ms): app ${mib(peaks.app)} = web server ${mib(peaks.nextServer)} + launcher with batcher ${mib(peaks.launcher)}; ` +
      `PostgreSQL ${bench.external ? 'not sampled (external server)' : mib(peaks.postgres)}`,
  );

  // Every item verifiable: rebuild each batch's tree from its rows with the reference builder and
  // find its root on the chain, in the block the batch records.
  const verifyStarted = performance.now();
  let leaves = 0;
  const problems: string[] = [];
  for (const batch of batches) {
    const rowsOfBatch = await runQuery(prisma, sql<{ sha256: Uint8Array; salt: Uint8Array; sequence: bigint }>`
      SELECT sha256, salt, sequence FROM evidence
      WHERE organization_id = ${lender.organizationId}::uuid AND sequence BETWEEN ${batch.firstSequence} AND ${batch.lastSequence}
      ORDER BY sequence`);
    const tree = buildMerkleTree(rowsOfBatch.map((r) => hashLeaf(encodeLeaf({ contentSha256: r.sha256, salt: r.salt, sequence: r.sequence }))));
    leaves += rowsOfBatch.length;
    if (rowsOfBatch.length !== batch.leafCount || toHex(tree.root) !== toHex(batch.root)) problems.push(`batch ${batch.id}: rebuilt root differs`);
    const onChain = await findAnchor(chain, contractAddress, tree.root);
    if (!onChain || onChain.blockNumber !== batch.blockNumber) problems.push(`batch ${batch.id}: root not on chain as recorded`);
    process.stdout.write(`\r  rebuilt ${leaves} leaves      `);
  }
  console.log(`\r\nevery item: ${leaves} leaves in ${batches.length} trees rebuilt from the rows with merkletreejs, each root found on chain: ${problems.length === 0 ? 'all match' : `${problems.length} PROBLEMS`} (${seconds(verifyStarted).toFixed(1)} s)`);
  for (const problem of problems.slice(0, 10)) console.log(`  ${problem}`);

  // A random sample of certificates over HTTP, verified against the chain as an arbitrator would.
  const sample = await runQuery(prisma, sql<{ id: string; sha256: Uint8Array }>`
    SELECT id::text AS id, sha256 FROM evidence WHERE organization_id = ${lender.organizationId}::uuid
    ORDER BY random() LIMIT ${sampleSize}`);
  const lookup = createAnchorLookup({ rpcUrl: `http://127.0.0.1:${bench.localChainPort}` });
  const issuer = (await (await fetch(`${platform.baseUrl}/.well-known/evident-issuer.json`)).json()) as { address: string };
  const latencies: number[] = [];
  let valid = 0;
  for (const item of sample) {
    const requested = performance.now();
    const response = await fetch(`${platform.baseUrl}/api/v1/evidence/${item.id}/certificate`, { headers: { authorization: lender.authorization } });
    const certificate = await response.json();
    latencies.push(performance.now() - requested);
    const report = await verifyCertificate({ certificate, fileSha256: new Uint8Array(item.sha256), chain: lookup, trustedIssuers: [issuer.address] });
    if (report.valid) valid++;
  }
  console.log(`certificates: ${valid} of ${sample.length} random items' certificates (GET …/certificate: ${percentiles(latencies)}) pass every check against the chain`);
  if (problems.length > 0 || valid !== sample.length || Number(rows) !== ingest.acknowledged) process.exitCode = 1;
  console.log(`load average at the end: ${loadAverage()}`);
} finally {
  memory.stop();
  closeChain(chain);
  await prisma.$disconnect();
  await bench.stop();
}
