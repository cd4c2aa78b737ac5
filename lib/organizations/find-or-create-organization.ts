// Organizations are created by the operator (scripts/create-api-key.ts) until the portals land;
// names are unique, so running the script again for the same lender reuses its organization.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import type { OrganizationType } from '../db/generated/enums';
import { InvalidRequestError } from '../errors';

export const ORGANIZATION_TYPES = ['lender', 'arbitration_commission', 'regulator', 'operator'] as const;

export interface OrganizationSummary {
  id: string;
  name: string;
  type: OrganizationType;
  createdAt: Date;
}

export async function findOrCreateOrganization({
  prisma,
  name,
  type,
}: {
  prisma: PrismaClient;
  name: string;
  type: OrganizationType;
}): Promise<{ organization: OrganizationSummary; created: boolean }> {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidRequestError('An organization needs a name.');
  // Certificates sign the name (docs/proof-format.md section 15), which holds it to 200 characters.
  if ([...trimmed].length > 200) throw new InvalidRequestError('An organization name is at most 200 characters.');
  const id = randomUUID();
  const organization = await prisma.organization.upsert({
    where: { name: trimmed },
    create: { id, name: trimmed, type },
    update: {},
  });
  if (organization.type !== type) {
    throw new InvalidRequestError(`Organization ${JSON.stringify(trimmed)} already exists as a ${organization.type}, not a ${type}.`);
  }
  const { createdAt } = organization;
  return { organization: { id: organization.id, name: organization.name, type: organization.type, createdAt }, created: organization.id === id };
}
