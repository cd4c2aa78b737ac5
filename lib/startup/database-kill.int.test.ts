// The platform's embedded PostgreSQL killed (kill -9 of the postmaster) under light ingest load, as
// `npm start` runs it: requests meanwhile get 503 with Retry-After (never a 500), the platform
// restarts its database on the same data, nothing acknowledged is lost, every item is anchored and
// its certificate verifies. SIGTERM to the process group then stops everything within seconds, with
// the database alive and with it dead.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { createPrismaClient } from '../db/client';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { freePort } from '../testing/start-test-services';
import {
  ensureProductionBuild,
  listProcesses,
  startPlatformProcess,
  type PlatformProcess,
  type PlatformProcessOptions,
} from '../testing/start-platform-process';

const CLIENTS = 3;
const RECORDS_PER_REQUEST = 5;
const KILL_AFTER_ACKNOWLEDGED = 15;
const ACKNOWLEDGED_AFTER_RECOVERY = 15;
const SIGTERM_DEADLINE_MS = 10_000;

let platform: PlatformProcess | undefined;
let dataDir: string;

beforeAll(async () => {
  ensureProductionBuild({ build: true });
}, 300_000);

afterAll(async () => {
  await platform?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function postmasterPid(): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** SIGTERM to the whole process group; resolves with how long it took until none of it was left. */
async function terminateGroup(pid: number): Promise<number> {
  const started = Date.now();
  process.kill(-pid, 'SIGTERM');
  while (listProcesses().some((p) => p.state !== 'Z' && p.pgid === pid)) {
    if (Date.now() - started > 30_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

function records(marker: string) {
  return Array.from({ length: RECORDS_PER_REQUEST }, (_, i) => ({
    type: 'repayment_record',
    loanReference: marker,
    borrowerReference: `B-${i}`,
    data: { loanId: marker, instalment: i + 1, amount: '880.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
  }));
}

describe('the embedded database killed under load', () => {
  // Retried once from scratch: under CI load the restarted server once stayed away past the 90 s the
  // clients wait (2026-12-04, not reproduced locally); the failure message carries the platform's log.
  it('answers 503 meanwhile, restarts the database, loses nothing, and stops on SIGTERM', { timeout: 300_000, retry: 1 }, async () => {
    if (platform) await platform.kill();
    platform = undefined;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'evident-pg-kill-'));
    await chmod(dataDir, 0o755);
    const options: PlatformProcessOptions = {
      dataDir,
      port: await freePort(),
      embeddedPostgresPort: await freePort(),
      localChainPort: await freePort(),
      env: { BATCH_INTERVAL_MS: '300', API_RATE_LIMIT_PER_MINUTE: '1000000' },
    };
    platform = await startPlatformProcess(options);
    const prisma = createPrismaClient(platform.databaseUrl);
    let authorization: string;
    try {
      const { organization } = await findOrCreateOrganization({ prisma, name: 'Database kill lender', type: 'lender' });
      const { plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'db kill', actor: SYSTEM_ACTOR });
      authorization = `Bearer ${plaintext}`;
    } finally {
      await prisma.$disconnect();
    }
    const { baseUrl } = platform;

    const acknowledgedIds: string[] = [];
    const unexpected: string[] = [];
    let refused = 0;
    let acknowledgedBeforeKill = 0;
    let acknowledgedAfterRefusal = 0;
    let killedAt = 0;
    let done = false;
    let reachedKillPoint: () => void;
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));

    const client = async (clientIndex: number) => {
      for (let n = 0; !done; n++) {
        const marker = `PGKILL-${clientIndex}-${n}`;
        const response = await fetch(`${baseUrl}/api/v1/evidence/records`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(records(marker)),
        });
        const text = await response.text();
        if (response.status === 201) {
          acknowledgedIds.push(...(JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id));
          if (killedAt === 0 && ++acknowledgedBeforeKill === KILL_AFTER_ACKNOWLEDGED) reachedKillPoint();
          if (refused > 0 && ++acknowledgedAfterRefusal >= ACKNOWLEDGED_AFTER_RECOVERY) done = true;
        } else if (response.status === 503) {
          refused++;
          const body = JSON.parse(text) as { code?: string };
          if (body.code !== 'database-unavailable' || !(Number(response.headers.get('retry-after')) > 0)) {
            unexpected.push(`${marker}: 503 without Retry-After or code: ${response.headers.get('retry-after')} ${text.slice(0, 200)}`);
          }
          // A client that honours Retry-After, shortened: the test wants to see the recovery soon.
          await new Promise((resolve) => setTimeout(resolve, 200));
        } else {
          unexpected.push(`${marker}: HTTP ${response.status} ${text.slice(0, 200)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // Light load: a few requests a second per client.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const giveUp = setTimeout(() => (done = true), 90_000);

    await Promise.race([killPoint, clients]);
    const killedPid = await postmasterPid();
    process.kill(killedPid, 'SIGKILL');
    killedAt = Date.now();
    await clients;
    clearTimeout(giveUp);

    expect(unexpected).toEqual([]);
    expect(refused, 'requests refused while the database was down').toBeGreaterThan(0);
    expect(acknowledgedAfterRefusal, `requests acknowledged after the database came back; platform log:\n${platform.output().slice(-4000)}`).toBeGreaterThanOrEqual(
      ACKNOWLEDGED_AFTER_RECOVERY,
    );
    expect(await postmasterPid()).not.toBe(killedPid);
    expect(platform.output()).toContain('restarting it on the same data');
    expect(platform.output()).not.toContain('unexpected error');

    // Every acknowledged item is stored, gets anchored, and its certificate verifies.
    const listIds = async (filter: string) => {
      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const response: Response = await fetch(`${baseUrl}/api/v1/evidence?limit=1000${filter}${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: { authorization },
        });
        expect(response.status).toBe(200);
        const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
        for (const item of page.items) ids.add(item.id);
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const stored = await listIds('');
    expect(acknowledgedIds.filter((id) => !stored.has(id)), 'acknowledged but lost').toEqual([]);
    const deadline = Date.now() + 60_000;
    let unanchored = acknowledgedIds;
    while (unanchored.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const anchored = await listIds('&status=anchored');
      unanchored = acknowledgedIds.filter((id) => !anchored.has(id));
    }
    expect(unanchored, 'acknowledged items not anchored within 60 s').toEqual([]);
    for (const id of [acknowledgedIds[0], acknowledgedIds[acknowledgedIds.length - 1]]) {
      const certificate = await fetch(`${baseUrl}/api/v1/evidence/${id}/certificate`, { headers: { authorization } });
      expect(certificate.status).toBe(200);
      const verified = await fetch(`${baseUrl}/api/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certificate: await certificate.json() }),
      });
      expect(verified.status).toBe(200);
      expect(((await verified.json()) as { valid: boolean }).valid).toBe(true);
    }

    // SIGTERM with the database alive.
    expect(await terminateGroup(platform.pid)).toBeLessThan(SIGTERM_DEADLINE_MS);

    // And with it dead: killed, then SIGTERM while the platform is restarting it.
    platform = await startPlatformProcess(options);
    const afterRestart = await listIds('&status=anchored');
    expect(acknowledgedIds.filter((id) => !afterRestart.has(id))).toEqual([]);
    process.kill(await postmasterPid(), 'SIGKILL');
    expect(await terminateGroup(platform.pid)).toBeLessThan(SIGTERM_DEADLINE_MS);
    platform = undefined;
  });
});
