// API keys against real PostgreSQL: create, authenticate from the Authorization header, revoke.
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../errors';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { authenticateApiKey } from './authenticate-api-key';
import { createApiKey } from './create-api-key';
import { revokeApiKey } from './revoke-api-key';

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

describe('API keys', () => {
  it('authenticate as their organization until revoked', async () => {
    const prisma = services.prisma;
    const { organization, created } = await findOrCreateOrganization({ prisma, name: '某某银行 Bank A', type: 'lender' });
    expect(created).toBe(true);
    expect((await findOrCreateOrganization({ prisma, name: '某某银行 Bank A', type: 'lender' })).created).toBe(false);
    const { apiKey, plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'loan system', actor: SYSTEM_ACTOR });
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.secretHash).not.toContain(plaintext.slice(13));
    expect(stored.lastUsedAt).toBeNull();

    expect(await authenticateApiKey({ prisma, authorization: `Bearer ${plaintext}` })).toEqual({
      organizationId: organization.id,
      organizationType: 'lender',
      apiKeyId: apiKey.id,
      prefix: apiKey.prefix,
    });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).not.toBeNull();
    expect(await authenticateApiKey({ prisma, authorization: `bearer   ${plaintext} ` })).toMatchObject({ apiKeyId: apiKey.id });

    const revoked = await revokeApiKey({ prisma, prefix: apiKey.prefix, actor: SYSTEM_ACTOR });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await revokeApiKey({ prisma, prefix: apiKey.prefix, actor: SYSTEM_ACTOR })).revokedAt).toEqual(revoked.revokedAt);
    await expect(authenticateApiKey({ prisma, authorization: `Bearer ${plaintext}` })).rejects.toThrow(/revoked/);
  });

  it('refuse a missing, malformed, unknown or tampered key alike', async () => {
    const prisma = services.prisma;
    const { organization } = await findOrCreateOrganization({ prisma, name: 'Bank B', type: 'lender' });
    const { plaintext } = await createApiKey({ prisma, organizationId: organization.id, name: 'x', actor: SYSTEM_ACTOR });
    const tampered = plaintext.slice(0, -1) + (plaintext.endsWith('A') ? 'B' : 'A');
    for (const authorization of [null, '', 'Basic dXNlcjpwYXNz', `Bearer`, `Bearer evk_nope`, `Bearer ${tampered}`, plaintext]) {
      await expect(authenticateApiKey({ prisma, authorization })).rejects.toThrow(UnauthorizedError);
    }
  });

  it('refuse an organization name reused with another type', async () => {
    await findOrCreateOrganization({ prisma: services.prisma, name: 'CIETAC', type: 'arbitration_commission' });
    await expect(findOrCreateOrganization({ prisma: services.prisma, name: 'CIETAC', type: 'lender' })).rejects.toThrow(/already exists/);
  });
});
