// A side's files are written before its row commits (commit-statement-upload.ts), so a process killed
// in between leaves a directory under STORAGE_DIR/reconciliation/sides that no row names. Removed on
// start, once older than an hour (an upload still committing its side is younger than that, so
// processes sharing the storage never remove each other's).
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../db/client';
import { isUuid } from '../ids';

const ORPHAN_AFTER_MS = 60 * 60 * 1000;

export async function removeOrphanSideDirectories({
  prisma,
  storageDir,
  now = Date.now(),
}: {
  prisma: PrismaClient;
  storageDir: string;
  now?: number;
}): Promise<number> {
  const sidesDir = path.join(storageDir, 'reconciliation', 'sides');
  const names = (await readdir(sidesDir).catch(() => [] as string[])).filter((name) => isUuid(name));
  if (names.length === 0) return 0;
  const known = new Set((await prisma.reconciliationSide.findMany({ where: { id: { in: names } }, select: { id: true } })).map((side) => side.id));
  let removed = 0;
  for (const name of names) {
    if (known.has(name)) continue;
    const directory = path.join(sidesDir, name);
    try {
      if (now - (await stat(directory)).mtimeMs <= ORPHAN_AFTER_MS) continue;
      await rm(directory, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Removed by its own upload's refusal meanwhile.
    }
  }
  return removed;
}
