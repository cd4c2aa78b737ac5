// A lender's system submits evidence through the API with its key: structured records as JSON and
// as NDJSON, bare hashes and files; all or nothing on invalid input; safe retries with
// Idempotency-Key; limits answered with the right status and nothing stored.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_API_MAX_BODY_BYTES, E2E_BASE_URL } from '../playwright.config';
import { createOrganizationWithKey, listAll, record, type ApiKey } from './api-helpers';
import { queryE2eDatabase } from './e2e-database';

const sha256Hex = (data: string | Buffer) => '0x' + createHash('sha256').update(data).digest('hex');

let lender: ApiKey;

test.beforeAll(() => {
  lender = createOrganizationWithKey('Ingest Bank');
});

test('records as a JSON array are canonicalised (RFC 8785), hashed and stored in request order', async ({ request }) => {
  const records = [record(1), { type: 'notice', data: { b: 'é', a: [1e21, 1e-7, 4.5] } }];
  const response = await request.post('/api/v1/evidence/records', { headers: lender.headers, data: records });
  expect(response.status()).toBe(201);
  const { items } = await response.json();
  expect(items.map((i: { index: number }) => i.index)).toEqual([0, 1]);
  expect(items[1].sha256).toBe(sha256Hex('{"a":[1e+21,1e-7,4.5],"b":"é"}'));
  expect(BigInt(items[1].sequence)).toBeGreaterThan(BigInt(items[0].sequence));

  const view = await (await request.get(`/api/v1/evidence/${items[0].id}`, { headers: lender.headers })).json();
  expect(view).toMatchObject({
    id: items[0].id,
    kind: 'record',
    type: 'repayment_record',
    loanReference: 'L-2026-000001',
    borrowerReference: 'B-1',
    fileName: 'record-0.json',
    mediaType: 'application/json',
    sha256: items[0].sha256,
  });
});

test('records stream as NDJSON, one per line', async ({ request }) => {
  const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify(record(i)));
  const response = await request.post('/api/v1/evidence/records', {
    headers: { ...lender.headers, 'content-type': 'application/x-ndjson' },
    data: lines.join('\n') + '\n',
  });
  expect(response.status()).toBe(201);
  const { items } = await response.json();
  expect(items).toHaveLength(2500);
  expect(items[2499].index).toBe(2499);
  expect(items[7].sha256).toBe(sha256Hex(JSON.stringify(canonicalRecord(7))));
});

test('an invalid record anywhere stores nothing and gets 400 naming the index and field', async ({ request }) => {
  const key = createOrganizationWithKey('Careless Bank');
  const records = [record(1), record(2), { type: 'repayment_record', loanReference: 7, data: {} }, { type: 'notice', data: 'text' }];
  const response = await request.post('/api/v1/evidence/records', { headers: key.headers, data: records });
  expect(response.status()).toBe(400);
  expect(response.headers()['content-type']).toContain('application/problem+json');
  const problem = await response.json();
  expect(problem).toMatchObject({ status: 400, code: 'invalid-items', errorCount: 2 });
  expect(problem.errors).toEqual([
    { index: 2, field: 'loanReference', message: 'expected a string' },
    { index: 3, field: 'data', message: 'expected a JSON object' },
  ]);

  const ndjson = [JSON.stringify(record(1)), '{"type":"notice","data":{}', JSON.stringify(record(3))].join('\n');
  const streamed = await request.post('/api/v1/evidence/records', {
    headers: { ...key.headers, 'content-type': 'application/x-ndjson' },
    data: ndjson,
  });
  expect(streamed.status()).toBe(400);
  expect((await streamed.json()).errors).toEqual([{ index: 1, field: null, message: expect.stringContaining('not valid JSON') }]);

  const notJson = await request.post('/api/v1/evidence/records', { headers: { ...key.headers, 'content-type': 'application/json' }, data: '[{' });
  expect(notJson.status()).toBe(400);
  const badDigest = await request.post('/api/v1/evidence/hashes', { headers: key.headers, data: [{ sha256: '0x1234' }] });
  expect(badDigest.status()).toBe(400);
  expect((await badDigest.json()).errors).toEqual([{ index: 0, field: 'sha256', message: 'expected a 0x-prefixed 64-digit hex SHA-256' }]);

  expect(await listAll(request, key)).toEqual([]);
});

