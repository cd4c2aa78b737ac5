// Resumable statement uploads (tus) through handleResumableStatementUpload, the route's one service, on
// real PostgreSQL and real file storage, as a bank's system sends them: an upload broken off half way
// and resumed from the server's offset commits the same side and receipt as a one-shot PUT of the same
// file; each refusal (a bank outside the pair, a regulator, the other bank, the cut-off at creation and
// at the last byte, a second file for the side, the size limit, bad rows, the media type, a digest that
// differs) answers its 4xx and leaves nothing stored; finishing again replays the first answer; an
// abandoned upload is swept. The last test goes through the route module itself with an API key.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { getPrisma } from '../db/client';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { removeExpiredUploads, resumableUploadDirectory } from '../storage/resumable-upload-store';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { commitStatementUpload } from './commit-statement-upload';
import { createReconciliationPair } from './create-reconciliation-pair';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { handleResumableStatementUpload } from './resumable-statement-upload';
import { verifySideReceipt } from './side-receipt';

let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let regulator: StaffViewer;
let systemA: ApiKeyViewer;
let outsider: ApiKeyViewer;
/** Lender A and B's pair for the resumable uploads, and a twin with the same key for one-shot PUTs. */
let pairId: string;
let twinPairId: string;
const pairKey = new Uint8Array(32).map((_, i) => i + 11);
const savedEnv = { ...process.env };

/** 09:00 in Shanghai on the day after `date`: inside the upload window (cut-off 10:00). */
const morningAfter = (date: string, time = '01:00:00.000Z') => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(`${next.toISOString().slice(0, 10)}T${time}`);
};
const sha = (bytes: Buffer) => '0x' + createHash('sha256').update(bytes).digest('hex');
const metadataHeader = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
const csvOf = (count: number, seed: number, date: string) => Buffer.from(rowsToCsv(generateStatementRows({ count, seed, date })));

interface SendOptions {
  pair?: string;
  date: string;
  now?: Date;
  maxBytes?: number;
  expiryMs?: number;
}

async function send(viewer: Viewer, method: string, id: string | null, headers: Record<string, string>, body: Buffer | undefined, options: SendOptions): Promise<Response> {
  const { pair = pairId, date, now = morningAfter(date), maxBytes = 1 << 24, expiryMs = services.config.resumableUploadExpiryMs } = options;
  const request = new Request(`http://localhost/api/v1/reconciliation/pairs/${pair}/days/${date}/statement/uploads${id ? `/${id}` : ''}`, {
    method,
    headers: { 'tus-resumable': '1.0.0', ...headers },
    body: body === undefined ? undefined : new Uint8Array(body),
    duplex: 'half',
  } as RequestInit);
  return handleResumableStatementUpload({
    request,
    viewer,
    prisma: services.prisma,
    pairId: pair,
    businessDate: date,
    storageDir: services.config.storageDir,
    maxBytes,
    expiryMs,
    keySecret: () => services.secrets.reconciliationKeySecret,
    issuer: async () => issuer,
    now: () => now,
  }).catch(problemResponse);
}

