// Inclusion-proof latency at scale: bulk-inserts N evidence rows (setup, not timed), seals them into
// one batch, then reads the proofs of random leaves, directly through the lib functions and over
// HTTP through a minimal node:http server calling the same functions, and prints p50/p95/p99.
// Each read is: find the batch holding the sequence, its leaf index, then readInclusionProof. Every
// proof is checked against the batch root (outside the timed part). It also times, on a sample, the
// count(*) leaf index that issue-certificate.ts uses today.
//   npx tsx bench/proof-latency.ts [leaves=1000000] [requests=2000]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { batchOfEvidenceWhere } from '../lib/batches/batch-of-evidence';
import { leafIndexOf } from '../lib/batches/leaf-index-of';
import { readInclusionProof } from '../lib/batches/read-inclusion-proof';
import { sealPendingEvidence } from '../lib/batches/seal-pending-evidence';
import type { PrismaClient } from '../lib/db/client';
import { runQuery, runStatement, sql } from '../lib/db/sql';
import { fromHex, toHex } from '../lib/proof/hex';
import { encodeLeaf } from '../lib/proof/encode-leaf';
import { hashLeaf } from '../lib/proof/hash-leaf';
import { rootFromInclusionProof } from '../lib/proof/verify-inclusion-proof';
import { startTestServices } from '../lib/testing/start-test-services';
import { insertBulkEvidence } from './insert-bulk-evidence';

const [leaves, requests] = [Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 2000)];
const COUNT_SAMPLE = 50;
const WARM_UP = 200;

interface ProofRead {
  batchId: string;
  leafIndex: number;
  treeSize: number;
  path: Uint8Array[];
}

async function readProof(prisma: PrismaClient, sequence: bigint): Promise<ProofRead> {
  // The bench's rows carry no organization (bench/insert-bulk-evidence.ts).
  const batch = await prisma.batch.findFirstOrThrow({
    where: batchOfEvidenceWhere({ sequence, organizationId: null }),
    select: { id: true, organizationId: true, spansOrganizations: true, firstSequence: true, lastSequence: true, leafCount: true },
  });
  const leafIndex = await leafIndexOf({ prisma, batch, sequence });
  const path = await readInclusionProof({ prisma, batch, leafIndex, sequence });
  return { batchId: batch.id, leafIndex, treeSize: batch.leafCount, path };
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const max = sorted[sorted.length - 1];
  return `p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, p99 ${at(99).toFixed(2)} ms, max ${max.toFixed(2)} ms (n=${sorted.length})`;
}

function getJson(agent: http.Agent, port: number, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode === 200) resolve(JSON.parse(body));
          else reject(new Error(`HTTP ${response.statusCode}: ${body}`));
        });
      })
      .on('error', reject);
  });
}

const services = await startTestServices();
const { prisma } = services;
const server = http.createServer(async (request, response) => {
  try {
    const sequence = BigInt(new URL(request.url ?? '/', 'http://localhost').searchParams.get('sequence') ?? '');
    const proof = await readProof(prisma, sequence);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ...proof, path: proof.path.map(toHex) }));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end((error as Error).message);
  }
});
try {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let started = performance.now();
  await insertBulkEvidence({ databaseUrl: services.databaseUrl, count: leaves });
  const batch = (await sealPendingEvidence({ prisma, maxLeaves: leaves }))!;
  console.log(`setup: ${batch.leafCount} leaves inserted and sealed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await runStatement(prisma, sql`CHECKPOINT`);

  const randomSequence = () => batch.firstSequence + BigInt(Math.floor(Math.random() * batch.leafCount));
  const checkProof = async (sequence: bigint, proof: { leafIndex: number; treeSize: number; path: Uint8Array[] }) => {
    const row = await prisma.evidence.findUniqueOrThrow({ where: { sequence }, select: { sha256: true, salt: true } });
    const leafHash = hashLeaf(encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence }));
    if (toHex(rootFromInclusionProof({ ...proof, leafHash, proof: proof.path })) !== toHex(batch.root)) {
      throw new Error(`The proof for sequence ${sequence} does not lead to the batch root`);
    }
  };

  const countTimes: number[] = [];
  for (let i = 0; i < COUNT_SAMPLE; i++) {
    const sequence = randomSequence();
    started = performance.now();
    await runQuery(prisma, sql`
      SELECT count(*) AS before FROM evidence WHERE sequence >= ${batch.firstSequence} AND sequence < ${sequence}`);
    countTimes.push(performance.now() - started);
  }
  console.log(`\nleaf index by count(*) (issue-certificate.ts today): ${percentiles(countTimes)}`);

  for (let i = 0; i < WARM_UP; i++) await readProof(prisma, randomSequence());
  const direct: number[] = [];
  for (let i = 0; i < requests; i++) {
    const sequence = randomSequence();
    started = performance.now();
    const proof = await readProof(prisma, sequence);
    direct.push(performance.now() - started);
    await checkProof(sequence, proof);
  }
  console.log(`proof read, direct (batch lookup + leafIndexOf + readInclusionProof): ${percentiles(direct)}`);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < WARM_UP; i++) await getJson(agent, port, `/proof?sequence=${randomSequence()}`);
  const overHttp: number[] = [];
  for (let i = 0; i < requests; i++) {
    const sequence = randomSequence();
    started = performance.now();
    const body = (await getJson(agent, port, `/proof?sequence=${sequence}`)) as {
      leafIndex: number;
      treeSize: number;
      path: string[];
    };
    overHttp.push(performance.now() - started);
    await checkProof(sequence, { ...body, path: body.path.map((node) => fromHex(node, 32)) });
  }
  agent.destroy();
  console.log(`proof over HTTP (node:http, keep-alive, same lib calls): ${percentiles(overHttp)}`);
  console.log(`all ${2 * requests} proofs lead to the batch root`);
} finally {
  server.close();
  await services.stop();
}
