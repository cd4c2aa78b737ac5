// Resumable uploads (tus) through handleResumableUpload, the route's one service, on real PostgreSQL
// and real file storage: uploads are each organization's own, limits and bad descriptions are refused
// before any byte is sent, a digest mismatch keeps nothing, and finishing again never makes a second
// item.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import { anonymousViewer, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import { problemResponse } from '../http/problem-response';
import { removeExpiredUploads, resumableUploadDirectory } from '../storage/resumable-upload-store';
import { storedFilePath } from '../storage/store-stream';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import type { ResumableUploadStatus } from './evidence-schemas';
import { handleResumableUpload } from './handle-resumable-upload';

let services: TestServices;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let apiKeyA: ApiKeyViewer;
let regulator: StaffViewer;

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '127.0.0.1' })) as StaffViewer;
  lenderA = await staff('lender-a@evident.demo');
  lenderB = await staff('lender-b@evident.demo');
  regulator = await staff('regulator@evident.demo');
  const { apiKey } = await createApiKey({ prisma: services.prisma, organizationId: lenderA.organizationId, name: 'loan system', actor: SYSTEM_ACTOR });
  apiKeyA = { kind: 'api-key', apiKeyId: apiKey.id, prefix: apiKey.prefix, organizationId: lenderA.organizationId, organizationType: 'lender', ipAddress: '127.0.0.1' };
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

const sha = (bytes: Buffer) => '0x' + createHash('sha256').update(bytes).digest('hex');
const metadataHeader = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
const description = (content: Buffer, extra: Record<string, string> = {}) => ({
  filename: '借款合同.pdf',
  filetype: 'application/pdf',
  sha256: sha(content),
  title: '借款合同',
  type: 'loan_contract',
  borrowerName: '张伟',
  borrowerIdNumber: '44010419900307451X',
  ...extra,
});

async function send(
  viewer: Viewer,
  method: string,
  id: string | null,
  headers: Record<string, string> = {},
  body?: Buffer,
  { maxBytes, expiryMs }: { maxBytes?: number; expiryMs?: number } = {},
): Promise<Response> {
  const request = new Request(`http://localhost/api/v1/uploads${id ? `/${id}` : ''}`, {
    method,
    headers: { 'tus-resumable': '1.0.0', ...headers },
    body: body === undefined ? undefined : new Uint8Array(body),
    duplex: 'half',
  } as RequestInit);
  return handleResumableUpload({
    request,
    viewer,
    prisma: services.prisma,
    storageDir: services.config.storageDir,
    maxBytes: maxBytes ?? services.config.maxUploadBytes,
    expiryMs: expiryMs ?? services.config.resumableUploadExpiryMs,
    borrowerIdSalt: services.secrets.borrowerIdSalt,
  }).catch(problemResponse);
}

async function create(viewer: Viewer, content: Buffer, metadata: Record<string, string> = description(content), options = {}) {
  return send(viewer, 'POST', null, { 'upload-length': String(content.length), 'upload-metadata': metadataHeader(metadata) }, undefined, options);
}

async function createdId(viewer: Viewer, content: Buffer, metadata?: Record<string, string>): Promise<string> {
  const response = await create(viewer, content, metadata);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.headers.get('location')!.split('/').pop()!;
}

const patch = (viewer: Viewer, id: string, offset: number, bytes: Buffer) =>
  send(viewer, 'PATCH', id, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, bytes);
const offsetOf = async (viewer: Viewer, id: string) => Number((await send(viewer, 'HEAD', id)).headers.get('upload-offset'));
const evidenceRowsWith = async (digest: string) => services.prisma.evidence.count({ where: { sha256: Buffer.from(digest.slice(2), 'hex') } });