test('hashes are stored with their optional description', async ({ request }) => {
  const digest = sha256Hex(`loan contract ${Date.now()}`);
  const response = await request.post('/api/v1/evidence/hashes', {
    headers: lender.headers,
    data: [{ sha256: digest, fileName: 'contract.pdf', mediaType: 'application/pdf', size: 182044, type: 'loan_contract', loanReference: 'L-9' }, { sha256: digest }],
  });
  expect(response.status()).toBe(201);
  const { items } = await response.json();
  expect(items.map((i: { sha256: string }) => i.sha256)).toEqual([digest, digest]);
  const view = await (await request.get(`/api/v1/evidence/${items[0].id}`, { headers: lender.headers })).json();
  expect(view).toMatchObject({ kind: 'hash', fileName: 'contract.pdf', mediaType: 'application/pdf', size: 182044, type: 'loan_contract', loanReference: 'L-9' });
  const bare = await (await request.get(`/api/v1/evidence/${items[1].id}`, { headers: lender.headers })).json();
  expect(bare).toMatchObject({ kind: 'hash', fileName: 'hash-1', mediaType: 'application/octet-stream', size: 0, type: null });
});

test('a file uploaded with a key belongs to the organization, with its type and references', async ({ request }) => {
  const buffer = Buffer.from(`借款合同 loan contract ${Date.now()}`);
  const idempotencyKey = randomUUID();
  const upload = () =>
    request.post('/api/v1/evidence/files', {
      headers: { ...lender.headers, 'idempotency-key': idempotencyKey },
      multipart: {
        sha256: sha256Hex(buffer),
        type: 'loan_contract',
        loanReference: 'L-2026-000042',
        borrowerReference: 'B-42',
        file: { name: 'contract.txt', mimeType: 'text/plain', buffer },
      },
    });
  const response = await upload();
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body).toMatchObject({ kind: 'file', type: 'loan_contract', loanReference: 'L-2026-000042', borrowerReference: 'B-42', sha256: sha256Hex(buffer), status: 'pending' });

  const retry = await upload();
  expect(retry.status()).toBe(201);
  expect(retry.headers()['idempotent-replayed']).toBe('true');
  expect(await retry.json()).toEqual(body);

  expect((await request.get(`/api/v1/evidence/${body.id}`, { headers: lender.headers })).status()).toBe(200);
  // Organization evidence is not readable anonymously (401: sign in or send a key), nor by another
  // organization (404: its existence is not revealed).
  expect((await request.get(`/api/v1/evidence/${body.id}`)).status()).toBe(401);
  const other = createOrganizationWithKey('Other Bank');
  expect((await request.get(`/api/v1/evidence/${body.id}`, { headers: other.headers })).status()).toBe(404);

  const badType = await request.post('/api/v1/evidence/files', {
    headers: lender.headers,
    multipart: { type: 'invoice', file: { name: 'x.txt', mimeType: 'text/plain', buffer } },
  });
  expect(badType.status()).toBe(400);
  expect(await badType.json()).toMatchObject({ code: 'invalid-fields', fieldErrors: { type: [expect.any(String)] } });
});

test('a retry with the same Idempotency-Key returns the first response and stores nothing', async ({ request }) => {
  const key = createOrganizationWithKey('Retrying Bank');
  const idempotencyKey = randomUUID();
  const records = [record(10), record(11), record(12)];
  const first = await request.post('/api/v1/evidence/records', { headers: { ...key.headers, 'idempotency-key': idempotencyKey }, data: records });
  expect(first.status()).toBe(201);
  const firstBody = await first.text();
  expect(await listAll(request, key)).toHaveLength(3);

  const retry = await request.post('/api/v1/evidence/records', { headers: { ...key.headers, 'idempotency-key': idempotencyKey }, data: records });
  expect(retry.status()).toBe(201);
  expect(retry.headers()['idempotent-replayed']).toBe('true');
  expect(await retry.text()).toBe(firstBody);
  expect(await listAll(request, key)).toHaveLength(3);

  const different = await request.post('/api/v1/evidence/records', {
    headers: { ...key.headers, 'idempotency-key': idempotencyKey },
    data: [record(13)],
  });
  expect(different.status()).toBe(422);
  expect(different.headers()['content-type']).toContain('application/problem+json');
  expect((await different.json()).code).toBe('idempotency-key-reused');
  expect(await listAll(request, key)).toHaveLength(3);
});

