// The reconciliation routes themselves (app/api/v1/reconciliation/…), called with real Requests and API
// keys on a real platform, as a bank's system calls them: the raw file as a PUT body, the answers'
// statuses, headers and problem bodies. The service-level cases are in commit-statement-upload.int.test.ts;
// this proves the wiring: params, body streaming, Idempotency-Key, the secret and issuer from config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { getPrisma } from '../db/client';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { createReconciliationPair } from './create-reconciliation-pair';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { verifyStatement } from './reconciliation-statement';
import { verifySideReceipt } from './side-receipt';

type Handler = (request: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;
let services: TestServices;
let PUT: Handler;
let GET_DAY: Handler;
let GET_BREAKS: Handler;
let GET_PAIRS: Handler;
let GET_EXPORT: Handler;
let keyA: string;
let keyB: string;
let keyOutsider: string;
let pairId: string;
let businessDate: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  services = await startTestServices();
  Object.assign(process.env, {
    DATA_DIR: services.config.dataDir,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
    RECONCILIATION_KEY_SECRET: services.secrets.reconciliationKeySecret,
    SESSION_SECRET: services.secrets.sessionSecret,
  });
  const lender = async (name: string) => {
    const { organization } = await findOrCreateOrganization({ prisma: services.prisma, name, type: 'lender' });
    const { plaintext } = await createApiKey({ prisma: services.prisma, organizationId: organization.id, name: 'ledger', actor: SYSTEM_ACTOR });
    return { id: organization.id, key: plaintext };
  };
  const [a, b, outsider] = await Promise.all([lender('Route Bank A'), lender('Route Bank B'), lender('Route Outsider')]);
  [keyA, keyB, keyOutsider] = [a.key, b.key, outsider.key];
  // Uploads run on the real clock: a window from 00:00 to 23:59 the next day (Asia/Shanghai), for yesterday.
  const shanghaiToday = new Date(Date.now() + 8 * 3_600_000);
  shanghaiToday.setUTCDate(shanghaiToday.getUTCDate() - 1);
  businessDate = shanghaiToday.toISOString().slice(0, 10);
  ({ pairId } = await createReconciliationPair({
    prisma: services.prisma,
    settings: {
      name: 'Route pair',
      cutOffTime: '23:59',
      firstBusinessDate: '2026-01-01',
      toleranceRules: [],
      columnMapA: { carrier: 'csv', encoding: 'utf-8' },
      columnMapB: { carrier: 'csv', encoding: 'utf-8' },
    },
    lenderA: a.id,
    lenderB: b.id,
    keySecret: services.secrets.reconciliationKeySecret,
    actor: SYSTEM_ACTOR,
  }));
  ({ PUT } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/route')) as unknown as { PUT: Handler });
  ({ GET: GET_DAY } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/route')) as unknown as { GET: Handler });
  ({ GET: GET_BREAKS } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/route')) as unknown as { GET: Handler });
  ({ GET: GET_PAIRS } = (await import('../../app/api/v1/reconciliation/pairs/route')) as unknown as { GET: Handler });
  ({ GET: GET_EXPORT } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/export/route')) as unknown as { GET: Handler });
}, 120_000);

afterAll(async () => {
  if (services) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
});

const dayUrl = () => `http://localhost/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}`;
const segment = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

function put(key: string, body: string, headers: Record<string, string> = {}) {
  return PUT(
    new Request(`${dayUrl()}/statement`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
    segment({ pairId, businessDate }),
  );
}

describe('the reconciliation routes', () => {
  const rows = generateStatementRows({ count: 40, seed: 61, date: '2026-12-01' });

  it('PUT commits a side (201, Location, signed receipt), a retry with the key replays, a second file is 409', async () => {
    const first = await put(keyA, rowsToCsv(rows), { 'idempotency-key': 'route-a-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}`);
    const body = await first.json();
    expect(body).toMatchObject({ pairId, businessDate, bothSidesIn: false, side: { bank: 'A', rowCount: 40 } });
    expect(verifySideReceipt(body.side.receipt).ok).toBe(true);

    const again = await put(keyA, rowsToCsv(rows), { 'idempotency-key': 'route-a-1' });
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(await again.json()).toEqual(body);

    const second = await put(keyA, rowsToCsv(rows.slice(1)));
    expect([second.status, second.headers.get('content-type')]).toEqual([409, 'application/problem+json']);
    expect(await second.json()).toMatchObject({ code: 'side-already-committed' });
  });

  it('answers a bad file 422 with its issues, the wrong type 415, an outsider 404, no key 401', async () => {
    const lines = rowsToCsv(rows).split('\n');
    lines[2] = lines[2].replace(/,settled,/, ',unknown,');
    const bad = await put(keyB, lines.join('\n'));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: 'statement-rejected', issueCount: 1, issues: [{ line: 3, field: 'status', code: 'unknown-status' }] });
    expect((await put(keyB, rowsToCsv(rows), { 'content-type': 'application/json' })).status).toBe(415);
    expect((await put(keyOutsider, rowsToCsv(rows))).status).toBe(404);
    const anonymous = await PUT(new Request(`${dayUrl()}/statement`, { method: 'PUT', body: 'x' }), segment({ pairId, businessDate }));
    expect(anonymous.status).toBe(401);
  });

  it('GETs the day with both receipts and the statement once bank B is in, its breaks and the pairs', async () => {
    expect((await put(keyB, rowsToCsv(rows.slice(0, 39)))).status).toBe(201);
    const day = await GET_DAY(new Request(dayUrl(), { headers: { authorization: `Bearer ${keyB}` } }), segment({ pairId, businessDate }));
    expect(day.status).toBe(200);
    const view = await day.json();
    expect(view.statement).toMatchObject({ status: 'draft', counts: { matched: 39, onlyA: 1 } });
    const breaks = await GET_BREAKS(new Request(`${dayUrl()}/breaks?class=only-a`, { headers: { authorization: `Bearer ${keyA}` } }), segment({ pairId, businessDate }));
    expect((await breaks.json()).items).toHaveLength(1);
    const badQuery = await GET_BREAKS(new Request(`${dayUrl()}/breaks?class=late`, { headers: { authorization: `Bearer ${keyA}` } }), segment({ pairId, businessDate }));
    expect(badQuery.status).toBe(400);
    const outsiderDay = await GET_DAY(new Request(dayUrl(), { headers: { authorization: `Bearer ${keyOutsider}` } }), segment({ pairId, businessDate }));
    expect(outsiderDay.status).toBe(404);
    const pairs = await (await GET_PAIRS(new Request('http://localhost/api/v1/reconciliation/pairs', { headers: { authorization: `Bearer ${keyA}` } }))).json();
    expect(pairs.pairs.map((p: { id: string; yourBank: string }) => [p.id, p.yourBank])).toEqual([[pairId, 'A']]);
  });

  it("exports the day's files: the signed receipts and statement verify on their own, the break list is the one the statement names", async () => {
    const download = (key: string, document: string) =>
      GET_EXPORT(new Request(`${dayUrl()}/export?document=${document}`, { headers: { authorization: `Bearer ${key}` } }), segment({ pairId, businessDate }));
    const receiptB = await download(keyA, 'receipt-b');
    expect([receiptB.status, receiptB.headers.get('content-disposition')]).toEqual([200, expect.stringContaining(`-${businessDate}-receipt-B.json`)]);
    expect(verifySideReceipt(await receiptB.text())).toMatchObject({ ok: true, receipt: { bank: 'B', side: { rowCount: 39 } } });
    const statement = await (await download(keyB, 'statement')).text();
    const breakList = await (await download(keyB, 'breaks')).json();
    expect(breakList).toHaveLength(1);
    expect(verifyStatement(statement, { breaks: breakList })).toMatchObject({ ok: true, statement: { counts: { matched: 39, onlyA: 1 } } });
    const csvBytes = new Uint8Array(await (await download(keyA, 'breaks-csv')).arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    expect(new TextDecoder().decode(csvBytes).split('\r\n')).toEqual([
      'ordinal,class,key,fields,rule,index_a,index_b,closed_by_timing_on,closes_break_of',
      `0,only-a,${breakList[0].key},,,${breakList[0].indexA},,,`,
      '',
    ]);
    expect((await download(keyA, 'everything')).status).toBe(400);
    expect((await download(keyOutsider, 'statement')).status).toBe(404);
    const audited = await services.prisma.auditEntry.findMany({ where: { action: 'reconciliation.export' } });
    expect(audited.map((entry) => (entry.details as { document: string }).document).sort()).toEqual(['breaks', 'breaks-csv', 'receipt-b', 'statement']);
  });
});