describe('an upload in two parts, resumed from the server’s offset', () => {
  it('becomes one evidence item with the server’s SHA-256, its audit entry, and the evidence id in the answer', async () => {
    const content = Buffer.from(`contract ${randomUUID()} `.repeat(5000));
    const id = await createdId(lenderA, content);
    expect(await offsetOf(lenderA, id)).toBe(0);
    const half = Math.floor(content.length / 2);
    expect((await patch(lenderA, id, 0, content.subarray(0, half))).status).toBe(204);
    // The connection broke here; the client asks where to go on from.
    expect(await offsetOf(lenderA, id)).toBe(half);
    const last = await patch(lenderA, id, half, content.subarray(half));
    expect(last.status).toBe(204);
    const evidenceId = last.headers.get('evident-evidence-id')!;
    expect(evidenceId).toMatch(/^[0-9a-f-]{36}$/);

    const row = await services.prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } });
    expect('0x' + Buffer.from(row.sha256).toString('hex')).toBe(sha(content));
    expect(row).toMatchObject({ organizationId: lenderA.organizationId, title: '借款合同', fileName: '借款合同.pdf', mediaType: 'application/pdf', evidenceType: 'loan_contract' });
    expect(Number(row.size)).toBe(content.length);
    expect(row.borrowerId).not.toBeNull();
    expect(await readFile(storedFilePath(services.config.storageDir, sha(content).slice(2)))).toEqual(content);
    const audits = await services.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM audit_entry WHERE action = 'evidence.upload' AND target_id = ${evidenceId}`;
    expect(audits[0].n).toBe(1);
    const submission = await services.prisma.$queryRaw<Array<{ channel: string }>>`
      SELECT s.channel::text AS channel FROM submission s JOIN evidence e ON e.submission_id = s.id WHERE e.id = ${evidenceId}::uuid`;
    expect(submission[0].channel).toBe('portal');

    // The status read names the item; the partial file gave its space back but still says "complete".
    const status = (await (await send(lenderA, 'GET', id)).json()) as ResumableUploadStatus;
    expect(status).toMatchObject({ id, length: content.length, offset: content.length, evidence: { id: evidenceId, sha256: sha(content), status: 'pending' } });
    const partial = await stat(path.join(resumableUploadDirectory(services.config.storageDir), id));
    expect(partial.size).toBe(content.length);
    expect(partial.blocks * 512).toBeLessThan(content.length);
    const info = JSON.parse(await readFile(path.join(resumableUploadDirectory(services.config.storageDir), `${id}.json`), 'utf8'));
    expect(JSON.stringify(info)).not.toContain(Buffer.from('44010419900307451X').toString('base64'));
  });

  it('takes an API key of the same organization, recorded as the API channel', async () => {
    const content = Buffer.from(`api ${randomUUID()}`);
    // A system may send a bare file, as with the multipart upload.
    const id = await createdId(apiKeyA, content, { filename: 'ledger.csv', sha256: sha(content) });
    const last = await patch(apiKeyA, id, 0, content);
    expect(last.status).toBe(204);
    const submission = await services.prisma.$queryRaw<Array<{ channel: string }>>`
      SELECT s.channel::text AS channel FROM submission s JOIN evidence e ON e.submission_id = s.id WHERE e.id = ${last.headers.get('evident-evidence-id')}::uuid`;
    expect(submission[0].channel).toBe('api');
  });
});

describe('another organization', () => {
  it('gets 404 on HEAD, PATCH, GET and DELETE of lender A’s upload, and changes nothing', async () => {
    const content = Buffer.from(`private ${randomUUID()}`.repeat(100));
    const id = await createdId(lenderA, content);
    expect((await patch(lenderA, id, 0, content.subarray(0, 100))).status).toBe(204);
    for (const method of ['HEAD', 'GET', 'DELETE']) {
      const response = await send(lenderB, method, id);
      expect(response.status, method).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const refused = await patch(lenderB, id, 100, content.subarray(100));
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe('upload-not-found');
    expect(await offsetOf(lenderA, id)).toBe(100);
    // An unknown id and a malformed one read the same.
    expect((await send(lenderA, 'HEAD', randomUUID())).status).toBe(404);
    expect((await send(lenderA, 'HEAD', '..%2F..%2Fsecret')).status).toBe(404);
  });

  it('refuses roles that do not submit evidence (403) and anonymous callers (401)', async () => {
    const content = Buffer.from('x');
    expect((await create(regulator, content)).status).toBe(403);
    expect((await create(anonymousViewer('127.0.0.1'), content)).status).toBe(401);
  });
});

describe('refused at creation, before any byte is sent', () => {
  it('a length over the upload limit: 413 upload-too-large', async () => {
    const response = await send(lenderA, 'POST', null, { 'upload-length': String(2048), 'upload-metadata': metadataHeader(description(Buffer.from('x'))) }, undefined, { maxBytes: 1024 });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'upload-too-large', status: 413 });
  });

  it('the protocol’s own refusals are problem+json too (no Tus-Resumable: 412)', async () => {
    const request = new Request('http://localhost/api/v1/uploads', { method: 'POST', headers: { 'upload-length': '10' } });
    const response = await handleResumableUpload({
      request,
      viewer: lenderA,
      prisma: services.prisma,
      storageDir: services.config.storageDir,
      maxBytes: services.config.maxUploadBytes,
      expiryMs: services.config.resumableUploadExpiryMs,
    });
    expect(response.status).toBe(412);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('tus-resumable')).toBe('1.0.0');
    expect(await response.json()).toMatchObject({ status: 412, code: 'tus-version-unsupported' });
  });

  it('a bad description names the field (same checks as the multipart upload), and nothing is created', async () => {
    const before = await readdir(resumableUploadDirectory(services.config.storageDir));
    const content = Buffer.from('described badly');
    const badType = await create(lenderA, content, description(content, { type: 'nope' }));
    expect(badType.status).toBe(400);
    expect(await badType.json()).toMatchObject({ code: 'invalid-fields', fieldErrors: { type: [expect.stringContaining('one of')] } });
    const unknownField = await create(lenderA, content, description(content, { colour: 'blue', organizationId: lenderB.organizationId }));
    expect(((await unknownField.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({
      colour: [expect.stringContaining('is not a field')],
      organizationId: ['is set by the server, not by the client'],
    });
    const { title: _title, ...untitled } = description(content);
    expect(((await (await create(lenderA, content, untitled)).json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ title: ['is missing'] });
    const badDigest = await create(lenderA, content, description(content, { sha256: 'abc' }));
    expect(((await badDigest.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty('sha256');
    expect((await create(lenderA, Buffer.alloc(0))).status).toBe(400);
    expect(await readdir(resumableUploadDirectory(services.config.storageDir))).toEqual(before);
  });

  it('a new borrower whose name the organization knows under another identifier: 409 same-name-borrower', async () => {
    const content = Buffer.from(`same name ${randomUUID()}`);
    // The first test's upload named the demo borrower (by ID number), so lender A knows the name.
    const other = { borrowerName: '张伟 Zhang Wei', borrowerIdNumber: '110101199003074477' };
    const response = await create(lenderA, content, description(content, other));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'same-name-borrower', existingBorrowers: [expect.anything()] });
    expect((await create(lenderA, content, description(content, { ...other, confirmSameNameBorrower: 'true' }))).status).toBe(201);
  });
});

describe('finishing', () => {
  it('a SHA-256 mismatch keeps nothing: no item, no stored file, no partial upload', async () => {
    const content = Buffer.from(`tampered ${randomUUID()}`);
    const declared = Buffer.from(`what the browser hashed ${randomUUID()}`);
    const id = await createdId(lenderA, content, description(declared));
    const response = await patch(lenderA, id, 0, content);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'hash-mismatch' });
    expect(await evidenceRowsWith(sha(content))).toBe(0);
    expect(existsSync(storedFilePath(services.config.storageDir, sha(content).slice(2)))).toBe(false);
    expect((await send(lenderA, 'HEAD', id)).status).toBe(404);
    expect(existsSync(path.join(resumableUploadDirectory(services.config.storageDir), id))).toBe(false);
    expect(await readdir(path.join(services.config.storageDir, 'tmp'))).toEqual([]);
  });

  it('makes exactly one item when the last PATCH is retried, or two race for the last byte', async () => {
    const content = Buffer.from(`retried ${randomUUID()}`.repeat(1000));
    const id = await createdId(lenderA, content);
    const end = content.length - 1;
    expect((await patch(lenderA, id, 0, content.subarray(0, end))).status).toBe(204);
    const racing = await Promise.all([patch(lenderA, id, end, content.subarray(end)), patch(lenderA, id, end, content.subarray(end))]);
    const finished = racing.filter((r) => r.status === 204);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    for (const other of racing.filter((r) => r.status !== 204)) expect(other.status).toBe(409);
    const evidenceId = finished[0].headers.get('evident-evidence-id');
    // The answer was lost: the client sends the last PATCH again (nothing left to send), and again.
    for (let i = 0; i < 2; i++) {
      const retried = await patch(lenderA, id, content.length, Buffer.alloc(0));
      expect(retried.status).toBe(204);
      expect(retried.headers.get('evident-evidence-id')).toBe(evidenceId);
    }
    expect(await offsetOf(lenderA, id)).toBe(content.length);
    expect(await evidenceRowsWith(sha(content))).toBe(1);
  });
});

describe('expiry', () => {
  it('an upload older than the expiry answers 410 and is removed by the sweep', async () => {
    const content = Buffer.from(`slow ${randomUUID()}`);
    const id = await createdId(lenderA, content);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const expired = await send(lenderA, 'HEAD', id, {}, undefined, { expiryMs: 10 });
    expect(expired.status).toBe(410);
    expect(await removeExpiredUploads({ storageDir: services.config.storageDir, expiryMs: 10 })).toBeGreaterThanOrEqual(1);
    expect((await send(lenderA, 'HEAD', id)).status).toBe(404);
  });
});
