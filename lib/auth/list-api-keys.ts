// The API keys of the viewer's own organization (lender admins), newest first. Secrets are never
// readable: only names, prefixes and dates.
import type { PrismaClient } from '../db/client';
import { authorize } from './authorize';
import type { ApiKeySummary } from './create-api-key';
import type { Viewer } from './viewer';

export async function listApiKeys({ prisma, viewer }: { prisma: PrismaClient; viewer: Viewer }): Promise<Array<ApiKeySummary & { lastUsedAt: Date | null }>> {
  authorize(viewer, 'api_key.manage');
  return prisma.apiKey.findMany({
    where: { organizationId: viewer.organizationId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, organizationId: true, name: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true },
  });
}
