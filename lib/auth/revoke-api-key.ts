// Revokes an API key by its prefix (what people see of a key). Revoking twice keeps the first time.
// With `organizationId` (a lender admin in the portal), only that organization's keys are found.
import type { PrismaClient } from '../db/client';
import { ApiKeyNotFoundError } from '../errors';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import type { ApiKeySummary } from './create-api-key';

export async function revokeApiKey({
  prisma,
  prefix,
  organizationId,
  actor,
}: {
  prisma: PrismaClient;
  prefix: string;
  organizationId?: string;
  actor: AuditActor;
}): Promise<ApiKeySummary> {
  const row = await prisma.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { prefix } });
    if (!existing || (organizationId !== undefined && existing.organizationId !== organizationId)) {
      throw new ApiKeyNotFoundError(prefix);
    }
    if (existing.revokedAt) return existing;
    const revoked = await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: new Date() } });
    await appendAuditEntry(tx, {
      actor,
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: revoked.id,
      details: { prefix: revoked.prefix, organizationId: revoked.organizationId },
    });
    return revoked;
  });
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
