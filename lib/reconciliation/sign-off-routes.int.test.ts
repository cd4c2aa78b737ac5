// The sign-off routes themselves (GET and POST …/days/{businessDate}/sign-off), called with real
// Requests and the demo banks' API keys on a real platform, as a bank's signing system calls them:
// fetch the typed data, sign it with the bank's own key, post the signature. Statuses and problem
// bodies as the caller sees them; the service rules are in sign-off-statement.int.test.ts.
import { readFile } from 'node:fs/promises';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { getPrisma } from '../db/client';
import { DEMO_RECONCILIATION_DAYS, DEMO_SIGN_OFF_KEY_PASSWORD, demoSignOffKeyFile } from '../demo/demo-consortium';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { dayViewSchema, signOffRequestSchema, type SignOffRequest } from './reconciliation-schemas';

type Handler = (request: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;
let services: TestServices;
let GET: Handler;
let POST: Handler;
let GET_DAY: Handler;
let apiKeyA: string;
let apiKeyB: string;
let apiKeyOutsider: string;
let signerA: Wallet;
let signerB: Wallet;
let pairId: string;
const [day1] = DEMO_RECONCILIATION_DAYS;
const savedEnv = { ...process.env };

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  Object.assign(process.env, {
    DATA_DIR: services.config.dataDir,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
    RECONCILIATION_KEY_SECRET: services.secrets.reconciliationKeySecret,
    SESSION_SECRET: services.secrets.sessionSecret,
  });
  const pair = await services.prisma.reconciliationPair.findFirstOrThrow();
  pairId = pair.id;
  const key = async (organizationId: string) =>
    (await createApiKey({ prisma: services.prisma, organizationId, name: 'signing system', actor: SYSTEM_ACTOR })).plaintext;
  const outsider = await findOrCreateOrganization({ prisma: services.prisma, name: 'Route Outsider Bank', type: 'lender' });
  [apiKeyA, apiKeyB, apiKeyOutsider] = await Promise.all([key(pair.lenderAId), key(pair.lenderBId), key(outsider.organization.id)]);
  const open = async (bank: 'A' | 'B') => (await Wallet.fromEncryptedJson(await readFile(demoSignOffKeyFile(services.config.dataDir, bank), 'utf8'), DEMO_SIGN_OFF_KEY_PASSWORD)) as Wallet;
  [signerA, signerB] = await Promise.all([open('A'), open('B')]);
  ({ GET, POST } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/sign-off/route')) as unknown as { GET: Handler; POST: Handler });
  ({ GET: GET_DAY } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/route')) as unknown as { GET: Handler });
}, 120_000);

afterAll(async () => {
  if (services) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
});

const url = () => `http://localhost/api/v1/reconciliation/pairs/${pairId}/days/${day1}/sign-off`;
const segment = () => ({ params: Promise.resolve({ pairId, businessDate: day1 }) });
const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
const getRequest = (apiKey: string) => GET(new Request(url(), { headers: auth(apiKey) }), segment());
const post = (apiKey: string, body: string) =>
  POST(new Request(url(), { method: 'POST', headers: { ...auth(apiKey), 'content-type': 'application/json' }, body }), segment());

/** What a bank's signing system does with the GET answer: fill in the decision and sign with its own key. */
async function signRequest(request: SignOffRequest, key: Wallet): Promise<string> {
  const { domain, types, message } = request.typedData;
  return key.signTypedData({ ...domain, chainId: BigInt(domain.chainId) }, types, {
    ...message,
    decision: request.decisionValues.agreed,
    objectionsHash: `0x${'00'.repeat(32)}`,
  });
}

describe('the sign-off routes', () => {
  it('GET gives each bank its typed data; an outsider gets 404, no key 401', async () => {
    const response = await getRequest(apiKeyA);
    expect(response.status).toBe(200);
    const request = signOffRequestSchema.parse(await response.json());
    expect(request).toMatchObject({ party: 'A', signerAddress: signerA.address.toLowerCase(), statement: { status: 'draft' } });
    expect(signOffRequestSchema.parse(await (await getRequest(apiKeyB)).json()).party).toBe('B');
    expect((await getRequest(apiKeyOutsider)).status).toBe(404);
    expect((await GET(new Request(url()), segment())).status).toBe(401);
  });

  it('POST refuses a bad body with 400 and a wrong signer with 422, then takes each bank once (409 the second time)', async () => {
    const requestA = signOffRequestSchema.parse(await (await getRequest(apiKeyA)).json());
    const requestB = signOffRequestSchema.parse(await (await getRequest(apiKeyB)).json());
    const problem = async (response: Response) => ({ status: response.status, detail: ((await response.json()) as { detail: string }).detail });

    expect((await problem(await post(apiKeyA, '{'))).status).toBe(400);
    expect((await problem(await post(apiKeyA, JSON.stringify({ decision: 'maybe', signature: '0x00' })))).status).toBe(400);
    // Bank A's typed data signed with bank B's key: named as not the registered signer.
    const wrong = await problem(await post(apiKeyA, JSON.stringify({ decision: 'agreed', signature: await signRequest(requestA, signerB) })));
    expect(wrong.status).toBe(422);
    expect(wrong.detail).toContain(signerA.address.toLowerCase());
    expect((await post(apiKeyOutsider, JSON.stringify({ decision: 'agreed', signature: await signRequest(requestA, signerA) }))).status).toBe(404);

    const signatureA = await signRequest(requestA, signerA);
    expect((await post(apiKeyA, JSON.stringify({ decision: 'agreed', signature: signatureA }))).status).toBe(200);
    expect((await problem(await post(apiKeyA, JSON.stringify({ decision: 'agreed', signature: signatureA })))).status).toBe(409);
    const last = await post(apiKeyB, JSON.stringify({ decision: 'agreed', signature: await signRequest(requestB, signerB) }));
    expect(last.status).toBe(200);

    const day = dayViewSchema.parse(await (await GET_DAY(new Request(url().replace('/sign-off', ''), { headers: auth(apiKeyB) }), segment())).json());
    expect(day.statement!.status).toBe('agreed');
    expect(day.statement!.signOffs.map((signOff) => signOff.party)).toEqual(['A', 'B', 'evident']);
  });
});
