// Turns an `Authorization: Bearer evk_…` header into the calling organization, or UnauthorizedError
// (401). Unknown, malformed and revoked keys are refused alike; only a key whose hash matches learns
// that it was revoked.
import { getPgPool, type PrismaClient } from '../db/client';
import { db, runQuery, runStatement, sql } from '../db/sql';
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
  const apiKey = prefix ? await findApiKey(prisma, prefix) : null;
  if (!apiKey || !apiKeyMatchesHash(key, apiKey.secret_hash)) throw new UnauthorizedError('The API key is not valid.');
  if (apiKey.revoked_at) throw new UnauthorizedError(`The API key ${apiKey.prefix} was revoked.`);

  const now = Date.now();
  if (apiKey.last_used_ms === null || now - Number(apiKey.last_used_ms) > LAST_USED_PRECISION_MS) {
    await runStatement(getPgPool(prisma), db.updateTable('api_key').set({ last_used_at: new Date(now) }).where('id', '=', apiKey.id));
  }
  return { organizationId: apiKey.organization_id, organizationType: apiKey.organization_type, apiKeyId: apiKey.id, prefix: apiKey.prefix };
}

interface ApiKeyRow {
  id: string;
  prefix: string;
  secret_hash: string;
  revoked_at: Date | null;
  last_used_ms: string | null;
  organization_id: string;
  organization_type: OrganizationType;
}

// Every API request starts here, so it is one pg round trip (a Prisma findUnique with its include
// cost the single-record path more CPU than the INSERT it guards), and a named statement, planned once
// per connection.
async function findApiKey(prisma: PrismaClient, prefix: string): Promise<ApiKeyRow | null> {
  const rows = await runQuery(
    getPgPool(prisma),
    sql<ApiKeyRow>`SELECT k.id::text AS id, k.prefix, k.secret_hash, k.revoked_at,
            (extract(epoch FROM k.last_used_at) * 1000)::bigint::text AS last_used_ms,
            k.organization_id::text AS organization_id, o.type::text AS organization_type
     FROM api_key k JOIN organization o ON o.id = k.organization_id
     WHERE k.prefix = ${prefix}`,
    { name: 'evident_find_api_key' },
  );
  return rows[0] ?? null;
}
