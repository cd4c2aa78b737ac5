// Bad input at the HTTP boundary gets a clear 4xx problem+json, never a 500, and leaves nothing
// behind in storage. Uploads and evidence reads need a lender: a portal session or an API key.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_DATA_DIR, E2E_MAX_UPLOAD_BYTES } from '../playwright.config';
import { signInRequest } from './accounts';
import { createOrganizationWithKey, type ApiKey } from './api-helpers';

const sha = (b: Buffer) => '0x' + createHash('sha256').update(b).digest('hex');

async function leftoverTempFiles(): Promise<string[]> {
  return readdir(path.join(E2E_DATA_DIR, 'storage', 'tmp')).catch(() => []);
}

const portalFields = { title: '还款记录', type: 'repayment_record', loanReference: 'L-2026-000123', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' };

test.describe('POST /api/v1/evidence/files', () => {
  let key: ApiKey;
  // One lender session for the whole file: sign-ins are rate-limited per address.
  let lenderA: Page;
  test.beforeAll(async ({ browser }) => {
    key = createOrganizationWithKey('Upload Errors Bank');
    lenderA = await browser.newPage();
    await signInRequest(lenderA, 'lenderA');
  });
  test.afterAll(async () => {
    await lenderA?.close();
  });

  test('stores a lender session upload pending with the server-computed hash and the borrower', async () => {
    const buffer = Buffer.from(`repayment record ${Date.now()}`);
    const response = await lenderA.request.post('/api/v1/evidence/files', {
      multipart: { sha256: sha(buffer), ...portalFields, file: { name: 'repayment.csv', mimeType: 'text/csv', buffer } },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ sha256: sha(buffer), size: buffer.length, fileName: 'repayment.csv', status: 'pending', title: '还款记录' });
    expect(body.borrower.name).toBe('张伟 Zhang Wei');
    const status = await lenderA.request.get(`/api/v1/evidence/${body.id}`);
    expect(status.status()).toBe(200);
  });

  test('refuses anonymous uploads and reads with 401, and non-lenders with 403', async ({ page, request }) => {
    const buffer = Buffer.from(`anonymous ${Date.now()}`);
    const anonymous = await request.post('/api/v1/evidence/files', { multipart: { sha256: sha(buffer), file: { name: 'a.txt', mimeType: 'text/plain', buffer } } });
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()['content-type']).toContain('application/problem+json');
    expect((await request.get('/api/v1/evidence/00000000-0000-4000-8000-000000000000')).status()).toBe(401);
    await signInRequest(page, 'regulator');
    const regulator = await page.request.post('/api/v1/evidence/files', { multipart: { ...portalFields, file: { name: 'r.txt', mimeType: 'text/plain', buffer } } });
    expect(regulator.status()).toBe(403);
  });

  test('names every invalid field of a portal upload and stores nothing', async () => {
    const buffer = Buffer.from(`invalid fields ${Date.now()}`);
    const response = await lenderA.request.post('/api/v1/evidence/files', {
      multipart: { type: 'contract', borrowerName: '张伟', borrowerPhone: 'call me', file: { name: 'x.txt', mimeType: 'text/plain', buffer } },
    });
    expect(response.status()).toBe(400);
    const problem = await response.json();
    expect(problem.code).toBe('invalid-fields');
    expect(Object.keys(problem.fieldErrors).sort()).toEqual(['borrowerPhone', 'title', 'type']);
    const stored = await readdir(path.join(E2E_DATA_DIR, 'storage', 'sha256', sha(buffer).slice(2, 4))).catch(() => []);
    expect(stored).not.toContain(sha(buffer).slice(2));
  });

  test('rejects an empty file with 400', async ({ request }) => {
    const response = await request.post('/api/v1/evidence/files', {
      headers: key.headers,
      multipart: { file: { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) } },
    });
    expect(response.status()).toBe(400);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect((await response.json()).detail).toContain('empty');
  });

  test('rejects a file over the limit with 413 and keeps no partial file', async ({ request }) => {
    const buffer = Buffer.alloc(E2E_MAX_UPLOAD_BYTES + 1, 7);
    const response = await request.post('/api/v1/evidence/files', {
      headers: key.headers,
      multipart: { file: { name: 'big.bin', mimeType: 'application/octet-stream', buffer } },
    });
    expect(response.status()).toBe(413);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  test('rejects a request that is not multipart with 400', async ({ request }) => {
    const response = await request.post('/api/v1/evidence/files', {
      headers: key.headers,
      data: { file: 'not multipart' },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).detail).toContain('multipart/form-data');
  });

  test('rejects a file whose browser hash differs with 400 and stores nothing', async ({ request }) => {
    const buffer = Buffer.from(`tampered in transit ${Date.now()}`);
    const response = await request.post('/api/v1/evidence/files', {
      headers: key.headers,
      multipart: { sha256: sha(Buffer.from('something else')), file: { name: 'x.txt', mimeType: 'text/plain', buffer } },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).code).toBe('hash-mismatch');
    const stored = await readdir(path.join(E2E_DATA_DIR, 'storage', 'sha256', sha(buffer).slice(2, 4))).catch(() => []);
    expect(stored).not.toContain(sha(buffer).slice(2));
  });

  test('answers 404 for unknown or malformed evidence ids', async ({ request }) => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect((await request.get(`/api/v1/evidence/${id}`, { headers: key.headers })).status()).toBe(404);
      expect((await request.get(`/api/v1/evidence/${id}/certificate`, { headers: key.headers })).status()).toBe(404);
    }
  });

  test('the chain relay refuses methods that write', async ({ request }) => {
    const response = await request.post('/api/v1/chain-rpc', {
      data: { jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: ['0x00'] },
    });
    expect(response.status()).toBe(400);
    const read = await request.post('/api/v1/chain-rpc', { data: { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] } });
    expect((await read.json()).result).toBe('0x7a69');
  });
});
