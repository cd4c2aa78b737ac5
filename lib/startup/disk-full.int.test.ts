// The platform's file storage on a disk that fills up, as `npm start` runs it: the launcher is
// started in a private mount namespace whose storage directory is a small tmpfs (the database and
// the chain stay on the ordinary disk). Uploads go on until the disk is full; a full disk is a 507
// `storage-full` problem, never a 500 nor an "unexpected error" in the log; no temporary upload file
// is left and nothing is half-stored (every file row has its whole file, every stored file its row).
// JSON records and hashes, which need no file storage, are still taken meanwhile. Once space is freed the
// refused upload is taken; in the end every acknowledged item is anchored once, in one batch, and
// its certificate passes the verifier against the chain and the published issuer.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { BATCH_LANE_MATCHES } from '../batches/batch-of-evidence';
import { runQuery, sql } from '../db/sql';
import { createPrismaClient } from '../db/client';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { verifyCertificate } from '../proof/verify-certificate';
import { toHex } from '../proof/hex';
import { createScratchDatabase } from '../testing/create-scratch-database';
import { freePort } from '../testing/start-test-services';
import { ensureProductionBuild, startPlatformProcess, type PlatformProcess } from '../testing/start-platform-process';

const STORAGE_SIZE = '4m';
const UPLOAD_BYTES = 384 * 1024;
const MAX_UPLOADS_TO_FILL = 40;
const BALLAST_BYTES = 1024 * 1024;

/** Why a tmpfs cannot be mounted in a private mount namespace here (null: it can). */
function cannotMountTmpfs(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evident-tmpfs-probe-'));
  try {
    // The namespace, and the mount with it, ends with the mount command.
    const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], {
      encoding: 'utf8',
    });
    if (probe.error) return `unshare could not be run (${probe.error.message})`;
    if (probe.status !== 0) return `a tmpfs cannot be mounted in a private mount namespace (needs root or CAP_SYS_ADMIN): ${probe.stderr.trim()}`;
    return null;
  } finally {
    rmdirSync(dir);
  }
}

const skipReason = cannotMountTmpfs();
if (skipReason) console.warn(`disk-full test skipped: ${skipReason}`);

