// Readiness to accept evidence, for a load balancer: the database answers and file storage takes a
// write. The chain is not part of it: evidence is taken while the chain is down and anchored when
// it is back (lib/batches/start-batcher.ts), so an instance without a chain still belongs in rotation.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../db/client';
import { describeDatabaseError } from '../db/describe-database-error';
import { runQuery, sql } from '../db/sql';

export interface Readiness {
  ready: boolean;
  database: { ok: boolean; error?: string };
  storage: { ok: boolean; error?: string };
}

export async function checkReadiness({ prisma, storageDir }: { prisma: PrismaClient; storageDir: string }): Promise<Readiness> {
  const [database, storage] = await Promise.all([checkDatabase(prisma), checkStorage(storageDir)]);
  return { ready: database.ok && storage.ok, database, storage };
}

async function checkDatabase(prisma: PrismaClient): Promise<Readiness['database']> {
  try {
    await runQuery(prisma, sql`SELECT 1`);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeDatabaseError(error) };
  }
}

/** Writes and removes a small file where uploads are first written (storage/tmp), as an upload would. */
async function checkStorage(storageDir: string): Promise<Readiness['storage']> {
  const probe = path.join(storageDir, 'tmp', `.ready-${randomUUID()}`);
  try {
    await mkdir(path.dirname(probe), { recursive: true });
    await writeFile(probe, 'ready');
    return { ok: true };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { ok: false, error: code ? `${code}: file storage is not writable` : message };
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}