test('oversize requests get 413 and store nothing', async ({ request }) => {
  const key = createOrganizationWithKey('Oversize Bank');
  const padding = 'x'.repeat(1024);
  const count = Math.ceil(E2E_API_MAX_BODY_BYTES / 1000) + 10;
  const big = JSON.stringify(Array.from({ length: count }, (_, i) => ({ type: 'other', data: { i, padding } })));
  expect(Buffer.byteLength(big)).toBeGreaterThan(E2E_API_MAX_BODY_BYTES);
  const response = await request.post('/api/v1/evidence/records', { headers: { ...key.headers, 'content-type': 'application/json' }, data: big });
  expect(response.status()).toBe(413);
  expect((await response.json()).code).toBe('request-too-large');

  const tooMany = await request.post('/api/v1/evidence/hashes', {
    headers: key.headers,
    data: Array.from({ length: 10_001 }, () => ({ sha256: '0x' + '11'.repeat(32) })),
  });
  expect(tooMany.status()).toBe(413);

  const longLine = await request.post('/api/v1/evidence/records', {
    headers: { ...key.headers, 'content-type': 'application/x-ndjson' },
    data: JSON.stringify({ type: 'other', data: { blob: 'y'.repeat(1024 * 1024) } }) + '\n',
  });
  expect(longLine.status()).toBe(413);
  expect(await listAll(request, key)).toEqual([]);
});

test('the audit entry of an API import names the address the connection came from, not one the client claims', async ({ request }) => {
  const key = createOrganizationWithKey('Forging Bank');
  const response = await request.post('/api/v1/evidence/records', {
    headers: { ...key.headers, 'x-forwarded-for': '203.0.113.99', 'x-evident-client-ip': '198.51.100.7' },
    data: [record(1)],
  });
  expect(response.status()).toBe(201);
  const entries = await queryE2eDatabase<{ ip_address: string | null }>(
    `SELECT ip_address FROM audit_entry WHERE action = 'evidence.ingest_api' AND target_id = $1`,
    [key.organizationId],
  );
  expect(entries).toEqual([{ ip_address: '127.0.0.1' }]);
});

test('a request refused before its body is read still gets its answer, and the connection carries on', async () => {
  // One keep-alive connection: a 3 MB body with a wrong key, then a valid request on the same socket.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (authorization: string, body: string) =>
    new Promise<{ status: number; body: string; reusedSocket: boolean }>((resolve, reject) => {
      const sent = http.request(
        `${E2E_BASE_URL}/api/v1/evidence/records`,
        { method: 'POST', agent, headers: { authorization, 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body: text, reusedSocket: sent.reusedSocket }));
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  // The key first: making it runs a script for seconds under load, and a socket left idle past the
  // server's keep-alive timeout (5 s) is closed, which is HTTP working as specified, not this test's subject.
  const key = createOrganizationWithKey('Keep-alive Bank');
  try {
    const big = JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ type: 'other', data: { i, padding: 'x'.repeat(1000) } })));
    const refused = await post('Bearer evk_notakey1_thisisnotavalidsecretatall', big);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).code).toBe('unauthorized');
    const accepted = await post(key.headers.authorization, JSON.stringify([record(1)]));
    expect(accepted.status).toBe(201);
    expect(accepted.reusedSocket).toBe(true);
  } finally {
    agent.destroy();
  }
});

test('a Host header that is not a host name does not turn an import into a server error', async () => {
  const key = createOrganizationWithKey('Odd Host Bank');
  const status = await new Promise<number>((resolve, reject) => {
    const sent = http.request(
      `${E2E_BASE_URL}/api/v1/evidence/records`,
      { method: 'POST', headers: { ...key.headers, host: 'not a host', 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      },
    );
    sent.on('error', reject);
    sent.end(JSON.stringify([record(1)]));
  });
  expect(status).toBe(201);
});

function canonicalRecord(i: number) {
  const { data } = record(i);
  return Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)));
}
