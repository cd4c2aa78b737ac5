// Creates an API key for an organization. The plaintext is returned here once and never again:
// the database keeps only its SHA-256. The creation is audited in the same transaction.
// A viewer (a lender admin in the portal) is authorized here for api_key.manage and gets a key for
// their own organization; the operator (scripts/create-api-key.ts) and the platform's own tests and
// benches name the organization and themselves as the audit actor, and are not asked.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import { generateApiKey } from './api-key-format';
import { ownOrganizationFor } from './authorize';
import { auditActorOf, type Viewer } from './viewer';

export interface ApiKeySummary {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who creates a key: a viewer, authorized and limited to their own organization; or the operator
 * or the platform itself (SYSTEM_ACTOR, scripts/operator-command.ts operatorActor()), for any. */
export type ApiKeyCreator = { viewer: Viewer } | { organizationId: string; actor: AuditActor };

export async function createApiKey({
  prisma,
  name,
  ...creator
}: { prisma: PrismaClient; name: string } & ApiKeyCreator): Promise<{ apiKey: ApiKeySummary; plaintext: string }> {
  const { organizationId, actor } = 'viewer' in creator ? { organizationId: ownOrganizationFor(creator.viewer, 'api_key.manage'), actor: auditActorOf(creator.viewer) } : creator;
  // Prefixes are random; on the rare collision with an existing key's prefix, draw again.
  for (let attempt = 1; ; attempt++) {
    const generated = generateApiKey();
    try {
      const row = await prisma.$transaction(async (tx) => {
        const created = await tx.apiKey.create({
          data: { id: randomUUID(), organizationId, name, prefix: generated.prefix, secretHash: generated.secretHash },
        });
        await appendAuditEntry(tx, {
          actor,
          action: 'api_key.create',
          targetType: 'api_key',
          targetId: created.id,
          details: { prefix: created.prefix, name, organizationId },
        });
        return created;
      });
      return {
        apiKey: {
          id: row.id,
          organizationId: row.organizationId,
          name: row.name,
          prefix: row.prefix,
          createdAt: row.createdAt,
          revokedAt: row.revokedAt,
        },
        plaintext: generated.plaintext,
      };
    } catch (error) {
      const prefixTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!prefixTaken || attempt >= 5) throw error;
    }
  }
}
