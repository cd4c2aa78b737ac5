// Revokes an API key by its prefix (what people see of a key). Revoking twice keeps the first time.
import type { PrismaClient } from '../db/client';
import { ApiKeyNotFoundError } from '../errors';
import type { ApiKeySummary } from './create-api-key';

export async function revokeApiKey({ prisma, prefix }: { prisma: PrismaClient; prefix: string }): Promise<ApiKeySummary> {
  const existing = await prisma.apiKey.findUnique({ where: { prefix } });
  if (!existing) throw new ApiKeyNotFoundError(prefix);
  const row = existing.revokedAt
    ? existing
    : await prisma.apiKey.update({ where: { id: existing.id }, data: { revokedAt: new Date() } });
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
