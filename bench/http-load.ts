// Shared parts of the HTTP benches (http-ingest.ts, end-to-end.ts): repayment records as a lender's
// system sends them, keep-alive clients posting them to POST /api/v1/evidence/records, latency
// percentiles, and the peak resident memory of the platform's processes.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../lib/audit/append-audit-entry';
import { createApiKey } from '../lib/auth/create-api-key';
import type { PrismaClient } from '../lib/db/client';
import { runQuery, sql } from '../lib/db/sql';
import { findOrCreateOrganization } from '../lib/organizations/find-or-create-organization';
import { createScratchDatabase } from '../lib/testing/create-scratch-database';
import {
  commandLine,
  ensureProductionBuild,
  listProcesses,
  processTree,
  residentBytes,
  startPlatformProcess,
  type PlatformProcess,
} from '../lib/testing/start-platform-process';
import { freePort } from '../lib/testing/start-test-services';

export const RSS_SAMPLE_MS = 200;

export interface BenchPlatform {
  platform: PlatformProcess;
  port: number;
  localChainPort: number;
  /** Which database: the embedded server, or the one TEST_POSTGRES_ADMIN_URL names. */
  databaseLabel: string;
  external: boolean;
  /** Web server processes (WEB_WORKERS). */
  webWorkers: number;
  /** Stops the platform and removes its data (and the scratch database). */
  stop(): Promise<void>;
}

/** The platform as `npm start` runs it, on free ports in a temporary directory; with
 * TEST_POSTGRES_ADMIN_URL set, on a fresh database of that server. Needs a production build. */