let platform: PlatformProcess | undefined;
let dataDir: string;
let scratchDatabase: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(skipReason !== null)('the file storage disk full', () => {
  beforeAll(async () => {
    ensureProductionBuild({ build: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'evident-disk-full-'));
    await chmod(dataDir, 0o755);
    const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
    if (adminUrl) scratchDatabase = await createScratchDatabase(adminUrl);
  }, 600_000);

  afterAll(async () => {
    // Killing the launcher's process group ends the mount namespace, and the tmpfs with it.
    await platform?.kill();
    await scratchDatabase?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 507 storage-full, stores nothing half, takes records meanwhile, and anchors everything acknowledged', { timeout: 180_000 }, async () => {
    // Only the file storage is on the small tmpfs; the mount point exists outside as an empty directory.
    const storageDir = path.join(dataDir, 'storage');
    await mkdir(storageDir, { mode: 0o755 });
    platform = await startPlatformProcess({
      dataDir,
      port: await freePort(),
      embeddedPostgresPort: await freePort(),
      localChainPort: await freePort(),
      databaseUrl: scratchDatabase?.url,
      env: { STORAGE_DIR: storageDir, BATCH_INTERVAL_MS: '300', API_RATE_LIMIT_PER_MINUTE: '1000000' },
      wrapper: [
        'unshare', '-m', '--propagation', 'private',
        'sh', '-c', 'mount -t tmpfs -o "size=$1,mode=0755" tmpfs "$2" && shift 2 && exec "$@"', 'sh', STORAGE_SIZE, storageDir,
      ],
    });
    const { baseUrl } = platform;
    // The platform's view of its storage: the tmpfs, seen through the launcher's mount namespace.
    const storage = path.join(`/proc/${platform.pid}/root`, storageDir);
    const log = () => `platform log:\n${platform!.output().slice(-4000)}`;

    const prisma = createPrismaClient(platform.databaseUrl);
    try {
      const { organization } = await findOrCreateOrganization({ prisma, name: 'Disk full lender', type: 'lender' });
      const { plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'disk full', actor: SYSTEM_ACTOR });
      const authorization = `Bearer ${plaintext}`;

      const uploaded = new Map<string, Buffer>(); // acknowledged file id -> its bytes
      const recordIds: string[] = []; // acknowledged records and hashes
      const upload = async (bytes: Buffer, name: string) => {
        const form = new FormData();
        form.append('sha256', `0x${sha256Hex(bytes)}`);
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
        const response = await fetch(`${baseUrl}/api/v1/evidence/files`, { method: 'POST', headers: { authorization }, body: form });
        const text = await response.text();
        if (response.status === 201) uploaded.set((JSON.parse(text) as { id: string }).id, bytes);
        return { status: response.status, contentType: response.headers.get('content-type'), text };
      };
      const expectStorageFull = (answer: Awaited<ReturnType<typeof upload>>, what: string) => {
        expect(answer.status, `${what}: ${answer.text.slice(0, 300)}\n${log()}`).toBe(507);
        expect(answer.contentType).toContain('application/problem+json');
        expect(JSON.parse(answer.text)).toMatchObject({ status: 507, code: 'storage-full' });
      };
      const postRecords = async (marker: string) => {
        const response = await fetch(`${baseUrl}/api/v1/evidence/records`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(
            Array.from({ length: 3 }, (_, i) => ({
              type: 'repayment_record',
              loanReference: marker,
              borrowerReference: `B-${i}`,
              data: { loanId: marker, instalment: i + 1, amount: '880.00', currency: 'CNY', paidAt: '2026-03-01T09:30:00+08:00' },
            })),
          ),
        });
        const text = await response.text();
        expect(response.status, `records ${marker}: ${text.slice(0, 300)}`).toBe(201);
        recordIds.push(...(JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id));
      };
      const postHashes = async (marker: string) => {
        const content = randomBytes(64);
        const response = await fetch(`${baseUrl}/api/v1/evidence/hashes`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify([{ sha256: `0x${sha256Hex(content)}`, fileName: `${marker}.pdf`, size: content.length, loanReference: marker }]),
        });
        const text = await response.text();
        expect(response.status, `hashes ${marker}: ${text.slice(0, 300)}`).toBe(201);
        recordIds.push(...(JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id));
      };
      const health = async () => {
        const response = await fetch(`${baseUrl}/api/health`);
        return { status: response.status, body: (await response.json()) as { ready: boolean; storage: { ok: boolean; error?: string } } };
      };
      const leftoverTempFiles = async () => readdir(path.join(storage, 'tmp')).catch(() => [] as string[]);

      await postRecords('DISKFULL-before');
      // Ballast of our own, removed later to free space (the space a refused upload found was less than it needed).
      const ballast = path.join(storage, 'ballast');
      await writeFile(ballast, Buffer.alloc(BALLAST_BYTES, 0xbb));

      // Uploads until the disk is full: the one that does not fit is refused with 507 mid-stream.
      let refused: Buffer | undefined;
      for (let n = 0; n < MAX_UPLOADS_TO_FILL && !refused; n++) {
        const bytes = randomBytes(UPLOAD_BYTES);
        const answer = await upload(bytes, `statement-${n}.bin`);
        if (answer.status === 201) continue;
        expectStorageFull(answer, `upload ${n}`);
        refused = bytes;
      }
      expect(refused, `the ${STORAGE_SIZE} disk never filled up`).toBeDefined();
      expect(uploaded.size).toBeGreaterThan(2);

      // The last pages too, with a filler file, so that even a one-byte file does not fit.
      const filler = path.join(storage, 'filler');
      const handle = await open(filler, 'wx');
      try {
        let chunk = 64 * 1024;
        for (;;) {
          try {
            await handle.write(Buffer.alloc(chunk, 0xaa));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            if (chunk <= 4096) break;
            chunk /= 2;
          }
        }
      } finally {
        await handle.close();
      }

      // Meanwhile: every upload, large, small or a retry, concurrently, is a 507; records are taken;
      // the health report says the storage is not writable, and why.
      const answers = await Promise.all([
        upload(refused!, 'retry.bin'),
        upload(randomBytes(UPLOAD_BYTES), 'large.bin'),
        upload(randomBytes(10 * 1024), 'small.bin'),
        upload(Buffer.from('1'), 'one-byte.txt'),
        postRecords('DISKFULL-while-full'),
      ]);
      answers.slice(0, 4).forEach((answer, i) => expectStorageFull(answer!, `upload ${i} while full`));
      await postRecords('DISKFULL-while-full-2');
      await postHashes('DISKFULL-hash-while-full');
      const whileFull = await health();
      expect(whileFull.status).toBe(503);
      expect(whileFull.body.storage).toMatchObject({ ok: false });
      expect(whileFull.body.storage.error).toContain('ENOSPC');
      expect(await leftoverTempFiles(), 'temporary upload files left behind').toEqual([]);

      // Space freed: the refused file is taken, and so is a new one.
      await rm(filler);
      await rm(ballast);
      expect((await upload(refused!, 'retry.bin')).status).toBe(201);
      expect((await upload(randomBytes(10 * 1024), 'after.bin')).status).toBe(201);
      expect((await health()).status).toBe(200);
      expect(await leftoverTempFiles()).toEqual([]);

      // Nothing half-stored: the file rows are exactly the acknowledged uploads, each with its whole
      // file, and every stored file belongs to a row.
      const fileRows = await prisma.$queryRaw<Array<{ id: string; storage_key: string; size: bigint }>>`
        SELECT id::text AS id, storage_key, size FROM evidence WHERE organization_id = ${organization.id}::uuid AND kind = 'file'`;
      expect(fileRows.map((row) => row.id).sort()).toEqual([...uploaded.keys()].sort());
      for (const row of fileRows) {
        const bytes = uploaded.get(row.id)!;
        expect(row.storage_key).toBe(sha256Hex(bytes));
        expect(Number(row.size)).toBe(bytes.length);
        const stored = await readFile(path.join(storage, 'sha256', row.storage_key.slice(0, 2), row.storage_key));
        expect(sha256Hex(stored), `stored file of ${row.id}`).toBe(row.storage_key);
      }
      const storedKeys = (await readdir(path.join(storage, 'sha256'), { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
      expect(storedKeys.sort()).toEqual([...new Set(fileRows.map((row) => row.storage_key))].sort());

      // Every acknowledged item anchored (final), each in one batch, each root anchored once.
      const acknowledged = [...uploaded.keys(), ...recordIds];
      const anchoredIds = async () => {
        const ids = new Set<string>();
        let cursor: string | null = null;
        do {
          const response: Response = await fetch(`${baseUrl}/api/v1/evidence?limit=1000&status=anchored${cursor ? `&cursor=${cursor}` : ''}`, {
            headers: { authorization },
          });
          expect(response.status).toBe(200);
          const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
          for (const item of page.items) ids.add(item.id);
          cursor = page.nextCursor;
        } while (cursor);
        return ids;
      };
      const deadline = Date.now() + 60_000;
      let unanchored = acknowledged;
      while (unanchored.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const anchored = await anchoredIds();
        unanchored = acknowledged.filter((id) => !anchored.has(id));
      }
      expect(unanchored, `acknowledged items not anchored within 60 s; ${log()}`).toEqual([]);

      const inTwoBatches = await runQuery(
        prisma,
        sql<{ id: string }>`SELECT e.id::text AS id FROM evidence e JOIN batch b ON e.sequence BETWEEN b.first_sequence AND b.last_sequence AND ${BATCH_LANE_MATCHES}
         WHERE e.organization_id = ${organization.id}::uuid GROUP BY e.id HAVING count(*) > 1`,
      );
      expect(inTwoBatches, 'items in more than one batch').toEqual([]);
      const batches = await prisma.batch.findMany({ where: { organizationId: organization.id } });
      expect(batches.every((batch) => batch.status === 'final')).toBe(true);
      const chainRpcUrl = /embedded chain \(anvil\) at (\S+)/.exec(platform.output())?.[1];
      expect(chainRpcUrl, 'the local chain URL in the platform log').toBeDefined();
      const provider = new JsonRpcProvider(chainRpcUrl, undefined, { staticNetwork: true });
      try {
        const contracts = [...new Set(batches.map((batch) => batch.contractAddress!))];
        const logs = await provider.getLogs({ address: contracts, topics: [ROOT_ANCHORED_TOPIC], fromBlock: 0, toBlock: 'latest' });
        const anchorsPerRoot = new Map<string, number>();
        for (const entry of logs) anchorsPerRoot.set(entry.topics[1], (anchorsPerRoot.get(entry.topics[1]) ?? 0) + 1);
        for (const batch of batches) {
          expect(anchorsPerRoot.get(toHex(batch.root)), `anchors of batch ${batch.id}`).toBe(1);
        }
      } finally {
        provider.destroy();
      }

      // Each certificate passes the verifier: the file's hash, the proof, the chain, the issuer.
      const issuer = (await (await fetch(`${baseUrl}/.well-known/evident-issuer.json`)).json()) as { address: string };
      const chain = createAnchorLookup({ rpcUrl: chainRpcUrl! });
      try {
        for (const id of acknowledged) {
          const response = await fetch(`${baseUrl}/api/v1/evidence/${id}/certificate`, { headers: { authorization } });
          expect(response.status, `certificate of ${id}`).toBe(200);
          const file = uploaded.get(id);
          const report = await verifyCertificate({
            certificate: await response.json(),
            fileSha256: file && new Uint8Array(createHash('sha256').update(file).digest()),
            chain,
            trustedIssuers: [issuer.address],
          });
          const failed = report.checks.filter((check) => check.status === 'fail').map((check) => `${check.code}: ${check.message}`);
          expect(failed, `certificate of ${id}`).toEqual([]);
          expect(report.valid).toBe(true);
          const passed = new Set(report.checks.filter((check) => check.status === 'pass').map((check) => check.id));
          for (const check of ['leaf', 'inclusion-proof', 'chain-anchor', 'signature', ...(file ? ['file-hash'] : [])]) {
            expect(passed.has(check as never), `${check} of ${id}`).toBe(true);
          }
        }
      } finally {
        chain.close();
      }

      // A full disk is an expected condition, not a fault of ours.
      expect(platform.output()).not.toContain('unexpected error');
      console.log(
        `disk full after ${uploaded.size - 2} uploads of ${UPLOAD_BYTES / 1024} KiB on a ${STORAGE_SIZE} tmpfs; ` +
          `${acknowledged.length} items acknowledged (${uploaded.size} files, ${recordIds.length} records and hashes) in ${batches.length} batches, all final and verified`,
      );
    } finally {
      await prisma.$disconnect();
    }
  });
});
