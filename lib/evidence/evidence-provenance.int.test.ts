// Provenance of every item, on a real database: each way in (portal upload, API JSON alone and
// grouped, with an Idempotency-Key, NDJSON, hashes) records its channel, sender, client address and
// key with the rows, and the `source` the lender's system states is validated, stored and read back
// as the detail page, the report and the evidence package show it.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/create-api-key';
import { authenticateApiKey } from '../auth/authenticate-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import { auditActorOf } from '../auth/viewer';
import { FieldErrorsError, InvalidItemsError } from '../errors';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { uploadTestFile } from '../testing/upload-test-file';
import { getEvidenceDetail } from './get-evidence-detail';
import { ingestEvidenceItems } from './ingest-evidence-items';
import { readEvidenceProvenance } from './read-evidence-provenance';

let services: TestServices;
let lender: StaffViewer;
let system: ApiKeyViewer;

const SOURCE = {
  system: '核心贷款系统 Core Loan System',
  exportJobId: 'EXP-2026-03-01-0042',
  generatedAt: '2026-03-01T09:30:00+08:00',
  generationMethod: 'nightly repayment ledger export',
};

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  const viewer = await loadUserViewer({ prisma: services.prisma, user: { email: 'lender-a@evident.demo' }, ipAddress: '203.0.113.7' });
  if (viewer?.kind !== 'staff') throw new Error('lender-a is not a staff account');
  lender = viewer;
  const { plaintext } = await createApiKey({
    prisma: services.prisma,
    organizationId: lender.organizationId,
    name: '核心系统 nightly export',
    actor: auditActorOf(lender),
  });
  const caller = await authenticateApiKey({ prisma: services.prisma, authorization: `Bearer ${plaintext}` });
  system = { kind: 'api-key', ...caller, ipAddress: '198.51.100.20' };
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

function post(kind: 'record' | 'hash', body: unknown, { idempotencyKey = null as string | null, contentType = 'application/json' } = {}) {
  return ingestEvidenceItems({
    prisma: services.prisma,
    kind,
    submitter: system,
    request: new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    maxBodyBytes: 1024 * 1024,
    idempotencyKey,
  });
}

const upload = (submitter: Viewer, fields: Record<string, string>) => uploadTestFile(services, submitter, fields, { fileName: 'notice.txt' });

async function provenanceOf(ids: string[]) {
  const rows = await services.prisma.evidence.findMany({
    where: { id: { in: ids } },
    select: { id: true, submissionId: true, submittedByUserId: true, submittedAt: true, source: true },
  });
  const provenance = await readEvidenceProvenance(services.prisma, rows);
  return ids.map((id) => provenance.get(id)!);
}

const idsOf = (reply: { bodyText: string }) => (JSON.parse(reply.bodyText) as { items: Array<{ id: string }> }).items.map((item) => item.id);
const record = (i: number, source?: object) => ({ type: 'repayment_record', loanReference: `P-${i}`, data: { instalment: i }, ...(source ? { source } : {}) });

describe('provenance', () => {
  it('records an API request: the key by name, the client address, the Idempotency-Key and each item’s source', async () => {
    const key = `prov-${randomUUID()}`;
    const ids = idsOf(await post('record', [record(1, SOURCE), record(2)], { idempotencyKey: key }));
    const [first, second] = await provenanceOf(ids);
    expect(first).toMatchObject({
      channel: 'api',
      submittedBy: `核心系统 nightly export (api-key:${system.prefix})`,
      clientAddress: '198.51.100.20',
      idempotencyKey: key,
      source: SOURCE,
      recorded: true,
    });
    // The same request, the same submission; the source is per item.
    expect(second).toMatchObject({ channel: 'api', idempotencyKey: key, source: null });
  });

  it('keeps each request’s own submission when small requests share one insert', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post('hash', [{ sha256: `0x${createHash('sha256').update(`h${i}${randomUUID()}`).digest('hex')}`, source: { note: `request ${i}` } }])),
    );
    const submissions = await services.prisma.evidence.findMany({ where: { id: { in: replies.flatMap(idsOf) } }, select: { submissionId: true } });
    expect(new Set(submissions.map((row) => row.submissionId)).size).toBe(6);
    const provenance = await provenanceOf(replies.flatMap(idsOf));
    expect(provenance.map((p) => p.source?.note)).toEqual(replies.map((_, i) => `request ${i}`));
    expect(provenance.every((p) => p.channel === 'api' && p.clientAddress === '198.51.100.20' && p.idempotencyKey === null)).toBe(true);
  });

  it('records NDJSON records with their sources', async () => {
    const body = [record(10, { system: 'ledger' }), record(11)].map((line) => JSON.stringify(line)).join('\n');
    const ids = idsOf(await post('record', body, { contentType: 'application/x-ndjson', idempotencyKey: `nd-${randomUUID()}` }));
    const [first, second] = await provenanceOf(ids);
    expect(first).toMatchObject({ channel: 'api', source: { system: 'ledger' } });
    expect(second.source).toBeNull();
    expect(first.idempotencyKey).toMatch(/^nd-/);
  });

  it('records a portal upload by its user, with a source sent as a form field, and shows it on the detail page', async () => {
    const uploaded = await upload(lender, {
      title: '催收通知',
      type: 'notice',
      borrowerName: '张伟',
      borrowerIdNumber: '44010419900307451X',
      source: JSON.stringify({ system: '短信平台 SMS gateway', generatedAt: '2026-03-02T10:00:00.000Z' }),
    });
    const detail = await getEvidenceDetail({ prisma: services.prisma, viewer: lender, evidenceId: uploaded.id });
    expect(detail.provenance).toMatchObject({
      channel: 'portal',
      submittedBy: `${lender.name} <${lender.email}>`,
      clientAddress: '203.0.113.7',
      idempotencyKey: null,
      source: { system: '短信平台 SMS gateway', generatedAt: '2026-03-02T10:00:00.000Z' },
      recorded: true,
    });
  });

  it('refuses a malformed source, naming the item and field, and stores nothing', async () => {
    const before = await services.prisma.evidence.count();
    const refused = await post('record', [record(20), record(21, { system: 'x', generatedAt: 'yesterday' }), record(22, {})]).catch((error) => error);
    expect(refused).toBeInstanceOf(InvalidItemsError);
    expect((refused as InvalidItemsError).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, field: 'source.generatedAt' }),
        expect.objectContaining({ index: 2, field: 'source', message: expect.stringContaining('at least one of system') }),
      ]),
    );
    const unknownField = await post('hash', [{ sha256: `0x${'ab'.repeat(32)}`, source: { system: 'x', operator: 'y' } }]).catch((error) => error);
    expect(unknownField).toBeInstanceOf(InvalidItemsError);
    const badForm = await upload(lender, { title: 't', type: 'notice', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X', source: '{not json' }).catch(
      (error) => error,
    );
    expect(badForm).toBeInstanceOf(FieldErrorsError);
    expect((badForm as FieldErrorsError).fieldErrors.source?.[0]).toMatch(/JSON text of a source object/);
    expect(await services.prisma.evidence.count()).toBe(before);
  });
});