export async function startBenchPlatform(env: Record<string, string>): Promise<BenchPlatform> {
  ensureProductionBuild({ build: false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'evident-bench-'));
  await chmod(dataDir, 0o755);
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  const scratchDatabase = adminUrl ? await createScratchDatabase(adminUrl) : undefined;
  const cleanUp = async () => {
    await scratchDatabase?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const localChainPort = await freePort();
  const platform = await startPlatformProcess({
    dataDir,
    port: await freePort(),
    embeddedPostgresPort: await freePort(),
    localChainPort,
    databaseUrl: scratchDatabase?.url,
    env,
  }).catch(async (error) => {
    await cleanUp();
    throw error;
  });
  return {
    platform,
    port: Number(new URL(platform.baseUrl).port),
    localChainPort,
    databaseLabel: adminUrl ? `PostgreSQL server at ${new URL(adminUrl).host}` : 'embedded PostgreSQL',
    external: scratchDatabase !== undefined,
    webWorkers: Number(env.WEB_WORKERS ?? process.env.WEB_WORKERS ?? 1),
    async stop() {
      await platform.stop();
      await cleanUp();
    },
  };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

export function record(n: number) {
  const loan = `L-${String(n).padStart(8, '0')}`;
  return {
    type: 'repayment_record',
    loanReference: loan,
    borrowerReference: `B-${n % 9973}`,
    data: { loanId: loan, instalment: (n % 36) + 1, amount: `${1000 + (n % 5000)}.00`, currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
  };
}

export function bodyOf(first: number, count: number): Buffer {
  return Buffer.from(JSON.stringify(Array.from({ length: count }, (_, i) => record(first + i))));
}

function post(agent: http.Agent, port: number, body: Buffer, authorization: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/evidence/records',
        method: 'POST',
        agent,
        headers: { authorization, 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Sends the bodies from `clients` concurrent keep-alive connections; returns the acknowledged count and latencies. */
export async function sendAll({
  port,
  bodies,
  sizes,
  clients,
  authorization,
  progress,
}: {
  port: number;
  /** The request bodies, or a function building body i when it is sent (for loads too large to hold). */
  bodies: Buffer[] | ((index: number) => Buffer);
  sizes: number[];
  clients: number;
  authorization: string;
  progress?: (acknowledged: number) => void;
}): Promise<{ acknowledged: number; latencies: number[]; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  let acknowledged = 0;
  const started = performance.now();
  const client = async () => {
    for (let i = next++; i < sizes.length; i = next++) {
      const body = typeof bodies === 'function' ? bodies(i) : bodies[i];
      const sent = performance.now();
      const { status, text } = await post(agent, port, body, authorization);
      latencies.push(performance.now() - sent);
      if (status !== 201) throw new Error(`Request ${i}: HTTP ${status}: ${text.slice(0, 500)}`);
      const items = (JSON.parse(text) as { items: unknown[] }).items.length;
      if (items !== sizes[i]) throw new Error(`Request ${i}: sent ${sizes[i]} records, ${items} acknowledged`);
      acknowledged += items;
      progress?.(acknowledged);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { acknowledged, latencies, seconds };
}

/** CPU seconds (user + system) the platform's processes have used so far, by role: the web server
 * (all its workers), the launcher with the batcher, and PostgreSQL (postmaster and backends). The
 * difference across a phase, per request, is a figure that other load on the machine barely moves. */
export function cpuSecondsByRole(launcherPid: number): { web: number; launcher: number; postgres: number } {
  const processes = listProcesses();
  const seconds = { web: 0, launcher: cpuSecondsOf(launcherPid), postgres: 0 };
  for (const child of processes.filter((p) => p.ppid === launcherPid)) {
    const command = commandLine(child.pid);
    if (command.includes('anvil')) continue;
    const tree = processTree(child.pid, processes).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
    if (command.includes('postgres')) seconds.postgres += tree;
    else seconds.web += tree;
  }
  // An external server (TEST_POSTGRES_ADMIN_URL) is no child of ours: every `postgres` process on the
  // machine is counted, which is the bench's server when the machine is otherwise idle.
  if (seconds.postgres === 0) {
    for (const { pid } of processes) if (commandName(pid) === 'postgres') seconds.postgres += cpuSecondsOf(pid);
  }
  return seconds;
}

const CLOCK_TICKS_PER_SECOND = 100;

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Peak resident memory of the platform's processes, by role, sampled every RSS_SAMPLE_MS. */
export function sampleResidentMemory(launcherPid: number) {
  const peaks = { nextServer: 0, launcher: 0, app: 0, postgres: 0 };
  const sample = () => {
    const processes = listProcesses();
    const children = processes.filter((p) => p.ppid === launcherPid).map((p) => p.pid);
    let nextServer = 0;
    let postgres = 0;
    for (const child of children) {
      const command = commandLine(child);
      const tree = processTree(child, processes).reduce((sum, pid) => sum + residentBytes(pid), 0);
      if (command.includes('postgres')) postgres += tree;
      else if (!command.includes('anvil')) nextServer += tree;
    }
    const launcher = residentBytes(launcherPid);
    peaks.nextServer = Math.max(peaks.nextServer, nextServer);
    peaks.launcher = Math.max(peaks.launcher, launcher);
    peaks.app = Math.max(peaks.app, nextServer + launcher);
    peaks.postgres = Math.max(peaks.postgres, postgres);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  sample();
  return {
    peaks,
    stop: () => clearInterval(timer),
  };
}

export async function createKey(prisma: PrismaClient, organizationName: string): Promise<{ organizationId: string; authorization: string }> {
  const { organization } = await findOrCreateOrganization({ prisma, name: organizationName, type: 'lender' });
  const { plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'HTTP load bench', actor: SYSTEM_ACTOR });
  return { organizationId: organization.id, authorization: `Bearer ${plaintext}` };
}

export async function countRows(prisma: PrismaClient, organizationId: string): Promise<number> {
  const [row] = await runQuery(prisma, sql<{ rows: bigint }>`
    SELECT count(*) AS rows FROM evidence WHERE organization_id = ${organizationId}::uuid`);
  return Number(row.rows);
}

