// Health for load balancers, with the real database and chain: the chain going away degrades
// anchoring but leaves the instance ready to accept evidence, and the batches that wait on it are
// counted; readiness fails only for the database or storage.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymousViewer } from '../auth/viewer';
import { sealAllPendingEvidence } from '../batches/seal-all-pending-evidence';
import { createPrismaClient } from '../db/client';
import { recordEvidence } from '../evidence/record-evidence';
import { platformTestSetup } from '../testing/platform-test-setup';
import { freePort } from '../testing/start-test-services';
import { checkHealth } from './check-health';
import { checkReadiness } from './check-readiness';

const platform = platformTestSetup({ chainProxy: true });

async function sealOneBatch(text: string) {
  await recordEvidence({
    prisma: platform.services.prisma,
    sha256: new Uint8Array(createHash('sha256').update(text).digest()),
    size: text.length,
    storageKey: null,
    fileName: `${text}.txt`,
    mediaType: 'text/plain',
  });
  const sealed = await sealAllPendingEvidence({ prisma: platform.services.prisma, maxLeaves: 100 });
  expect(sealed).toHaveLength(1);
}

const health = () =>
  checkHealth({
    prisma: platform.services.prisma,
    storageDir: platform.services.config.storageDir,
    chainRpcUrl: platform.chainProxy.url,
    viewer: anonymousViewer(),
  });

describe('health with the chain stopped', () => {
  it('is ready with the chain up and nothing waiting', async () => {
    const report = await health();
    expect(report).toMatchObject({ ok: true, ready: true, database: { ok: true }, storage: { ok: true }, chain: { ok: true } });
    expect(report.anchoring).toMatchObject({ status: 'ok', chainReset: false });
    expect(report.batcher.waitingBatches).toBe(0);
  });

  it('stays ready, with anchoring degraded and the sealed batches counted as waiting', async () => {
    await platform.chainProxy.cut();
    try {
      for (const text of ['waits for the chain 1', 'waits for the chain 2', 'waits for the chain 3']) await sealOneBatch(text);
      const report = await health();
      expect(report.ready).toBe(true);
      expect(report.ok).toBe(false);
      expect(report.chain.ok).toBe(false);
      expect(report.chain.error).toBeTruthy();
      expect(report.anchoring.status).toBe('degraded');
      expect(report.anchoring.reason).toMatch(/chain/);
      expect(report.batcher.unfinishedBatches).toEqual({ sealed: 3 });
      expect(report.batcher.waitingBatches).toBe(3);
      expect((await checkReadiness({ prisma: platform.services.prisma, storageDir: platform.services.config.storageDir })).ready).toBe(true);
    } finally {
      await platform.chainProxy.restore();
    }
    const back = await health();
    expect(back.chain.ok).toBe(true);
    // The batches are still to be anchored, but nothing stops them now.
    expect(back.batcher.waitingBatches).toBe(0);
    expect(back.anchoring.status).toBe('ok');
  });

  it('is not ready when the database does not answer, and names why', async () => {
    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${await freePort()}/evident`);
    try {
      const readiness = await checkReadiness({ prisma: unreachable, storageDir: platform.services.config.storageDir });
      expect(readiness.ready).toBe(false);
      expect(readiness.database.error).toMatch(/Can't reach database server/);
      expect(readiness.storage.ok).toBe(true);
      const report = await checkHealth({ prisma: unreachable, storageDir: platform.services.config.storageDir, chainRpcUrl: platform.chainProxy.url, viewer: anonymousViewer() });
      expect(report.ready).toBe(false);
      expect(report.chain.ok).toBe(true);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it('is not ready when file storage cannot be written', async () => {
    // A file where the storage directory should be: nothing can be stored under it.
    const blocked = path.join(platform.services.config.dataDir, 'storage-is-a-file');
    await writeFile(blocked, 'not a directory');
    const readiness = await checkReadiness({ prisma: platform.services.prisma, storageDir: blocked });
    expect(readiness.ready).toBe(false);
    expect(readiness.database.ok).toBe(true);
    expect(readiness.storage.error).toMatch(/ENOTDIR|EEXIST/);
  });
});
