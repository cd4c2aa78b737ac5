// Bad input gets a 4xx with a problem document, never a 500: the findings of the outside campaign
// (issue #13) against the real platform, each one request.
import { expect, test, type APIResponse } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { signInRequest } from './accounts';
import { createDemoLenderApiKey } from './helpers';

let key: { headers: { authorization: string } };

test.beforeAll(() => {
  key = createDemoLenderApiKey('lenderA');
});

async function expectProblem(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['content-type']).toContain('application/problem+json');
}

test('a year-0 `since` is a 400', async ({ request }) => {
  await expectProblem(await request.get('/api/v1/evidence?since=0000-02-29T00:00:00Z', { headers: key.headers }), 400);
  await expectProblem(await request.get('/api/v1/evidence?since=2026-02-30T00:00:00Z', { headers: key.headers }), 400);
});

test('a NUL in a certificate serial is a 404 like any unknown serial', async ({ request }) => {
  await expectProblem(await request.get('/api/v1/certificates/%00x/status'), 404);
  await expectProblem(await request.get('/api/v1/certificates/%00x'), 404);
  await expectProblem(await request.get('/api/v1/certificates/%00x/pdf'), 404);
});

test('a NUL in a stored text field is a 400 naming the field, for records, hashes and uploads', async ({ request, page }) => {
  const records = await request.post('/api/v1/evidence/records', {
    headers: key.headers,
    data: [{ type: 'notice', loanReference: 'L-\u0000', data: { a: 1 } }],
  });
  await expectProblem(records, 400);
  expect(JSON.stringify(await records.json())).toContain('loanReference');
  const hashes = await request.post('/api/v1/evidence/hashes', {
    headers: key.headers,
    data: [{ sha256: `0x${'d'.repeat(64)}`, borrowerReference: 'B\u0000' }],
  });
  await expectProblem(hashes, 400);
  await signInRequest(page, 'lenderA');
  const upload = await page.request.post('/api/v1/evidence/files', {
    headers: { origin: E2E_BASE_URL },
    multipart: { title: 'Contract\u0000', file: { name: 'c.txt', mimeType: 'text/plain', buffer: Buffer.from('c') } },
  });
  await expectProblem(upload, 400);
  expect(JSON.stringify(await upload.json())).toContain('title');
});

test('a path that is not percent-encoded UTF-8 is a 400 problem, on any route', async ({ request }) => {
  for (const path of ['/api/v1/evidence/%ED%A0%80', '/api/v1/certificates/%FF/status', '/lender/evidence/%C0%AF']) {
    await expectProblem(await request.get(path, { headers: key.headers }), 400);
  }
});

test('over its rate limit, a key gets 429 on the fast ingest path too, whichever copy of the server counted first', async ({ request }) => {
  const own = createDemoLenderApiKey('lenderA');
  // A route Next.js serves counts first, then the records endpoint the web server answers itself.
  expect((await request.get('/api/v1/evidence?limit=1', { headers: own.headers })).status()).toBe(200);
  const statuses: number[] = [];
  for (let round = 0; round < 14 && !statuses.includes(429); round++) {
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => request.post('/api/v1/evidence/hashes', { headers: own.headers, data: [{ sha256: 'not-a-digest' }] })),
    );
    statuses.push(...replies.map((reply) => reply.status()));
  }
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  expect(statuses).toContain(429);
});

test('POST /api/v1/verify refuses fileSha256 "" as its description says', async ({ request }) => {
  await expectProblem(await request.post('/api/v1/verify', { data: { certificate: {}, fileSha256: '' } }), 400);
});
