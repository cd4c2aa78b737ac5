// Generated bad input, thousands of requests, against every API route: never a 5xx, and every 4xx is a
// problem document. fast-check draws the inputs (shrinking a failure to its smallest form and printing
// the seed to replay it). FUZZ_RUNS sets the runs per route (default 400; the long campaign runs it
// at 20000 from bench/: `FUZZ_RUNS=20000 npx playwright test e2e/fuzz-no-5xx.spec.ts`).
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import fc from 'fast-check';
import { createDemoLenderApiKey } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Fixed in the suite so that a run is repeatable; FUZZ_SEED=random (or a number) for the long campaign. */
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261204);
let auth: { authorization: string };

test.beforeAll(() => {
  auth = createDemoLenderApiKey('lenderA').headers;
});

async function noServerError(response: APIResponse, what: string, reportStatus?: number) {
  const status = response.status();
  expect(status, `${what} → ${status}: ${(await response.text()).slice(0, 300)}`).toBeLessThan(500);
  // POST /api/v1/verify answers a certificate that does not parse with 422 and its report (JSON), as documented.
  if (status >= 400 && status !== reportStatus) {
    expect(response.headers()['content-type'] ?? '', `${what} → ${status} is a problem document`).toContain('application/problem+json');
  }
}

/** Text with the characters that broke things before: NUL, lone surrogates, bidi controls, quotes. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\u202egpj.exe', '"', '\\', '0000-02-29T00:00:00Z', '-0', '1e309', ' ', '%00', '../..'),
  fc.string({ maxLength: 300 }),
);
/** A path segment from hostile text. encodeURIComponent refuses lone surrogates; such a segment is
 * sent as their UTF-8-less bytes. `.` and `..` are encoded too: as path segments the URL would
 * resolve them and leave the route. */
const encode = (s: string) => {
  try {
    return encodeURIComponent(s).replace(/^\.{1,2}$/, (dots) => '%2E'.repeat(dots.length)) || '%00';
  } catch {
    return '%ED%A0%80';
  }
};
const segment = nastyString.map(encode);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double(), fc.integer(), nastyString, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(nastyString, tie('value'), { maxKeys: 4 })),
})).value;
const recordLike = fc.record(
  { type: fc.oneof(fc.constantFrom('notice', 'loan_contract', 'repayment_record'), nastyString), loanReference: nastyString, borrowerReference: nastyString, data: jsonValue },
  { requiredKeys: [] },
);
const hashLike = fc.record(
  { sha256: fc.oneof(nastyString, fc.stringMatching(/^0x[0-9a-f]{64}$/)), fileName: nastyString, mediaType: nastyString, size: fc.oneof(fc.integer(), fc.double(), nastyString), type: nastyString },
  { requiredKeys: [] },
);
/** A JSON body as text: valid, or broken by duplicate keys, truncation or odd number spellings. */
const bodyText = (items: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.array(items, { maxLength: 5 }).map((value) => JSON.stringify(value)),
    jsonValue.map((value) => JSON.stringify(value)),
    fc.tuple(fc.array(items, { minLength: 1, maxLength: 3 }), fc.nat(40)).map(([value, cut]) => JSON.stringify(value).slice(0, -cut - 1)),
    fc.constantFrom('[{"type":"notice","data":{"a":1,"a":2}}]', '[{"type":"notice","data":{}}]'.replace('{}', '{"n":1.0e0}'), '', 'null', '[]', '{"certificate":'),
  );

async function fuzz<T>(arbitrary: fc.Arbitrary<T>, send: (value: T) => Promise<[APIResponse, string]>, reportStatus?: number) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const [response, what] = await send(value);
      await noServerError(response, what, reportStatus);
    }),
    { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
}

const contentType = fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '');

test.describe.configure({ timeout: 600_000 });

test('POST /api/v1/evidence/records and /hashes', async ({ request }) => {
  await fuzz(fc.tuple(bodyText(recordLike), contentType), async ([body, type]) => [
    await request.post('/api/v1/evidence/records', { headers: { ...auth, 'content-type': type }, data: body }),
    `records ${type} ${body.slice(0, 120)}`,
  ]);
  await fuzz(fc.tuple(bodyText(hashLike), contentType), async ([body, type]) => [
    await request.post('/api/v1/evidence/hashes', { headers: { ...auth, 'content-type': type }, data: body }),
    `hashes ${type} ${body.slice(0, 120)}`,
  ]);
});

test('POST /api/v1/verify', async ({ request }) => {
  const certificateish = fc.record({ certificate: jsonValue, fileSha256: nastyString }, { requiredKeys: [] }).map((v) => JSON.stringify(v));
  await fuzz(
    fc.tuple(fc.oneof(certificateish, bodyText(jsonValue)), contentType),
    async ([body, type]) => [await request.post('/api/v1/verify', { headers: { 'content-type': type }, data: body }), `verify ${type} ${body.slice(0, 120)}`],
    422,
  );
});

