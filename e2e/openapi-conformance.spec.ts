// The API description matches the API: real responses of every documented route, valid and invalid
// requests alike, are checked against the OpenAPI document the server publishes: the status is one
// the operation declares, the content type is declared for it, and a JSON body validates against its
// schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import { createHash, randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect, test, type APIResponse } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { E2E_BASE_URL, E2E_MAX_UPLOAD_BYTES } from '../playwright.config';
import { signInRequest } from './accounts';
import { createDemoLenderApiKey, waitAnchoredViaApi } from './helpers';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let document: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

test.beforeAll(async ({ request }) => {
  const published = await (await request.get('/api/v1/openapi.json')).json();
  document = (await SwaggerParser.dereference(published)) as unknown as Document;
});

async function conforms(method: string, path: string, response: APIResponse) {
  const operation = document.paths[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeTruthy();
  const status = String(response.status());
  const declared = operation!.responses[status] ?? operation!.responses.default;
  expect(declared, `${method.toUpperCase()} ${path} declares ${status} (${await response.text()})`).toBeTruthy();
  const mediaType = (response.headers()['content-type'] ?? '').split(';')[0]!.trim();
  if (!declared!.content) return;
  // A media type range (`*/*`) declares a body of any type, e.g. an original file as it was uploaded.
  const content = declared!.content[mediaType] ?? declared!.content['*/*'];
  expect(content, `${method.toUpperCase()} ${path} ${status} declares ${mediaType}`).toBeTruthy();
  if (mediaType.endsWith('json') && content!.schema) {
    const validate = ajv.compile(content!.schema);
    const body = await response.json();
    expect(validate(body), `${method.toUpperCase()} ${path} ${status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`).toBe(true);
  }
}

test('every documented route answers as documented, for good and bad requests', async ({ request, page }) => {
  test.setTimeout(180_000);
  const key = createDemoLenderApiKey('lenderA');
  const auth = key.headers;
  const unknown = randomUUID();

  await conforms('get', '/api/v1/evidence', await request.get('/api/v1/evidence?limit=5', { headers: auth }));
  await conforms('get', '/api/v1/evidence', await request.get('/api/v1/evidence'));
  await conforms('get', '/api/v1/evidence', await request.get('/api/v1/evidence?since=0000-01-01T00:00:00Z', { headers: auth }));

  const records = await request.post('/api/v1/evidence/records', { headers: auth, data: [{ type: 'notice', data: { n: randomUUID() } }] });
  await conforms('post', '/api/v1/evidence/records', records);
  await conforms('post', '/api/v1/evidence/records', await request.post('/api/v1/evidence/records', { headers: auth, data: [{ type: 'nope' }] }));
  await conforms(
    'post',
    '/api/v1/evidence/records',
    await request.post('/api/v1/evidence/records', { headers: { ...auth, 'content-type': 'application/json' }, data: '[{"type":"notice","data":{"a":1,"a":2}}]' }),
  );
  await conforms('post', '/api/v1/evidence/records', await request.post('/api/v1/evidence/records', { data: [] }));
  const hashes = await request.post('/api/v1/evidence/hashes', { headers: auth, data: [{ sha256: `0x${createHash('sha256').update(randomUUID()).digest('hex')}` }] });
  await conforms('post', '/api/v1/evidence/hashes', hashes);
  await conforms('post', '/api/v1/evidence/hashes', await request.post('/api/v1/evidence/hashes', { headers: auth, data: [{ sha256: 'nope' }] }));

  await signInRequest(page, 'lenderA');
  const content = Buffer.from(`conformance ${randomUUID()}`);
  const upload = await page.request.post('/api/v1/evidence/files', {
    headers: { origin: E2E_BASE_URL },
    multipart: { sha256: `0x${createHash('sha256').update(content).digest('hex')}`, file: { name: 'c.txt', mimeType: 'text/plain', buffer: content } },
  });
  await conforms('post', '/api/v1/evidence/files', upload);
  await conforms('post', '/api/v1/evidence/files', await page.request.post('/api/v1/evidence/files', { headers: { origin: E2E_BASE_URL }, multipart: { title: 'x' } }));
  await conforms(
    'post',
    '/api/v1/evidence/files',
    await page.request.post('/api/v1/evidence/files', { headers: { origin: E2E_BASE_URL }, multipart: { title: 'a\u0000b', file: { name: 'c.txt', mimeType: 'text/plain', buffer: content } } }),
  );

  // Resumable uploads (tus 1.0).
  const tus = { 'tus-resumable': '1.0.0' };
  const metadata = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
      .join(',');
  const resumable = Buffer.from(`resumable conformance ${randomUUID()}`);
  const resumableSha = `0x${createHash('sha256').update(resumable).digest('hex')}`;
  await conforms('options', '/api/v1/uploads', await request.fetch('/api/v1/uploads', { method: 'OPTIONS' }));
  const createUpload = (headers: Record<string, string>) => request.post('/api/v1/uploads', { headers: { ...tus, ...headers } });
  const created = await createUpload({ ...auth, 'upload-length': String(resumable.length), 'upload-metadata': metadata({ filename: 'r.txt', sha256: resumableSha }) });
  await conforms('post', '/api/v1/uploads', created);
  await conforms('post', '/api/v1/uploads', await createUpload({ ...auth, 'upload-length': '10', 'upload-metadata': metadata({ type: 'nope' }) }));
  await conforms('post', '/api/v1/uploads', await createUpload({ ...auth, 'upload-length': String(E2E_MAX_UPLOAD_BYTES + 1) }));
  await conforms('post', '/api/v1/uploads', await createUpload({ 'upload-length': '10' }));
  await conforms('post', '/api/v1/uploads', await request.post('/api/v1/uploads', { headers: { ...auth, 'upload-length': '10' } }));
  const uploadPath = new URL(created.headers()['location']!, E2E_BASE_URL).pathname;
  const unknownUpload = `/api/v1/uploads/${unknown}`;
  const patchUpload = (path: string, offset: number) =>
    request.fetch(path, { method: 'PATCH', headers: { ...auth, ...tus, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, data: resumable });
  await conforms('head', '/api/v1/uploads/{id}', await request.fetch(uploadPath, { method: 'HEAD', headers: { ...auth, ...tus } }));
  await conforms('head', '/api/v1/uploads/{id}', await request.fetch(unknownUpload, { method: 'HEAD', headers: { ...auth, ...tus } }));
  await conforms('patch', '/api/v1/uploads/{id}', await patchUpload(uploadPath, 0));
  await conforms('patch', '/api/v1/uploads/{id}', await patchUpload(uploadPath, 1));
  await conforms('patch', '/api/v1/uploads/{id}', await patchUpload(unknownUpload, 0));
  await conforms('get', '/api/v1/uploads/{id}', await request.get(uploadPath, { headers: auth }));
  await conforms('get', '/api/v1/uploads/{id}', await request.get(unknownUpload, { headers: auth }));
  await conforms('get', '/api/v1/uploads/{id}', await request.get(uploadPath));
  const abandoned = await createUpload({ ...auth, 'upload-length': '10', 'upload-metadata': metadata({ filename: 'a.txt' }) });
  await conforms('delete', '/api/v1/uploads/{id}', await request.delete(new URL(abandoned.headers()['location']!, E2E_BASE_URL).pathname, { headers: { ...auth, ...tus } }));
  await conforms('delete', '/api/v1/uploads/{id}', await request.delete(unknownUpload, { headers: { ...auth, ...tus } }));

  const id = ((await records.json()) as { items: Array<{ id: string }> }).items[0]!.id;
  await conforms('get', '/api/v1/evidence/{id}', await request.get(`/api/v1/evidence/${id}`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}', await request.get(`/api/v1/evidence/${unknown}`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}', await request.get(`/api/v1/evidence/${id}`));
  await waitAnchoredViaApi(page, id).catch(() => undefined);
  const certificate = await request.get(`/api/v1/evidence/${id}/certificate`, { headers: auth });
  await conforms('get', '/api/v1/evidence/{id}/certificate', certificate);
  await conforms('get', '/api/v1/evidence/{id}/certificate', await request.get(`/api/v1/evidence/${unknown}/certificate`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}/certificate/pdf', await request.get(`/api/v1/evidence/${id}/certificate/pdf`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}/receipt', await request.get(`/api/v1/evidence/${id}/receipt`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}/receipt', await request.get(`/api/v1/evidence/${unknown}/receipt`, { headers: auth }));
  // A record's original is its canonical text.
  const original = await request.get(`/api/v1/evidence/${id}/file`, { headers: auth });
  expect(original.status()).toBe(200);
  expect(original.headers()['x-evident-sha256']).toMatch(/^0x[0-9a-f]{64}$/);
  await conforms('get', '/api/v1/evidence/{id}/file', original);
  await conforms('get', '/api/v1/evidence/{id}/file', await request.get(`/api/v1/evidence/${unknown}/file`, { headers: auth }));
  await conforms('get', '/api/v1/evidence/{id}/file', await request.get(`/api/v1/evidence/${id}/file`));
  const batchId = ((await (await request.get(`/api/v1/evidence/${id}`, { headers: auth })).json()) as { batchId: string | null }).batchId;
  if (batchId) await conforms('get', '/api/v1/batches/{id}', await request.get(`/api/v1/batches/${batchId}`, { headers: auth }));
  await conforms('get', '/api/v1/batches/{id}', await request.get(`/api/v1/batches/${unknown}`, { headers: auth }));

  const certificateJson = certificate.status() === 200 ? await certificate.json() : {};
  await conforms('post', '/api/v1/verify', await request.post('/api/v1/verify', { data: { certificate: certificateJson } }));
  await conforms('post', '/api/v1/verify', await request.post('/api/v1/verify', { data: { certificate: { format: 'nope' } } }));
  await conforms('post', '/api/v1/verify', await request.post('/api/v1/verify', { data: { certificate: {}, fileSha256: '' } }));
  await conforms('post', '/api/v1/verify', await request.post('/api/v1/verify', { headers: { 'content-type': 'text/plain' }, data: 'x' }));

  const serial = (certificateJson as { serial?: string }).serial ?? 'EVD-0000-0000-0000-0000';
  for (const suffix of ['', '/status', '/pdf']) {
    await conforms('get', `/api/v1/certificates/{serial}${suffix}`, await request.get(`/api/v1/certificates/${serial}${suffix}`));
    await conforms('get', `/api/v1/certificates/{serial}${suffix}`, await request.get(`/api/v1/certificates/EVD-ZZZZ-ZZZZ-ZZZZ-ZZZZ${suffix}`));
  }
  await conforms('get', '/api/v1/cases/{id}/package', await request.get(`/api/v1/cases/${unknown}/package`));
  await conforms('get', '/api/v1/cases/{id}/package', await request.get(`/api/v1/cases/${unknown}/package`, { headers: auth }));
});
