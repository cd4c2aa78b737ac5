// Revokes an API key by its prefix (what people see of a key). Revoking twice keeps the first time.
// A viewer (a lender admin in the portal) is authorized here for api_key.manage and finds only their
// own organization's keys: another's is "not found". The operator (scripts/revoke-api-key.ts) and
// the platform's own tests, acting as themselves, revoke any key.
import type { PrismaClient } from '../db/client';
import { ApiKeyNotFoundError } from '../errors';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import { ownOrganizationFor } from './authorize';
import type { ApiKeySummary } from './create-api-key';
import { auditActorOf, type Viewer } from './viewer';

/** Who revokes: a viewer, authorized and limited to their own organization's keys; or the operator
 * or the platform itself (SYSTEM_ACTOR, scripts/operator-command.ts operatorActor()), any key. */
export type ApiKeyRevoker = { viewer: Viewer } | { actor: AuditActor };

export async function revokeApiKey({
  prisma,
  prefix,
  ...revoker
}: { prisma: PrismaClient; prefix: string } & ApiKeyRevoker): Promise<ApiKeySummary> {
  const { organizationId, actor } = 'viewer' in revoker ? { organizationId: ownOrganizationFor(revoker.viewer, 'api_key.manage'), actor: auditActorOf(revoker.viewer) } : { organizationId: undefined, actor: revoker.actor };
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