const create = (viewer: Viewer, length: number, options: SendOptions, metadata: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  send(viewer, 'POST', null, { 'upload-length': String(length), ...(Object.keys(metadata).length ? { 'upload-metadata': metadataHeader(metadata) } : {}), ...headers }, undefined, options);

async function createdId(viewer: Viewer, length: number, options: SendOptions, metadata?: Record<string, string>, headers?: Record<string, string>): Promise<string> {
  const response = await create(viewer, length, options, metadata, headers);
  expect(response.status, await response.clone().text()).toBe(201);
  const location = response.headers.get('location')!;
  expect(location).toMatch(new RegExp(`^/api/v1/reconciliation/pairs/${options.pair ?? pairId}/days/${options.date}/statement/uploads/[0-9a-f-]{36}$`));
  return location.split('/').pop()!;
}

const patch = (viewer: Viewer, id: string, offset: number, bytes: Buffer, options: SendOptions) =>
  send(viewer, 'PATCH', id, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, bytes, options);
const offsetOf = async (viewer: Viewer, id: string, options: SendOptions) => Number((await send(viewer, 'HEAD', id, {}, undefined, options)).headers.get('upload-offset'));

/** A one-shot PUT of the same file, through the PUT's own service. */
async function put(viewer: Viewer, pair: string, date: string, body: Buffer, { idempotencyKey = null as string | null, now = morningAfter(date) } = {}) {
  try {
    const reply = await commitStatementUpload({
      prisma: services.prisma,
      viewer,
      pairId: pair,
      businessDate: date,
      contentType: 'text/csv',
      body: Readable.from([body]),
      idempotencyKey,
      storageDir: services.config.storageDir,
      maxBytes: 1 << 24,
      keySecret: services.secrets.reconciliationKeySecret,
      issuer,
      now: () => now,
    });
    return { status: reply.status, body: JSON.parse(reply.bodyText) as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const response = problemResponse(error);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}

async function storedState() {
  const list = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();
  return {
    sides: await services.prisma.reconciliationSide.count(),
    idempotency: await services.prisma.idempotencyRecord.count(),
    sideDirectories: await list(path.join(services.config.storageDir, 'reconciliation', 'sides')),
    temporaryFiles: await list(path.join(services.config.storageDir, 'tmp')),
  };
}
const uploadFile = (id: string) => path.join(resumableUploadDirectory(services.config.storageDir, 'statement'), id);

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB, regulator] = await Promise.all(['lender-a', 'lender-b', 'regulator'].map((name) => staff(`${name}@evident.demo`)));
  const keyViewer = async (organizationId: string): Promise<ApiKeyViewer> => {
    const { apiKey } = await createApiKey({ prisma: services.prisma, organizationId, name: 'ledger export', actor: SYSTEM_ACTOR });
    return { kind: 'api-key', apiKeyId: apiKey.id, prefix: apiKey.prefix, organizationId, organizationType: 'lender', ipAddress: '198.51.100.4' };
  };
  systemA = await keyViewer(lenderA.organizationId);
  const { organization } = await findOrCreateOrganization({ prisma: services.prisma, name: '局外银行 Outsider Bank', type: 'lender' });
  outsider = await keyViewer(organization.id);
  const pairOf = async (name: string) =>
    (
      await createReconciliationPair({
        prisma: services.prisma,
        settings: {
          name,
          cutOffTime: '10:00',
          firstBusinessDate: '2026-11-01',
          toleranceRules: [],
          columnMapA: { carrier: 'csv', encoding: 'utf-8' },
          columnMapB: { carrier: 'csv', encoding: 'utf-8' },
        },
        lenderA: lenderA.organizationId,
        lenderB: lenderB.organizationId,
        pairKey,
        keySecret: services.secrets.reconciliationKeySecret,
        actor: SYSTEM_ACTOR,
      })
    ).pairId;
  pairId = await pairOf('Resumable pair');
  twinPairId = await pairOf('One-shot twin pair');
}, 120_000);

afterAll(async () => {
  if (process.env.DATABASE_URL === services?.databaseUrl) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
});

