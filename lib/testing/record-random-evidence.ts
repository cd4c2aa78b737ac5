// Test fixture: records items of random content (16 bytes each, no stored file), as an upload
// would, for tests that need pending evidence to seal and anchor.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { recordEvidence } from '../evidence/record-evidence';

/** The ids of the recorded items, in order. */
export async function recordRandomEvidence({
  prisma,
  count = 1,
  organizationId = null,
}: {
  prisma: PrismaClient;
  count?: number;
  organizationId?: string | null;
}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const content = randomBytes(16);
    const item = await recordEvidence({
      prisma,
      sha256: new Uint8Array(createHash('sha256').update(content).digest()),
      size: content.length,
      storageKey: null,
      fileName: 'item.bin',
      mediaType: 'application/octet-stream',
      organizationId,
    });
    ids.push(item.id);
  }
  return ids;
}
