// Turns an `Authorization: Bearer evk_…` header into the calling organization, or UnauthorizedError
// (401). Unknown, malformed and revoked keys are refused alike; only a key whose hash matches learns
// that it was revoked.
import type { PrismaClient } from '../db/client';
import type { OrganizationType } from '../db/generated/enums';
import { UnauthorizedError } from '../errors';
import { apiKeyMatchesHash, parseApiKeyPrefix } from './api-key-format';

export interface ApiCaller {
  organizationId: string;
  organizationType: OrganizationType;
  apiKeyId: string;
  prefix: string;
}

// lastUsedAt is for operators spotting unused keys; a minute's precision spares a write per request.
const LAST_USED_PRECISION_MS = 60_000;

export async function authenticateApiKey({
  prisma,
  authorization,
}: {
  prisma: PrismaClient;
  authorization: string | null;
}): Promise<ApiCaller> {
  if (!authorization?.trim()) {
    throw new UnauthorizedError('This endpoint needs an API key: send `Authorization: Bearer evk_…`.');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) throw new UnauthorizedError('Send the API key as `Authorization: Bearer evk_…`.');
  const key = match[1];
  const prefix = parseApiKeyPrefix(key);
  const apiKey = prefix ? await prisma.apiKey.findUnique({ where: { prefix }, include: { organization: { select: { type: true } } } }) : null;
  if (!apiKey || !apiKeyMatchesHash(key, apiKey.secretHash)) throw new UnauthorizedError('The API key is not valid.');
  if (apiKey.revokedAt) throw new UnauthorizedError(`The API key ${apiKey.prefix} was revoked.`);

  const now = new Date();
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
  }
  return { organizationId: apiKey.organizationId, organizationType: apiKey.organization.type, apiKeyId: apiKey.id, prefix: apiKey.prefix };
}
