// Nothing that was acknowledged is ever lost: the whole platform (as `npm start` runs it) takes
// concurrent record requests over HTTP and is killed with SIGKILL, Next.js server, launcher,
// embedded PostgreSQL and chain together, while requests are in flight. After a restart on the same
// data, every id that was answered 201 is served again, and every request is either wholly stored
// or wholly absent: each request carries its own loan reference, so its rows can be counted.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { fromPem } from '../proof/pem';
import { verifyTimestampToken } from '../proof/verify-timestamp-token';
import { createPrismaClient } from '../db/client';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { freePort } from '../testing/start-test-services';
import {
  ensureProductionBuild,
  startPlatformProcess,
  type PlatformProcess,
  type PlatformProcessOptions,
} from '../testing/start-platform-process';
import { createScratchDatabase } from '../testing/create-scratch-database';

const CLIENTS = 8;
// Single records, small batches and multi-row inserts large enough to be cut off mid-transaction.
const REQUEST_SIZES = [1, 25, 1, 400, 1, 2000];
const KILL_AFTER_ACKNOWLEDGED = 40;

interface SentRequest {
  marker: string;
  size: number;
  outcome: 'acknowledged' | 'no response';
  ids: string[];
}

let platform: PlatformProcess | undefined;
let dataDir: string;
let scratchDatabase: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;