describe('a statement sent in two parts, resumed from the server’s offset', () => {
  const date = '2026-12-01';
  const file = csvOf(2000, 71, date);

  it('commits the same side and receipt as a one-shot PUT of the same file, audited once', async () => {
    const options = { date };
    const id = await createdId(lenderA, file.length, options, { filename: 'ledger-2026-12-01.csv', filetype: 'text/csv' });
    expect(await offsetOf(lenderA, id, options)).toBe(0);
    const half = Math.floor(file.length / 2);
    const first = await patch(lenderA, id, 0, file.subarray(0, half), options);
    expect(first.status).toBe(204);
    // The connection broke here; the client asks where to go on from, and the status says nothing is committed.
    expect(await offsetOf(lenderA, id, options)).toBe(half);
    const status = await send(lenderA, 'GET', id, {}, undefined, options);
    expect(await status.json()).toMatchObject({ id, length: file.length, offset: half, result: null });

    const last = await patch(lenderA, id, half, file.subarray(half), options);
    expect([last.status, last.headers.get('content-type'), last.headers.get('upload-offset')]).toEqual([201, 'application/json', String(file.length)]);
    const resumed = (await last.json()) as { side: { receipt: Record<string, unknown>; file: { sha256: string; size: number }; root: string; rowCount: number; bank: string } };
    expect(resumed).toMatchObject({ pairId, businessDate: date, bothSidesIn: false, side: { bank: 'A', rowCount: 2000, file: { sha256: sha(file), size: file.length } } });
    expect(verifySideReceipt(resumed.side.receipt as never, { trustedIssuers: [issuer.address], previous: null })).toMatchObject({ ok: true });

    // The same file in one PUT to the twin pair (same pair key, same clock): the same side, and the
    // same receipt but for the pair it names and its signature.
    const oneShot = await put(lenderA, twinPairId, date, file);
    expect(oneShot.status).toBe(201);
    const oneShotSide = (oneShot.body as typeof resumed).side;
    expect({ ...resumed.side, receipt: undefined, receiptSha256: undefined }).toEqual({ ...oneShotSide, receipt: undefined, receiptSha256: undefined });
    const { pairId: _p1, signature: _s1, ...resumedReceipt } = resumed.side.receipt;
    const { pairId: _p2, signature: _s2, ...oneShotReceipt } = oneShotSide.receipt;
    expect(resumedReceipt).toEqual(oneShotReceipt);

    const side = await services.prisma.reconciliationSide.findFirstOrThrow({ where: { pairId, businessDate: date, bank: 'A' } });
    const audits = await services.prisma.auditEntry.count({ where: { action: 'reconciliation.side_commit', targetId: side.id } });
    expect(audits).toBe(1);
    // The status now carries the committed side.
    const done = (await (await send(lenderA, 'GET', id, {}, undefined, options)).json()) as { offset: number; result: unknown };
    expect(done).toEqual(expect.objectContaining({ offset: file.length, result: resumed }));
  });

  it('answers a completing PATCH sent again with the same side, and commits no second one', async () => {
    const options = { date: '2026-12-02' };
    const content = csvOf(50, 72, options.date);
    const id = await createdId(systemA, content.length, options);
    const first = await patch(systemA, id, 0, content, options);
    expect(first.status).toBe(201);
    const body = await first.text();
    const before = await storedState();
    // Its answer was lost: the client sends the last PATCH again, with nothing left to send.
    const again = await patch(systemA, id, content.length, Buffer.alloc(0), options);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(await again.text()).toBe(body);
    // Two at once, too.
    const [x, y] = await Promise.all([patch(systemA, id, content.length, Buffer.alloc(0), options), patch(systemA, id, content.length, Buffer.alloc(0), options)]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(await storedState()).toEqual(before);
  });

  it('honours an Idempotency-Key given at creation: the same file again replays, by tus or by PUT; another file is refused', async () => {
    const options = { date: '2026-12-03' };
    const content = csvOf(30, 73, options.date);
    const key = `ledger-run-${randomUUID()}`;
    const id = await createdId(systemA, content.length, options, {}, { 'idempotency-key': key });
    const first = await patch(systemA, id, 0, content, options);
    expect(first.status).toBe(201);
    const body = await first.json();
    const before = await storedState();

    // The bank's job runs again: a new upload with the key (allowed although the side is in), the same file.
    const second = await createdId(systemA, content.length, options, {}, { 'idempotency-key': key });
    const replayed = await patch(systemA, second, 0, content, options);
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(await replayed.json()).toEqual(body);
    // The PUT is the same request for the key.
    expect(await put(systemA, pairId, options.date, content, { idempotencyKey: key })).toEqual({ status: 201, body });
    expect(await storedState()).toEqual(before);

    // Another file under the key: 422, and the upload is gone.
    const other = csvOf(31, 74, options.date);
    const third = await createdId(systemA, other.length, options, {}, { 'idempotency-key': key });
    const refused = await patch(systemA, third, 0, other, options);
    expect([refused.status, (await refused.json()).code]).toEqual([422, 'idempotency-key-reused']);
    expect(existsSync(uploadFile(third))).toBe(false);
    expect(await storedState()).toEqual(before);
  });
});

describe('refusals', () => {
  it('lets only the pair’s banks, with the lender role, create or touch an upload, and only the bank that made it', async () => {
    const options = { date: '2026-12-04' };
    const content = csvOf(10, 75, options.date);
    expect((await create(outsider, content.length, options)).status).toBe(404);
    const asRegulator = await create(regulator, content.length, options);
    expect([asRegulator.status, (await asRegulator.json()).code]).toEqual([403, 'forbidden']);

    const id = await createdId(lenderA, content.length, options);
    expect((await patch(lenderA, id, 0, content.subarray(0, 100), options)).status).toBe(204);
    // Lender A's upload, to anyone else, does not exist: not to the other bank of the pair, not to an
    // outsider; a regulator is refused for its role. Nothing is written.
    for (const viewer of [lenderB, outsider]) {
      const response = await patch(viewer, id, 100, content.subarray(100), options);
      expect([response.status, (await response.json()).code]).toEqual([404, viewer === outsider ? 'reconciliation-pair-not-found' : 'upload-not-found']);
      expect((await send(viewer, 'HEAD', id, {}, undefined, options)).status).toBe(404);
    }
    expect((await patch(regulator, id, 100, content.subarray(100), options)).status).toBe(403);
    // The upload is bound to its pair and date: the same id under another date does not exist.
    expect((await patch(lenderA, id, 100, content.subarray(100), { date: '2026-12-05' })).status).toBe(404);
    // Lender A's own API key is lender A: it goes on.
    expect(await offsetOf(systemA, id, options)).toBe(100);
    expect((await patch(systemA, id, 100, content.subarray(100), options)).status).toBe(201);
  });

  it('refuses at creation a closed day, a side already in, a length over the limit, no length, the wrong media type, a malformed digest', async () => {
    const uploadsBefore = await readdir(resumableUploadDirectory(services.config.storageDir, 'statement'));
    const closed = await create(lenderA, 100, { date: '2026-12-06', now: morningAfter('2026-12-06', '02:00:00.001Z') });
    expect([closed.status, (await closed.json()).code]).toEqual([409, 'cut-off-passed']);
    const notEnded = await create(lenderA, 100, { date: '2026-12-06', now: new Date('2026-12-06T10:00:00Z') });
    expect([notEnded.status, (await notEnded.json()).code]).toEqual([422, 'business-date-not-allowed']);
    const committed = await create(lenderA, 100, { date: '2026-12-01' });
    expect([committed.status, (await committed.json()).code]).toEqual([409, 'side-already-committed']);
    const tooLarge = await create(lenderA, 1001, { date: '2026-12-06', maxBytes: 1000 });
    expect([tooLarge.status, (await tooLarge.json()).code]).toEqual([413, 'upload-too-large']);
    const deferred = await send(lenderA, 'POST', null, { 'upload-defer-length': '1' }, undefined, { date: '2026-12-06' });
    expect([deferred.status, (await deferred.json()).code]).toEqual([400, 'invalid-upload']);
    const wrongType = await create(lenderA, 100, { date: '2026-12-06' }, { filetype: 'application/x-ndjson' });
    expect([wrongType.status, (await wrongType.json()).code]).toEqual([415, 'unsupported-media-type']);
    const badDigest = await create(lenderA, 100, { date: '2026-12-06' }, { sha256: 'abc' });
    expect(badDigest.status).toBe(400);
    // Refused before anything was stored.
    expect(await readdir(resumableUploadDirectory(services.config.storageDir, 'statement'))).toEqual(uploadsBefore);
  });

  it('never takes more bytes than Upload-Length', async () => {
    const options = { date: '2026-12-06' };
    const id = await createdId(lenderA, 10, options);
    const response = await patch(lenderA, id, 0, Buffer.alloc(20, 0x41), options);
    expect([response.status, (await response.json()).code]).toEqual([413, 'upload-too-large']);
    expect(await offsetOf(lenderA, id, options)).toBeLessThanOrEqual(10);
  });

  it('refuses a file that finishes after the cut-off, a second file finishing after the first, bad rows, a digest that differs: the PUT’s problem, nothing stored, the upload removed', async () => {
    const date = '2026-12-07';
    const content = csvOf(40, 76, date);
    const before = await storedState();

    // Created in time, the last byte after the cut-off (10:00 Shanghai = 02:00Z).
    const late = await createdId(lenderA, content.length, { date });
    expect((await patch(lenderA, late, 0, content.subarray(0, 10), { date })).status).toBe(204);
    const lateAnswer = await patch(lenderA, late, 10, content.subarray(10), { date, now: morningAfter(date, '02:00:00.001Z') });
    const lateProblem = await lateAnswer.json();
    expect([lateAnswer.status, lateProblem.code]).toEqual([409, 'cut-off-passed']);
    expect(lateProblem.detail).toMatch(/cut-off for business date 2026-12-07 was/);
    expect(await put(lenderA, pairId, date, content, { now: morningAfter(date, '02:00:00.001Z') })).toEqual({ status: 409, body: lateProblem });
    expect(existsSync(uploadFile(late))).toBe(false);
    expect((await send(lenderA, 'HEAD', late, {}, undefined, { date })).status).toBe(404);

    // Bad rows: the same 422 problem as the PUT of that file.
    const lines = content.toString().split('\n');
    const broken = lines.findIndex((line, index) => index > 0 && line.includes(',settled,'));
    lines[broken] = lines[broken].replace(',settled,', ',unknown,');
    const bad = Buffer.from(lines.join('\n'));
    const badId = await createdId(lenderA, bad.length, { date });
    const badAnswer = await patch(lenderA, badId, 0, bad, { date });
    const badProblem = await badAnswer.json();
    expect([badAnswer.status, badProblem.code, badProblem.issues]).toEqual([422, 'statement-rejected', [expect.objectContaining({ line: broken + 1, field: 'status', code: 'unknown-status' })]]);
    expect(await put(lenderA, pairId, date, bad)).toEqual({ status: 422, body: badProblem });
    expect(existsSync(uploadFile(badId))).toBe(false);

    // A digest declared at creation that the bytes do not have.
    const mismatched = await createdId(lenderA, content.length, { date }, { sha256: sha(Buffer.from('something else')) });
    const mismatch = await patch(lenderA, mismatched, 0, content, { date });
    expect([mismatch.status, (await mismatch.json()).code]).toEqual([400, 'hash-mismatch']);
    expect(existsSync(uploadFile(mismatched))).toBe(false);
    expect(await storedState()).toEqual(before);

    // Two uploads for the side begun while it was open: the first to finish commits, the second is refused when its last byte arrives.
    const one = await createdId(lenderA, content.length, { date }, { sha256: sha(content) });
    const two = await createdId(lenderA, content.length, { date });
    expect((await patch(lenderA, one, 0, content, { date })).status).toBe(201);
    const second = await patch(lenderA, two, 0, content, { date });
    expect([second.status, (await second.json()).code]).toEqual([409, 'side-already-committed']);
    expect(existsSync(uploadFile(two))).toBe(false);
    expect(await services.prisma.reconciliationSide.count({ where: { pairId, businessDate: date } })).toBe(1);
  });

  it('sweeps an abandoned upload once it expired, and it answers 410 before that', async () => {
    const options = { date: '2026-12-08' };
    const id = await createdId(lenderA, 100, options);
    expect((await patch(lenderA, id, 0, Buffer.alloc(40, 0x41), options)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const expired = await patch(lenderA, id, 40, Buffer.alloc(60, 0x41), { ...options, expiryMs: 10 });
    expect([expired.status, (await expired.json()).code]).toEqual([410, 'upload-expired']);
    expect(await removeExpiredUploads({ storageDir: services.config.storageDir, expiryMs: 10 })).toBeGreaterThanOrEqual(1);
    expect(existsSync(uploadFile(id))).toBe(false);
    // The committed sides' files are not the uploads': they stay.
    const side = await services.prisma.reconciliationSide.findFirstOrThrow({ where: { pairId, businessDate: '2026-12-01', bank: 'A' } });
    expect(existsSync(path.join(services.config.storageDir, side.directory, 'statement.csv'))).toBe(true);
  });
});

describe('the route', () => {
  it('creates, resumes and commits with an API key over HTTP, and refuses a request without one', async () => {
    Object.assign(process.env, {
      DATA_DIR: services.config.dataDir,
      DATABASE_URL: services.databaseUrl,
      CHAIN_RPC_URL: services.chainRpcUrl,
      ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
      RECONCILIATION_KEY_SECRET: services.secrets.reconciliationKeySecret,
      SESSION_SECRET: services.secrets.sessionSecret,
      BORROWER_ID_SALT: services.secrets.borrowerIdSalt,
    });
    type Handler = (request: Request, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
    const route = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/uploads/[[...path]]/route')) as unknown as Record<string, Handler>;
    const { plaintext } = await createApiKey({ prisma: services.prisma, organizationId: lenderB.organizationId, name: 'route test', actor: SYSTEM_ACTOR });
    // The real clock: yesterday in Shanghai is open until 10:00 today; run the route on a date that is.
    const pair = await createReconciliationPair({
      prisma: services.prisma,
      settings: { name: 'Route pair', cutOffTime: '23:59', firstBusinessDate: '2026-01-01', toleranceRules: [], columnMapA: { carrier: 'csv', encoding: 'utf-8' }, columnMapB: { carrier: 'csv', encoding: 'utf-8' } },
      lenderA: lenderA.organizationId,
      lenderB: lenderB.organizationId,
      keySecret: services.secrets.reconciliationKeySecret,
      actor: SYSTEM_ACTOR,
    });
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const base = `http://localhost/api/v1/reconciliation/pairs/${pair.pairId}/days/${yesterday}/statement/uploads`;
    const call = (method: string, url: string, headers: Record<string, string>, body?: Buffer, id?: string) =>
      route[method](new Request(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers }, body: body && new Uint8Array(body), duplex: 'half' } as RequestInit), {
        params: Promise.resolve({ pairId: pair.pairId, businessDate: yesterday, path: id ? [id] : undefined }),
      });
    const content = csvOf(20, 77, yesterday);
    const auth = { authorization: `Bearer ${plaintext}` };
    expect((await call('POST', base, { 'upload-length': String(content.length) })).status).toBe(401);
    const created = await call('POST', base, { ...auth, 'upload-length': String(content.length) });
    expect(created.status).toBe(201);
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await call('PATCH', `${base}/${id}`, { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, content.subarray(0, 7), id)).status).toBe(204);
    expect((await call('HEAD', `${base}/${id}`, auth, undefined, id)).headers.get('upload-offset')).toBe('7');
    const done = await call('PATCH', `${base}/${id}`, { ...auth, 'upload-offset': '7', 'content-type': 'application/offset+octet-stream' }, content.subarray(7), id);
    expect(done.status).toBe(201);
    expect(await done.json()).toMatchObject({ pairId: pair.pairId, businessDate: yesterday, side: { bank: 'B', rowCount: 20 } });
    const options = await call('OPTIONS', base, {});
    expect([options.status, options.headers.get('tus-max-size')]).toEqual([204, String(services.config.reconciliationMaxStatementBytes)]);
  });
});