test('GET routes with hostile ids, serials and queries', async ({ request }) => {
  const get = async (r: APIRequestContext, path: string, withKey: boolean) => [await r.get(path, withKey ? { headers: auth } : {}), `GET ${path}`] as [APIResponse, string];
  await fuzz(fc.tuple(segment, fc.constantFrom('', '/certificate', '/certificate/pdf', '/receipt', '/file'), fc.boolean()), ([id, tail, withKey]) =>
    get(request, `/api/v1/evidence/${id}${tail}`, withKey),
  );
  await fuzz(fc.tuple(segment, fc.constantFrom('', '/status', '/pdf')), ([serial, tail]) => get(request, `/api/v1/certificates/${serial}${tail}`, false));
  await fuzz(fc.tuple(segment, fc.constantFrom('/package', '/reports/x', `/reports/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)), ([id, tail]) =>
    get(request, `/api/v1/cases/${id}${tail}`, true),
  );
  await fuzz(fc.tuple(segment, fc.boolean()), ([id, withKey]) => get(request, `/api/v1/batches/${id}`, withKey));
  const query = fc.record({ status: nastyString, since: nastyString, cursor: nastyString, limit: nastyString }, { requiredKeys: [] });
  await fuzz(query, (q) =>
    get(request, `/api/v1/evidence?${Object.entries(q).map(([k, v]) => `${k}=${encode(v as string)}`).join('&')}`, true),
  );
});

test('reconciliation routes with hostile pair ids, dates, queries and statement files', async ({ request }) => {
  // A key of its own per phase: the earlier tests used up `auth`'s rate limit, and each phase sends
  // fewer requests than a key's minute allows, so every answer is the route's own.
  const [keyA, keyB, keyC, keyD] = [0, 1, 2, 3].map(() => createDemoLenderApiKey('lenderA').headers);
  const pairs = (await (await request.get('/api/v1/reconciliation/pairs', { headers: keyA })).json()) as { pairs: Array<{ id: string }> };
  const pairId = pairs.pairs[0]!.id;
  const date = fc.oneof(segment, fc.constantFrom('2026-11-02', '2026-02-30', '0000-01-01', '9999-12-31', '2026-1-2'));
  await fuzz(fc.tuple(fc.oneof(segment, fc.constant(pairId)), date, fc.constantFrom('', '/breaks', '/sign-off', '/export?document=breaks', '/export?document=receipt-b', '/breaks/0/certificate?proof=absence')), async ([id, day, tail]) => [
    await request.get(`/api/v1/reconciliation/pairs/${id}/days/${day}${tail}`, { headers: keyA }),
    `GET pairs/${id}/days/${day}${tail}`,
  ]);
  const query = fc.record({ class: nastyString, cursor: nastyString, limit: nastyString, before: nastyString, document: fc.oneof(nastyString, fc.constantFrom('statement', 'breaks-csv')) }, { requiredKeys: [] });
  await fuzz(fc.tuple(query, fc.constantFrom('', '/2026-11-02/breaks', '/2026-11-02/export')), async ([q, tail]) => {
    const search = Object.entries(q).map(([k, v]) => `${k}=${encode(v as string)}`).join('&');
    const path = `/api/v1/reconciliation/pairs/${pairId}/days${tail}?${search}`;
    return [await request.get(path, { headers: keyB }), `GET ${path}`];
  });
  // Bodies that are not statements, to the demo pair's committed and uncommitted days: refused whole.
  const statementType = fc.constantFrom('text/csv', 'application/x-ndjson', 'text/plain', 'application/json', '');
  await fuzz(fc.tuple(date, fc.oneof(nastyString, bodyText(recordLike)), statementType), async ([day, body, type]) => [
    await request.put(`/api/v1/reconciliation/pairs/${pairId}/days/${day}/statement`, { headers: { ...keyC, 'content-type': type }, data: body }),
    `PUT statement ${day} ${type} ${body.slice(0, 120)}`,
  ]);
  // Sign-offs that are not sign-offs (no key signed them), to drafted and undrafted days: 4xx, nothing signed.
  const signOff = fc.record({ decision: fc.oneof(nastyString, fc.constantFrom('agreed', 'disputed')), objections: nastyString, signature: nastyString }, { requiredKeys: [] });
  await fuzz(fc.tuple(date, fc.oneof(signOff.map((body) => JSON.stringify(body)), bodyText(jsonValue), nastyString)), async ([day, body]) => [
    await request.post(`/api/v1/reconciliation/pairs/${pairId}/days/${day}/sign-off`, { headers: { ...keyD, 'content-type': 'application/json' }, data: body }),
    `POST sign-off ${day} ${body.slice(0, 120)}`,
  ]);
});

test('POST /api/v1/chain-rpc', async ({ request }) => {
  const call = fc.record({ jsonrpc: nastyString, id: jsonValue, method: fc.oneof(nastyString, fc.constantFrom('eth_call', 'eth_getLogs', 'eth_chainId', 'eth_sendRawTransaction')), params: jsonValue }, { requiredKeys: [] });
  await fuzz(fc.oneof(call.map((c) => JSON.stringify(c)), fc.array(call, { maxLength: 25 }).map((c) => JSON.stringify(c)), bodyText(jsonValue)), async (body) => [
    await request.post('/api/v1/chain-rpc', { headers: { 'content-type': 'application/json' }, data: body }),
    `chain-rpc ${body.slice(0, 120)}`,
  ]);
});