beforeAll(async () => {
  ensureProductionBuild({ build: true });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'evident-kill-'));
  await chmod(dataDir, 0o755);
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  if (adminUrl) scratchDatabase = await createScratchDatabase(adminUrl);
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  await scratchDatabase?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function records(marker: string, size: number) {
  return Array.from({ length: size }, (_, i) => ({
    type: 'repayment_record',
    loanReference: marker,
    borrowerReference: `B-${i % 97}`,
    data: { loanId: marker, instalment: i + 1, amount: '1520.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
  }));
}

describe('killing the platform mid-request', () => {
  it('keeps every acknowledged record and never half a request', async () => {
    const options: PlatformProcessOptions = {
      dataDir,
      port: await freePort(),
      embeddedPostgresPort: await freePort(),
      localChainPort: await freePort(),
      databaseUrl: scratchDatabase?.url,
      // The batcher runs as in production, sealing while the requests come in.
      env: { BATCH_INTERVAL_MS: '500', API_RATE_LIMIT_PER_MINUTE: '1000000' },
    };
    platform = await startPlatformProcess(options);
    const prisma = createPrismaClient(platform.databaseUrl);
    let organizationId: string;
    let authorization: string;
    try {
      const { organization } = await findOrCreateOrganization({ prisma, name: 'Kill test lender', type: 'lender' });
      const { plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'kill test', actor: SYSTEM_ACTOR });
      organizationId = organization.id;
      authorization = `Bearer ${plaintext}`;
    } finally {
      await prisma.$disconnect();
    }

    const { baseUrl } = platform;
    const sent: SentRequest[] = [];
    const unexpected: string[] = [];
    let acknowledged = 0;
    let inFlight = 0;
    let serverGone = false;
    let killing = false;
    let killed: () => void;
    const killTime = new Promise<void>((resolve) => (killed = resolve));

    const client = async (clientIndex: number) => {
      for (let n = 0; !serverGone; n++) {
        const marker = `KILL-${clientIndex}-${n}`;
        const size = REQUEST_SIZES[(clientIndex + n) % REQUEST_SIZES.length];
        const request: SentRequest = { marker, size, outcome: 'no response', ids: [] };
        sent.push(request);
        inFlight++;
        try {
          const response = await fetch(`${baseUrl}/api/v1/evidence/records`, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify(records(marker, size)),
          });
          const text = await response.text();
          if (response.status !== 201) {
            unexpected.push(`${marker}: HTTP ${response.status} ${text.slice(0, 200)}`);
            continue;
          }
          request.ids = (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id);
          request.outcome = 'acknowledged';
          if (request.ids.length !== size) unexpected.push(`${marker}: sent ${size} records, ${request.ids.length} acknowledged`);
          if (++acknowledged === KILL_AFTER_ACKNOWLEDGED) killed();
        } catch (error) {
          // The connection broke: after the kill, this request's fate is for the database to tell.
          if (!killing) unexpected.push(`${marker}: failed before the kill: ${(error as Error).message}`);
          serverGone = true;
        } finally {
          inFlight--;
        }
      }
    };

    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    await Promise.race([killTime, clients]);
    expect(unexpected, 'before the kill').toEqual([]);
    const inFlightAtKill = inFlight;
    killing = true;
    await platform.kill();
    serverGone = true;
    await clients;

    expect(unexpected).toEqual([]);
    expect(inFlightAtKill).toBeGreaterThan(0);
    const unanswered = sent.filter((request) => request.outcome === 'no response');
    expect(unanswered.length).toBeGreaterThan(0);

    platform = await startPlatformProcess(options);
    const db = createPrismaClient(platform.databaseUrl);
    let stored: Map<string, number>;
    try {
      const rows = await db.$queryRaw<Array<{ loan_reference: string; rows: bigint }>>`
        SELECT loan_reference, count(*) AS rows FROM evidence WHERE organization_id = ${organizationId}::uuid
        GROUP BY loan_reference`;
      stored = new Map(rows.map((row) => [row.loan_reference, Number(row.rows)]));
    } finally {
      await db.$disconnect();
    }

    const bySentMarker = new Map(sent.map((request) => [request.marker, request]));
    const strays = [...stored.keys()].filter((marker) => !bySentMarker.has(marker));
    expect(strays).toEqual([]);
    const partial = sent
      .filter((request) => stored.has(request.marker) && stored.get(request.marker) !== request.size)
      .map((request) => `${request.marker}: ${stored.get(request.marker)} of ${request.size} rows`);
    expect(partial).toEqual([]);
    const lost = sent.filter((request) => request.outcome === 'acknowledged' && !stored.has(request.marker)).map((r) => r.marker);
    expect(lost).toEqual([]);

    // Over the API, as the lender would check: the listing holds every acknowledged id, and each
    // acknowledged request's first and last items can be fetched one by one.
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const response: Response = await fetch(`${baseUrl}/api/v1/evidence?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization },
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const item of page.items) listed.add(item.id);
      cursor = page.nextCursor;
    } while (cursor);
    const acknowledgedIds = sent.flatMap((request) => request.ids);
    expect(acknowledgedIds.filter((id) => !listed.has(id))).toEqual([]);
    for (const request of sent.filter((r) => r.outcome === 'acknowledged')) {
      for (const id of new Set([request.ids[0], request.ids[request.ids.length - 1]])) {
        const response = await fetch(`${baseUrl}/api/v1/evidence/${id}`, { headers: { authorization } });
        await response.arrayBuffer();
        expect(response.status, `GET /api/v1/evidence/${id} (${request.marker})`).toBe(200);
      }
    }

    // Every request that was stored has exactly one audit entry naming its rows, chained into an
    // intact audit log: the entry committed with the rows (the audit outbox), and the batcher chains
    // what the kill left in the outbox on its first tick.
    const audit = createPrismaClient(platform.databaseUrl);
    let leftInOutbox: number;
    try {
      leftInOutbox = await audit.auditOutbox.count();
      await expect.poll(() => audit.auditOutbox.count(), { timeout: 30_000 }).toBe(0);
      const ranges = await audit.$queryRaw<Array<{ loan_reference: string; range: string }>>`
        SELECT loan_reference, min(sequence)::text || '-' || max(sequence)::text || '/' || count(*)::text AS range
        FROM evidence WHERE organization_id = ${organizationId}::uuid GROUP BY loan_reference`;
      const entries = await audit.$queryRaw<Array<{ range: string }>>`
        SELECT (details->>'firstSequence') || '-' || (details->>'lastSequence') || '/' || (details->>'count') AS range
        FROM audit_entry WHERE action = 'evidence.ingest_api' AND target_id = ${organizationId}`;
      const entriesPerRange = new Map<string, number>();
      for (const entry of entries) entriesPerRange.set(entry.range, (entriesPerRange.get(entry.range) ?? 0) + 1);
      const withoutOneEntry = ranges
        .filter((row) => entriesPerRange.get(row.range) !== 1)
        .map((row) => `${row.loan_reference} (${row.range}): ${entriesPerRange.get(row.range) ?? 0} entries`);
      expect(withoutOneEntry).toEqual([]);
      expect(entries.length, 'audit entries for rows that were not stored').toBe(ranges.length);
      const chain = await verifyAuditChain({ prisma: audit });
      expect(chain.ok, JSON.stringify(chain)).toBe(true);

      // The timestamp step survives the kill too: every batch gets its RFC 3161 token once sealing
      // and stamping catch up (0 batches without a token), and every stored token verifies for its
      // batch's root against the TSA root it was checked with (0 unchecked tokens).
      await expect
        .poll(
          async () => {
            const [{ unsealed }] = await audit.$queryRaw<Array<{ unsealed: number }>>`
              SELECT count(*)::int AS unsealed FROM evidence e
              WHERE e.organization_id = ${organizationId}::uuid AND NOT EXISTS (
                SELECT 1 FROM batch b WHERE b.organization_id = e.organization_id AND e.sequence BETWEEN b.first_sequence AND b.last_sequence)`;
            const unstamped = await audit.batch.count({ where: { timestamp: null } });
            return { unsealed, unstamped };
          },
          { timeout: 90_000, interval: 500 },
        )
        .toEqual({ unsealed: 0, unstamped: 0 });
      const stamps = await audit.batchTimestamp.findMany({ include: { batch: { select: { root: true } } } });
      expect(stamps.length).toBeGreaterThan(0);
      const unchecked: string[] = [];
      for (const stamp of stamps) {
        const checked = await verifyTimestampToken({
          token: new Uint8Array(stamp.token),
          root: new Uint8Array(stamp.batch.root),
          trustedRoots: fromPem(stamp.tsaChain).slice(-1).map((block) => block.der),
        });
        if (!checked.ok) unchecked.push(`${stamp.batchId}: ${checked.message}`);
      }
      expect(unchecked).toEqual([]);
    } finally {
      await audit.$disconnect();
    }

    const committedWithoutReply = unanswered.filter((request) => stored.has(request.marker)).length;
    console.log(
      `killed with ${inFlightAtKill} requests in flight; ${acknowledged} acknowledged (${acknowledgedIds.length} records), ` +
        `${unanswered.length} unanswered of which ${committedWithoutReply} committed whole and ${unanswered.length - committedWithoutReply} absent; ` +
        `${leftInOutbox} audit entries were still in the outbox after the restart`,
    );
  }, 120_000);
});
