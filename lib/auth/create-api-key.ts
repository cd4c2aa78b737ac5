// Creates an API key for an organization. The plaintext is returned here once and never again:
// the database keeps only its SHA-256. The creation is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { appendAuditEntry, type AuditActor } from '../audit/append-audit-entry';
import { generateApiKey } from './api-key-format';

export interface ApiKeySummary {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function createApiKey({
  prisma,
  organizationId,
  name,
  actor,
}: {
  prisma: PrismaClient;
  organizationId: string;
  name: string;
  actor: AuditActor;
}): Promise<{ apiKey: ApiKeySummary; plaintext: string }> {
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
