// RFC 3161 timestamping: tokens/s from the embedded TSA (request, sign, and full verification on
// receipt, sequential and with concurrent clients), then seal→token latency through the real
// batcher loop (embedded PostgreSQL, anvil, embedded TSA): the time from a batch's sealed_at to its
// verified token being stored.
//   npx tsx bench/timestamps.ts [tokens=500] [concurrency=8] [batches=10]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBatcherFromConfig } from '../lib/startup/start-batcher-from-config';
import { recordEvidence } from '../lib/evidence/record-evidence';
import { startTestServices } from '../lib/testing/start-test-services';
import { requestTimestamp } from '../lib/timestamps/request-timestamp';
import { startLocalTsa } from '../lib/timestamps/start-local-tsa';

const [tokens = 500, concurrency = 8, batches = 10] = process.argv.slice(2).map(Number);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
};

console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-tsa-bench-'));
const tsa = await startLocalTsa({ dir });
const settings = { url: tsa.url, trustedRoots: [tsa.rootCertificate], timeoutMs: 10_000 };
try {
  for (const clients of [1, concurrency]) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next++ < tokens) {
          const t = performance.now();
          await requestTimestamp({ root: new Uint8Array(randomBytes(32)), settings });
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`embedded TSA, ${clients} client(s): ${tokens} verified tokens in ${seconds.toFixed(2)} s = ${(tokens / seconds).toFixed(0)} tokens/s; per request ${summary(latencies)}`);
  }
} finally {
  await tsa.stop();
  await rm(dir, { recursive: true, force: true });
}

const services = await startTestServices({ BATCH_INTERVAL_MS: '1000' });
const batcher = startBatcherFromConfig({ config: services.config, services, log: () => undefined });
try {
  const latencies: number[] = [];
  for (let i = 0; i < batches; i++) {
    const content = randomBytes(16);
    const item = await recordEvidence({
      prisma: services.prisma,
      sha256: new Uint8Array(createHash('sha256').update(content).digest()),
      size: content.length,
      storageKey: null,
      fileName: 'bench.bin',
      mediaType: 'application/octet-stream',
    });
    for (;;) {
      const stamp = await services.prisma.batchTimestamp.findFirst({
        where: { batch: { firstSequence: { lte: item.sequence }, lastSequence: { gte: item.sequence } } },
        select: { createdAt: true, batch: { select: { sealedAt: true } } },
      });
      if (stamp) {
        latencies.push(stamp.createdAt.getTime() - stamp.batch.sealedAt.getTime());
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  console.log(`seal→token through the batcher loop (BATCH_INTERVAL_MS=1000, timestamp tick 1 s), ${batches} batches: ${summary(latencies)}`);
} finally {
  await batcher.stop();
  await services.stop();
}
