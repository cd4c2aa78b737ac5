import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient } from './lib/db/client';
import { startPlatformProcess } from './lib/testing/start-platform-process';
import { freePort } from './lib/testing/start-test-services';
import { bodyOf, createKey, percentiles, sendAll } from './bench/http-load';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'evident-prof-'));
await chmod(dataDir, 0o755);
const platform = await startPlatformProcess({
  dataDir, port: await freePort(), embeddedPostgresPort: await freePort(), localChainPort: await freePort(),
  env: { API_RATE_LIMIT_PER_MINUTE: '100000000', NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof' },
});
const prisma = createPrismaClient(platform.databaseUrl);
const port = Number(new URL(platform.baseUrl).port);
const key = await createKey(prisma, 'prof');
await sendAll({ port, bodies: (i) => bodyOf(1_000_000 + i, 1), sizes: Array(300).fill(1), clients: 16, authorization: key.authorization });
const t = performance.now();
const run = await sendAll({ port, bodies: (i) => bodyOf(i, 1), sizes: Array(3000).fill(1), clients: 16, authorization: key.authorization });
console.log(`${(3000 / ((performance.now() - t) / 1000)).toFixed(0)} req/s; ${percentiles(run.latencies)}; cpu ${JSON.stringify(process.cpuUsage())}`);
await prisma.$disconnect();
await platform.stop();
