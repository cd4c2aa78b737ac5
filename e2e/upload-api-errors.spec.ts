// Bad input at the HTTP boundary gets a clear 4xx problem+json, never a 500, and leaves nothing
// behind in storage.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR, E2E_MAX_UPLOAD_BYTES } from '../playwright.config';

const sha = (b: Buffer) => '0x' + createHash('sha256').update(b).digest('hex');

async function leftoverTempFiles(): Promise<string[]> {
  return readdir(path.join(E2E_DATA_DIR, 'storage', 'tmp')).catch(() => []);
}

test.describe('POST /api/v1/evidence/files', () => {
  test('stores a file and reports it pending with the server-computed hash', async ({ request }) => {
    const buffer = Buffer.from(`repayment record ${Date.now()}`);
    const response = await request.post('/api/v1/evidence/files', {
      multipart: { sha256: sha(buffer), file: { name: 'repayment.csv', mimeType: 'text/csv', buffer } },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ sha256: sha(buffer), size: buffer.length, fileName: 'repayment.csv', status: 'pending' });
    const status = await request.get(`/api/v1/evidence/${body.id}`);
    expect(status.status()).toBe(200);
  });

  test('rejects an empty file with 400', async ({ request }) => {
    const response = await request.post('/api/v1/evidence/files', {
      multipart: { file: { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) } },
    });
    expect(response.status()).toBe(400);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect((await response.json()).detail).toContain('empty');
  });

  test('rejects a file over the limit with 413 and keeps no partial file', async ({ request }) => {
    const buffer = Buffer.alloc(E2E_MAX_UPLOAD_BYTES + 1, 7);
    const response = await request.post('/api/v1/evidence/files', {
      multipart: { file: { name: 'big.bin', mimeType: 'application/octet-stream', buffer } },
    });
    expect(response.status()).toBe(413);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  test('rejects a request that is not multipart with 400', async ({ request }) => {
    const response = await request.post('/api/v1/evidence/files', {
      data: { file: 'not multipart' },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).detail).toContain('multipart/form-data');
  });

  test('rejects a file whose browser hash differs with 400 and stores nothing', async ({ request }) => {
    const buffer = Buffer.from(`tampered in transit ${Date.now()}`);
    const response = await request.post('/api/v1/evidence/files', {
      multipart: { sha256: sha(Buffer.from('something else')), file: { name: 'x.txt', mimeType: 'text/plain', buffer } },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).code).toBe('hash-mismatch');
    const stored = await readdir(path.join(E2E_DATA_DIR, 'storage', 'sha256', sha(buffer).slice(2, 4))).catch(() => []);
    expect(stored).not.toContain(sha(buffer).slice(2));
  });

  test('answers 404 for unknown or malformed evidence ids', async ({ request }) => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect((await request.get(`/api/v1/evidence/${id}`)).status()).toBe(404);
      expect((await request.get(`/api/v1/evidence/${id}/certificate`)).status()).toBe(404);
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
