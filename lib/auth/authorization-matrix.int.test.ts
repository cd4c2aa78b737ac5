// The authorization matrix at the service layer, where every server action and route handler ends:
// each role (lender A, lender B, arbitrator, borrower 1 and 2, regulator, anonymous, and the API keys
// of lender A and lender B) against every read and write. A cross-tenant read is "not found"; a list
// leaves the other tenant's row out ("hidden"); a refused write changes nothing, which the test proves
// by re-reading the database. The HTTP face of the same matrix is e2e/authorization-matrix.spec.ts.
// The last test fails when a lib service that calls authorize() (or ownOrganizationFor()) is missing from these tables.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { anonymousViewer, type ApiKeyViewer, type StaffViewer, type Viewer } from './viewer';
import { exportAuditCsv } from '../audit/export-audit-csv';
import { auditFiltersSchema } from '../audit/audit-filters';
import { getAuditLog } from '../audit/get-audit-log';
import { getBatchForOrganization } from '../batches/get-batch-for-organization';
import { getBorrowerHome } from '../borrowers/get-borrower-home';
import { listBorrowerEvidence } from '../borrowers/list-borrower-evidence';
import { startCaseFixture, type CaseFixture } from '../cases/case-test-fixture';
import { changeCaseStatus } from '../cases/change-case-status';
import { downloadVerificationReport } from '../cases/download-verification-report';
import { fileCase } from '../cases/file-case';
import { getCase } from '../cases/get-case';
import { getFilingOptions } from '../cases/get-filing-options';
import { getVerificationReport } from '../cases/get-verification-report';
import { listCases } from '../cases/list-cases';
import { openEvidenceOriginal } from '../cases/open-evidence-original';
import { verifyCaseEvidence } from '../cases/verify-case-evidence';
import { openCasePackage } from '../evidence-package/open-case-package';
import { downloadEvidenceCertificate } from '../certificates/download-evidence-certificate';
import { downloadEvidenceDocument } from '../certificates/download-evidence-document';
import { evidenceSearchSchema } from '../evidence/evidence-schemas';
import { getEvidence } from '../evidence/get-evidence';
import { getEvidenceDetail } from '../evidence/get-evidence-detail';
import { ingestEvidenceItems } from '../evidence/ingest-evidence-items';
import { handleResumableUpload } from '../evidence/handle-resumable-upload';
import { ingestMultipartUpload } from '../evidence/ingest-multipart-upload';
import { listOrganizationEvidence } from '../evidence/list-organization-evidence';
import { evidenceSearchWhere, searchEvidence } from '../evidence/search-evidence';
import { exportEvidenceCsv } from '../evidence/export-evidence-csv';
import { checkNewBorrowerName } from '../borrowers/check-new-borrower-name';
import { findOrganizationBorrowerByIdNumber } from '../borrowers/find-organization-borrower-by-id-number';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { DomainError } from '../errors';
import { DEMO_RECONCILIATION_DAYS } from '../demo/demo-consortium';
import { commitStatementUpload } from '../reconciliation/commit-statement-upload';
import { handleResumableStatementUpload } from '../reconciliation/resumable-statement-upload';
import { generateStatementRows, rowsToCsv } from '../reconciliation/generate-statement-rows';
import { getReconciliationDay } from '../reconciliation/get-reconciliation-day';
import { getSignOffRequest } from '../reconciliation/get-sign-off-request';
import { issueBreakCertificate } from '../reconciliation/issue-break-certificate';
import { addReconciliationCertificate } from '../cases/add-reconciliation-certificate';
import { signOffStatement } from '../reconciliation/sign-off-statement';
import { listReconciliationBreaks } from '../reconciliation/list-reconciliation-breaks';
import { exportReconciliationDay } from '../reconciliation/export-reconciliation-day';
import { listBlindDayOpenings, listBlindOpenings, submitBlindOpenings } from '../reconciliation/blind-openings';
import { listReconciliationDays } from '../reconciliation/list-reconciliation-days';
import { listReconciliationOversight } from '../reconciliation/list-reconciliation-oversight';
import { listReconciliationPairs } from '../reconciliation/list-reconciliation-pairs';
import { breaksQuerySchema } from '../reconciliation/reconciliation-schemas';
import { answerDisclosureRequest } from '../reconciliation/answer-disclosure-request';
import { listBankDisclosureRequests } from '../reconciliation/list-bank-disclosure-requests';
import { listRuleThresholdChanges } from '../reconciliation/list-rule-threshold-changes';
import { requestRecordDisclosure } from '../reconciliation/request-record-disclosure';
import { setRuleThresholds } from '../reconciliation/set-rule-thresholds';
import { toHex } from '../proof/hex';

/** 'hidden': a list that succeeds but leaves lender A's row out, the list's form of "not found". */
type Outcome = 'ok' | 'hidden' | 'unauthorized' | 'forbidden' | 'not-found' | 'invalid';
type Role = 'lenderA' | 'lenderB' | 'arbitrator' | 'borrower1' | 'borrower2' | 'regulator' | 'anonymous' | 'apiKeyA' | 'apiKeyB';
const ROLES: Role[] = ['lenderA', 'lenderB', 'arbitrator', 'borrower1', 'borrower2', 'regulator', 'anonymous', 'apiKeyA', 'apiKeyB'];

let f: CaseFixture;
const viewers = {} as Record<Role, Viewer>;
let lenderAOrganizationId: string;
let evidenceId: string;
let batchId: string;
let caseId: string;
let reportId: string;
let apiKeyPrefix: string;
/** The demo lenders' co-lending pair; the demo seed reconciled RECONCILED_DAY (DEMO_RECONCILIATION_DAYS). */
let pairId: string;
const RECONCILED_DAY = DEMO_RECONCILIATION_DAYS[0];
/** Each upload in the matrix takes a day of its own (one side per bank per day), after the demo's days. */
let nextUploadDay = 10;

function uploadStatement(viewer: Viewer, businessDate = `2026-11-${String(nextUploadDay++).padStart(2, '0')}`) {
  const next = new Date(`${businessDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return commitStatementUpload({
    prisma: f.services.prisma,
    viewer,
    pairId,
    businessDate,
    contentType: 'text/csv',
    body: Readable.from([Buffer.from(rowsToCsv(generateStatementRows({ count: 5, seed: 3, date: businessDate })))]),
    idempotencyKey: null,
    storageDir: f.services.config.storageDir,
    maxBytes: 1 << 20,
    keySecret: f.services.secrets.reconciliationKeySecret,
    issuer: f.issuer,
    // 09:00 in Shanghai the next morning: inside the demo pair's window (cut-off 10:00).
    now: () => new Date(`${next.toISOString().slice(0, 10)}T01:00:00Z`),
  });
}

/** The same upload over tus: create, then one PATCH with the whole file, which commits the side. */
async function uploadStatementResumably(viewer: Viewer) {
  const businessDate = `2026-11-${String(nextUploadDay++).padStart(2, '0')}`;
  const next = new Date(`${businessDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const base = `http://localhost/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement/uploads`;
  const content = Buffer.from(rowsToCsv(generateStatementRows({ count: 5, seed: 4, date: businessDate })));
  const send = (url: string, method: string, headers: Record<string, string>, body?: Buffer) =>
    handleResumableStatementUpload({
      request: new Request(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers }, body: body && new Uint8Array(body), duplex: 'half' } as RequestInit),
      viewer,
      prisma: f.services.prisma,
      pairId,
      businessDate,
      storageDir: f.services.config.storageDir,
      maxBytes: 1 << 20,
      expiryMs: 3_600_000,
      keySecret: () => f.services.secrets.reconciliationKeySecret,
      issuer: async () => f.issuer,
      // 09:00 in Shanghai the next morning: inside the demo pair's window (cut-off 10:00).
      now: () => new Date(`${next.toISOString().slice(0, 10)}T01:00:00Z`),
    });
  const created = await send(base, 'POST', { 'upload-length': String(content.length) });
  if (created.status !== 201) throw new Error(`creation answered ${created.status}: ${await created.text()}`);
  const finished = await send(`http://localhost${created.headers.get('location')}`, 'PATCH', { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, content);
  if (finished.status !== 201) throw new Error(`the PATCH answered ${finished.status}: ${await finished.text()}`);
}

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof DomainError)) throw error;
  if (error.code === 'unauthorized') return 'unauthorized';
  if (error.code === 'forbidden') return 'forbidden';
  if (error.code.endsWith('-not-found')) return 'not-found';
  return 'invalid';
}

async function attempt(run: () => Promise<unknown>, listed?: (result: never) => boolean): Promise<Outcome> {
  try {
    const result = await run();
    return listed && !listed(result as never) ? 'hidden' : 'ok';
  } catch (error) {
    return outcomeOf(error);
  }
}

async function apiKeyViewerOf(lender: StaffViewer): Promise<ApiKeyViewer> {
  // Made by the operator, as scripts/create-api-key.ts does, so the API-key-management rows below
  // start from keys nobody in the portal touched.
  const { apiKey } = await createApiKey({ prisma: f.services.prisma, organizationId: lender.organizationId, name: 'matrix system', actor: SYSTEM_ACTOR });
  return { kind: 'api-key', apiKeyId: apiKey.id, prefix: apiKey.prefix, organizationId: lender.organizationId, organizationType: 'lender', ipAddress: '127.0.0.1' };
}

beforeAll(async () => {
  f = await startCaseFixture();
  const [lenderA, lenderB, arbitrator, regulator] = await Promise.all(
    ['lender-a', 'lender-b', 'arbitrator', 'regulator'].map((name) => f.staff(`${name}@evident.demo`)),
  );
  lenderAOrganizationId = lenderA.organizationId;
  Object.assign(viewers, {
    lenderA,
    lenderB,
    arbitrator,
    regulator,
    borrower1: await f.borrower('borrower-1@evident.demo'),
    borrower2: await f.borrower('borrower-2@evident.demo'),
    anonymous: anonymousViewer('127.0.0.1'),
    apiKeyA: await apiKeyViewerOf(lenderA),
    apiKeyB: await apiKeyViewerOf(lenderB),
  });
  const borrower1 = await f.borrowerId('borrower-1@evident.demo');
  ({ id: evidenceId } = await f.addEvidence({ lender: lenderA, borrowerId: borrower1 }));
  await f.anchorAll();
  batchId = (await getEvidence({ prisma: f.services.prisma, evidenceId, viewer: null })).batchId!;
  ({ id: caseId } = await fileCase({
    prisma: f.services.prisma,
    viewer: lenderA,
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
    input: { commissionOrganizationId: await f.commissionId(), borrowerId: borrower1, title: 'Matrix case', evidenceIds: [evidenceId] },
  }));
  ({ reportId } = await verifyCaseEvidence({
    prisma: f.services.prisma,
    viewer: arbitrator,
    caseId,
    issuer: f.issuer,
    chainRpcUrl: f.services.chainRpcUrl,
    storageDir: f.services.config.storageDir,
  }));
  ({ apiKey: { prefix: apiKeyPrefix } } = await createApiKey({ prisma: f.services.prisma, viewer: lenderA, name: 'core loan system' }));
  pairId = (await f.services.prisma.reconciliationPair.findFirstOrThrow({ where: { lenderAId: lenderA.organizationId } })).id;
}, 180_000);

afterAll(async () => {
  await f?.stop();
});

interface Read {
  /** The lib service (the test at the end checks each one that calls authorize() is named here). */
  service: string;
  name: string;
  run: (viewer: Viewer) => Promise<unknown>;
  /** For lists: whether the result includes lender A's row; without it the list is 'hidden'. */
  listed?: (result: never) => boolean;
  expected: Record<Role, Outcome>;
}

/** Who sees lender A's evidence item, which names borrower 1 and is in a case filed to the commission. */
const EVIDENCE_READ: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'ok', borrower2: 'not-found', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'not-found',
};
const EVIDENCE_LIST: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'hidden', arbitrator: 'ok', borrower1: 'ok', borrower2: 'hidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'hidden',
};
/** Lender A's case (filed to the commission, naming borrower 1); API keys have no cases. */
const CASE_READ: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'ok', borrower2: 'not-found', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
};
/** The API's own lists (GET /api/v1/evidence, /batches/{id}): the submitting lender only. */
const SUBMITTED: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'not-found', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'not-found',
};
/** The evidence package of lender A's case: the filing lender (session or key) and the commission. */
const CASE_PACKAGE: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'not-found', arbitrator: 'ok', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'not-found',
};
const AUDIT_READ: Record<Role, Outcome> = {
  lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'ok', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
};
/** What a lender's own staff and keys may do (evidence.submit), over lender A's rows. */
const LENDER_SUBMIT_LIST: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'hidden', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'hidden',
};
/** The demo pair's rows: its two banks (staff and keys); nobody else. */
const RECONCILIATION_READ: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'ok', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'ok',
};
const hidingIn = (expected: Record<Role, Outcome>): Record<Role, Outcome> =>
  Object.fromEntries(Object.entries(expected).map(([role, outcome]) => [role, outcome === 'not-found' ? 'hidden' : outcome])) as Record<Role, Outcome>;

/** The first break of the reconciled demo day that has a certificate (only on A or B, or a field mismatch). */
async function firstBreakOrdinal(): Promise<number> {
  const statement = await f.services.prisma.reconciliationStatement.findFirstOrThrow({ where: { pairId, businessDate: RECONCILED_DAY } });
  const found = await f.services.prisma.reconciliationBreak.findFirstOrThrow({
    where: { statementId: statement.id, breakClass: { in: ['only_a', 'only_b', 'field_mismatch'] } },
    orderBy: { ordinal: 'asc' },
  });
  return found.ordinal;
}

/** A break of the reconciled demo day on bank A's side, as the regulator names it for disclosure. */
async function bankABreak(breakClass: 'only_a' | 'field_mismatch' = 'only_a'): Promise<{ pairId: string; businessDate: string; bank: string; key: string }> {
  const statement = await f.services.prisma.reconciliationStatement.findFirstOrThrow({ where: { pairId, businessDate: RECONCILED_DAY } });
  const found = await f.services.prisma.reconciliationBreak.findFirstOrThrow({
    where: { statementId: statement.id, breakClass },
    orderBy: { ordinal: 'asc' },
  });
  return { pairId, businessDate: RECONCILED_DAY, bank: 'A', key: toHex(found.key) };
}

/** A disclosure request to bank A, made once by the regulator, for the answer row below. */
let pendingDisclosure: Promise<string> | undefined;
function pendingDisclosureRequest(): Promise<string> {
  pendingDisclosure ??= bankABreak('field_mismatch').then(async (record) => {
    const { requestId } = await requestRecordDisclosure({ prisma: f.services.prisma, viewer: viewers.regulator, ...record, reason: 'matrix: answer row' });
    return requestId;
  });
  return pendingDisclosure;
}

const READS: Read[] = [
  { service: 'getEvidence', name: 'read the evidence item', run: (viewer) => getEvidence({ prisma: f.services.prisma, viewer, evidenceId }), expected: EVIDENCE_READ },
  { service: 'getEvidenceDetail', name: 'open the evidence page', run: (viewer) => getEvidenceDetail({ prisma: f.services.prisma, viewer, evidenceId }), expected: EVIDENCE_READ },
  {
    service: 'downloadEvidenceCertificate',
    name: 'download the certificate (JSON)',
    run: (viewer) => downloadEvidenceCertificate({ prisma: f.services.prisma, viewer, evidenceId, issuer: f.issuer }),
    expected: EVIDENCE_READ,
  },
  {
    service: 'downloadEvidenceDocument',
    name: 'download the receipt (PDF)',
    run: (viewer) =>
      downloadEvidenceDocument({ prisma: f.services.prisma, viewer, evidenceId, kind: 'receipt', issuer: f.issuer, publicBaseUrl: 'http://localhost' }),
    expected: EVIDENCE_READ,
  },
  {
    service: 'openEvidenceOriginal',
    name: 'download the original file',
    run: async (viewer) => {
      const original = await openEvidenceOriginal({ prisma: f.services.prisma, viewer, evidenceId, storageDir: f.services.config.storageDir });
      original.stream.destroy();
    },
    expected: { ...EVIDENCE_READ, borrower1: 'forbidden', borrower2: 'forbidden' },
  },
  {
    service: 'searchEvidence',
    name: 'search the evidence list (lender portal)',
    run: (viewer) => searchEvidence({ prisma: f.services.prisma, viewer, filters: evidenceSearchSchema.parse({}) }),
    listed: (result: Awaited<ReturnType<typeof searchEvidence>>) => result.items.some((i) => i.id === evidenceId),
    expected: EVIDENCE_LIST,
  },
  {
    service: 'evidenceSearchWhere',
    name: 'the evidence list condition (list and CSV export)',
    run: async (viewer) => f.services.prisma.evidence.findMany({ where: await evidenceSearchWhere({ prisma: f.services.prisma, viewer, filters: {} as never }), select: { id: true } }),
    listed: (result: Array<{ id: string }>) => result.some((i) => i.id === evidenceId),
    expected: EVIDENCE_LIST,
  },
  {
    service: 'exportEvidenceCsv',
    name: 'export the evidence list (CSV, lender portal)',
    run: async (viewer) => {
      let text = '';
      for await (const chunk of (await exportEvidenceCsv({ prisma: f.services.prisma, viewer, filters: {} as never })).chunks) text += chunk;
      return text;
    },
    listed: (result: string) => result.includes(evidenceId),
    expected: LENDER_SUBMIT_LIST,
  },
  {
    service: 'findOrganizationBorrowerByIdNumber',
    name: "find a borrower of one's organization by ID number",
    run: (viewer) =>
      findOrganizationBorrowerByIdNumber({ prisma: f.services.prisma, viewer, idNumber: '44010419900307451X', borrowerIdSalt: f.services.secrets.borrowerIdSalt }),
    listed: (result: { id: string } | null) => result !== null,
    expected: LENDER_SUBMIT_LIST,
  },
  {
    service: 'checkNewBorrowerName',
    name: 'ask whether an upload would make a second borrower of a known name',
    run: (viewer) =>
      checkNewBorrowerName({ prisma: f.services.prisma, viewer, identity: { name: '张伟 Zhang Wei', idNumber: '110105198506123016' }, borrowerIdSalt: f.services.secrets.borrowerIdSalt }),
    // Lender A's evidence names 张伟 Zhang Wei, so A is asked; staff of lender B are not; keys are never asked.
    listed: (result: { sameName: unknown[] }) => result.sameName.length > 0,
    expected: { ...LENDER_SUBMIT_LIST, apiKeyA: 'hidden' },
  },
  {
    service: 'listBorrowerEvidence',
    name: 'list the evidence naming the borrower',
    run: (viewer) => listBorrowerEvidence({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof listBorrowerEvidence>>) => result.items.some((i) => i.id === evidenceId),
    expected: EVIDENCE_LIST,
  },
  {
    service: 'getBorrowerHome',
    name: 'open the borrower portal',
    run: (viewer) => getBorrowerHome({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof getBorrowerHome>>) => result.evidence.items.some((i) => i.id === evidenceId),
    // Borrowers only.
    expected: {
      lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'forbidden', borrower1: 'ok', borrower2: 'hidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  {
    service: 'listOrganizationEvidence',
    name: 'page through submitted evidence (GET /api/v1/evidence)',
    run: (viewer) => listOrganizationEvidence({ prisma: f.services.prisma, viewer, query: { limit: 1000 } }),
    listed: (result: Awaited<ReturnType<typeof listOrganizationEvidence>>) => result.items.some((i) => i.id === evidenceId),
    expected: hidingIn(SUBMITTED),
  },
  {
    service: 'getBatchForOrganization',
    name: 'read the batch (GET /api/v1/batches/{id})',
    run: (viewer) => getBatchForOrganization({ prisma: f.services.prisma, viewer, batchId }),
    expected: SUBMITTED,
  },
  { service: 'getCase', name: 'open the case', run: (viewer) => getCase({ prisma: f.services.prisma, viewer, caseId }), expected: CASE_READ },
  {
    service: 'listCases',
    name: 'list cases',
    run: (viewer) => listCases({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof listCases>>) => result.cases.some((c) => c.id === caseId),
    expected: hidingIn(CASE_READ),
  },
  {
    service: 'getVerificationReport',
    name: 'read the verification report',
    run: (viewer) => getVerificationReport({ prisma: f.services.prisma, viewer, caseId, reportId }),
    expected: CASE_READ,
  },
  {
    service: 'downloadVerificationReport',
    name: 'download the verification report (JSON)',
    run: (viewer) => downloadVerificationReport({ prisma: f.services.prisma, viewer, caseId, reportId, format: 'json' }),
    expected: CASE_READ,
  },
  {
    service: 'openCasePackage',
    name: 'download the evidence package',
    run: async (viewer) => {
      const opened = await openCasePackage({
        prisma: f.services.prisma,
        viewer,
        caseId,
        issuer: f.issuer,
        storageDir: f.services.config.storageDir,
        publicBaseUrl: 'http://evident.test',
      });
      await opened.stream.cancel();
    },
    expected: CASE_PACKAGE,
  },
  {
    service: 'getFilingOptions',
    name: 'open the file-a-case form',
    run: (viewer) => getFilingOptions({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof getFilingOptions>>) => result.borrowers.some((b) => b.evidence.some((e) => e.id === evidenceId)),
    expected: {
      lenderA: 'ok', lenderB: 'hidden', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  {
    service: 'getAuditLog',
    name: 'read the audit log',
    run: (viewer) => getAuditLog({ prisma: f.services.prisma, viewer, filters: auditFiltersSchema.parse({}), chainRpcUrl: f.services.chainRpcUrl }),
    expected: AUDIT_READ,
  },
  {
    service: 'exportAuditCsv',
    name: 'export the audit log (CSV)',
    run: async (viewer) => {
      const exported = await exportAuditCsv({ prisma: f.services.prisma, viewer, filters: auditFiltersSchema.parse({}) });
      for await (const chunk of exported.chunks) void chunk;
    },
    expected: AUDIT_READ,
  },
  {
    service: 'listApiKeys',
    name: 'list API keys',
    run: (viewer) => listApiKeys({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof listApiKeys>>) => result.some((k) => k.prefix === apiKeyPrefix),
    expected: {
      lenderA: 'ok', lenderB: 'hidden', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  {
    service: 'listReconciliationPairs',
    name: 'list the co-lending pairs (GET /api/v1/reconciliation/pairs)',
    run: (viewer) => listReconciliationPairs({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof listReconciliationPairs>>) => result.pairs.some((p) => p.id === pairId),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'listReconciliationDays',
    name: "list the pair's days",
    run: (viewer) => listReconciliationDays({ prisma: f.services.prisma, viewer, pairId }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'getReconciliationDay',
    name: 'open a reconciliation day (receipts and statement)',
    run: (viewer) => getReconciliationDay({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'listReconciliationBreaks',
    name: "page through a day's breaks",
    run: (viewer) => listReconciliationBreaks({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY, query: breaksQuerySchema.parse({}) }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'exportReconciliationDay',
    name: "export a day's signed statement",
    run: (viewer) => exportReconciliationDay({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY, document: 'statement' }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'listBlindOpenings',
    name: "list a break's openings (GET …/breaks/{ordinal}/openings)",
    run: async (viewer) => listBlindOpenings({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY, ordinal: await firstBreakOrdinal() }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'listBlindDayOpenings',
    name: "list the openings of a day's breaks (day page)",
    run: async (viewer) => listBlindDayOpenings({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY, ordinals: [await firstBreakOrdinal()] }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'issueBreakCertificate',
    name: "download a break's reconciliation certificate",
    run: async (viewer) =>
      issueBreakCertificate({
        prisma: f.services.prisma,
        viewer,
        pairId,
        businessDate: RECONCILED_DAY,
        ordinal: await firstBreakOrdinal(),
        storageDir: f.services.config.storageDir,
        keySecret: f.services.secrets.reconciliationKeySecret,
        issuer: f.issuer,
      }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'getSignOffRequest',
    name: 'read what the bank signs to sign the day off (GET …/sign-off)',
    run: (viewer) => getSignOffRequest({ prisma: f.services.prisma, viewer, pairId, businessDate: RECONCILED_DAY }),
    expected: RECONCILIATION_READ,
  },
  {
    service: 'listReconciliationOversight',
    name: "oversee every pair's days (the regulator's reconciliation page: no row, key or amount)",
    run: (viewer) => listReconciliationOversight({ prisma: f.services.prisma, viewer }),
    listed: (result: Awaited<ReturnType<typeof listReconciliationOversight>>) => result.some((p) => p.id === pairId),
    expected: AUDIT_READ,
  },
  {
    service: 'listRuleThresholdChanges',
    name: 'read the portfolio rule thresholds and their changes (the regulator\'s reconciliation page)',
    run: (viewer) => listRuleThresholdChanges({ prisma: f.services.prisma, viewer }),
    expected: AUDIT_READ,
  },
  {
    service: 'listBankDisclosureRequests',
    name: "list the regulator's disclosure requests to one's bank (the lender's pair page)",
    run: (viewer) => listBankDisclosureRequests({ prisma: f.services.prisma, viewer, pairId }),
    // Portal staff of the pair's banks only: each sees its own bank's requests.
    expected: { ...RECONCILIATION_READ, apiKeyA: 'forbidden', apiKeyB: 'forbidden' },
  },
];

describe('reads', () => {
  for (const read of READS) {
    for (const role of ROLES) {
      it(`${role}: ${read.name} → ${read.expected[role]}`, async () => {
        expect(await attempt(() => read.run(viewers[role]), read.listed)).toBe(read.expected[role]);
      });
    }
  }
});

interface Write {
  service: string;
  name: string;
  run: (viewer: Viewer) => Promise<unknown>;
  /** What the write touches, read back from the database. */
  snapshot: () => Promise<unknown>;
  /** Outcome per role; a role that is not 'ok' must leave the snapshot unchanged. */
  expected: Record<Role, Outcome>;
}

/** Only a lender (its staff or its system) submits; what it submits is its own. */
const SUBMIT: Record<Role, Outcome> = {
  lenderA: 'ok', lenderB: 'ok', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'ok', apiKeyB: 'ok',
};
/** The commission's case work; nobody else's, API keys included. */
const REVIEW: Record<Role, Outcome> = {
  lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'ok', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
};

/** The regulator's portfolio rules and disclosure requests: the regulator only. */
const REGULATE: Record<Role, Outcome> = {
  lenderA: 'forbidden', lenderB: 'forbidden', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'ok', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
};

const evidenceCounts = async () =>
  Object.fromEntries(
    (await f.services.prisma.evidence.groupBy({ by: ['organizationId'], _count: { _all: true } })).map((g) => [g.organizationId ?? 'none', g._count._all]),
  );

async function uploadFile(submitter: Viewer) {
  const content = Buffer.from(`matrix upload ${randomUUID()}`);
  const form = new FormData();
  form.append('sha256', '0x' + createHash('sha256').update(content).digest('hex'));
  for (const [name, value] of Object.entries({ title: 'Matrix upload', type: 'loan_contract', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' })) {
    form.append(name, value);
  }
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/plain' }), 'matrix.txt');
  const request = new Request('http://localhost/api/v1/evidence/files', { method: 'POST', body: form });
  return ingestMultipartUpload({
    prisma: f.services.prisma,
    storageDir: f.services.config.storageDir,
    maxBytes: f.services.config.maxUploadBytes,
    contentType: request.headers.get('content-type'),
    contentLength: null,
    body: Readable.fromWeb(request.body as never),
    submitter,
    borrowerIdSalt: f.services.secrets.borrowerIdSalt,
  });
}

/** A resumable upload (tus) created and sent whole: POST, then one PATCH that finishes it. */
async function uploadResumably(submitter: Viewer) {
  const content = Buffer.from(`matrix resumable upload ${randomUUID()}`);
  const description = { filename: 'matrix.txt', title: 'Matrix upload', type: 'loan_contract', borrowerName: '张伟', borrowerIdNumber: '44010419900307451X' };
  const send = (url: string, method: string, headers: Record<string, string>, body?: Buffer) =>
    handleResumableUpload({
      request: new Request(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers }, body: body && new Uint8Array(body), duplex: 'half' } as RequestInit),
      viewer: submitter,
      prisma: f.services.prisma,
      storageDir: f.services.config.storageDir,
      maxBytes: f.services.config.maxUploadBytes,
      expiryMs: f.services.config.resumableUploadExpiryMs,
      borrowerIdSalt: f.services.secrets.borrowerIdSalt,
    });
  const created = await send('http://localhost/api/v1/uploads', 'POST', {
    'upload-length': String(content.length),
    'upload-metadata': Object.entries(description).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
  });
  if (created.status !== 201) throw new Error(`creation answered ${created.status}: ${await created.text()}`);
  const finished = await send(`http://localhost${created.headers.get('location')}`, 'PATCH', { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, content);
  if (finished.status !== 204) throw new Error(`the PATCH answered ${finished.status}: ${await finished.text()}`);
}

function ingestItems(kind: 'record' | 'hash', submitter: Viewer) {
  const item =
    kind === 'hash'
      ? { sha256: '0x' + createHash('sha256').update(randomUUID()).digest('hex') }
      : { type: 'repayment_record', loanReference: 'L-MATRIX', data: { nonce: randomUUID() } };
  const request = new Request('http://localhost/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([item]) });
  return ingestEvidenceItems({ prisma: f.services.prisma, kind, submitter, request, maxBodyBytes: 1 << 20, idempotencyKey: null });
}

const WRITES: Write[] = [
  // A signature no registered key made: the pair's banks reach the signature check (invalid), everyone
  // else is refused before it; nobody signs anything off. Real sign-offs: sign-off-statement.int.test.ts.
  // The demo pair is open: its banks reach the mode check (invalid), everyone else is refused before it.
  // Real openings of a blind pair: blind-mode.int.test.ts.
  {
    service: 'submitBlindOpenings',
    name: "open a break's fields (POST …/breaks/{ordinal}/openings)",
    run: async (viewer) =>
      submitBlindOpenings({
        prisma: f.services.prisma,
        viewer,
        pairId,
        businessDate: RECONCILED_DAY,
        ordinal: await firstBreakOrdinal(),
        body: { key: `0x${'00'.repeat(32)}`, openings: [{ field: 'status', value: '"settled"', salt: `0x${'00'.repeat(32)}` }] },
        storageDir: f.services.config.storageDir,
      }),
    snapshot: () => f.services.prisma.reconciliationOpening.count(),
    expected: {
      lenderA: 'invalid', lenderB: 'invalid', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'invalid', apiKeyB: 'invalid',
    },
  },
  {
    service: 'signOffStatement',
    name: 'sign the day off (POST …/sign-off)',
    run: (viewer) =>
      signOffStatement({
        prisma: f.services.prisma,
        viewer,
        pairId,
        businessDate: RECONCILED_DAY,
        body: { decision: 'agreed', signature: `0x${'11'.repeat(65)}` },
        issuer: f.issuer,
      }),
    snapshot: () => f.services.prisma.reconciliationSignOff.count(),
    expected: {
      lenderA: 'invalid', lenderB: 'invalid', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'invalid', apiKeyB: 'invalid',
    },
  },
  {
    service: 'setRuleThresholds',
    name: 'set the consortium\'s portfolio rule thresholds',
    run: (viewer) => setRuleThresholds({ prisma: f.services.prisma, viewer, scope: 'consortium', thresholds: { minShareABp: '3000', minShareBBp: '', maxLoanTotalFen: '', maxDayDisbursedFen: '' } }),
    snapshot: () => f.services.prisma.reconciliationRuleThresholdChange.count(),
    expected: REGULATE,
  },
  {
    service: 'requestRecordDisclosure',
    name: 'ask bank A to disclose a break of the demo day',
    run: async (viewer) => requestRecordDisclosure({ prisma: f.services.prisma, viewer, ...(await bankABreak()), reason: 'matrix: request row' }),
    snapshot: () => f.services.prisma.reconciliationDisclosureRequest.count({ where: { reason: 'matrix: request row' } }),
    expected: REGULATE,
  },
  {
    service: 'answerDisclosureRequest',
    name: "disclose a record the regulator asked bank A for (the lender's pair page)",
    run: async (viewer) =>
      answerDisclosureRequest({
        prisma: f.services.prisma,
        viewer,
        requestId: await pendingDisclosureRequest(),
        decision: 'disclose',
        storageDir: f.services.config.storageDir,
        keySecret: f.services.secrets.reconciliationKeySecret,
      }),
    snapshot: async () => (await f.services.prisma.reconciliationDisclosureRequest.findUniqueOrThrow({ where: { id: await pendingDisclosureRequest() } })).status,
    // Bank B is not asked: the request is not found for it.
    expected: {
      lenderA: 'ok', lenderB: 'not-found', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  { service: 'ingestMultipartUpload', name: 'upload a file (POST /api/v1/evidence/files)', run: uploadFile, snapshot: evidenceCounts, expected: SUBMIT },
  // Another organization's upload is a 404: lib/evidence/handle-resumable-upload.int.test.ts.
  { service: 'handleResumableUpload', name: 'upload a file resumably (POST, PATCH /api/v1/uploads)', run: uploadResumably, snapshot: evidenceCounts, expected: SUBMIT },
  { service: 'ingestEvidenceItems', name: 'submit records (POST /api/v1/evidence/records)', run: (viewer) => ingestItems('record', viewer), snapshot: evidenceCounts, expected: SUBMIT },
  { service: 'ingestEvidenceItems', name: 'submit hashes (POST /api/v1/evidence/hashes)', run: (viewer) => ingestItems('hash', viewer), snapshot: evidenceCounts, expected: SUBMIT },
  {
    service: 'commitStatementUpload',
    name: "upload a bank's statement for a day (PUT …/reconciliation/pairs/{id}/days/{date}/statement)",
    run: (viewer) => uploadStatement(viewer),
    snapshot: () => f.services.prisma.reconciliationSide.count(),
    expected: SUBMIT,
  },
  {
    service: 'handleResumableStatementUpload',
    name: "upload a bank's statement resumably (POST, PATCH …/days/{date}/statement/uploads)",
    run: uploadStatementResumably,
    snapshot: () => f.services.prisma.reconciliationSide.count(),
    expected: SUBMIT,
  },
  {
    service: 'addReconciliationCertificate',
    name: "add a break's reconciliation certificate to lender A's case",
    run: async (viewer) =>
      addReconciliationCertificate({
        prisma: f.services.prisma,
        viewer,
        caseId,
        pairId,
        businessDate: RECONCILED_DAY,
        ordinal: await firstBreakOrdinal(),
        storageDir: f.services.config.storageDir,
        keySecret: f.services.secrets.reconciliationKeySecret,
        issuer: f.issuer,
      }),
    snapshot: () => f.services.prisma.caseReconciliationCertificate.count(),
    expected: {
      lenderA: 'ok', lenderB: 'not-found', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  {
    service: 'changeCaseStatus',
    name: 'move the case to under review',
    run: (viewer) => changeCaseStatus({ prisma: f.services.prisma, viewer, caseId, to: 'under_review' }),
    snapshot: async () => (await f.services.prisma.arbitrationCase.findUniqueOrThrow({ where: { id: caseId } })).status,
    expected: REVIEW,
  },
  {
    service: 'verifyCaseEvidence',
    name: 'run Verify all',
    run: (viewer) =>
      verifyCaseEvidence({
        prisma: f.services.prisma,
        viewer,
        caseId,
        issuer: f.issuer,
        chainRpcUrl: f.services.chainRpcUrl,
        storageDir: f.services.config.storageDir,
      }),
    snapshot: () => f.services.prisma.verificationReport.count({ where: { caseId } }),
    expected: REVIEW,
  },
  {
    service: 'fileCase',
    name: 'file a case with lender A’s evidence',
    run: async (viewer) =>
      fileCase({
        prisma: f.services.prisma,
        viewer,
        borrowerIdSalt: f.services.secrets.borrowerIdSalt,
        input: {
          commissionOrganizationId: await f.commissionId(),
          borrowerId: await f.borrowerId('borrower-1@evident.demo'),
          title: 'Another case',
          evidenceIds: [evidenceId],
        },
      }),
    snapshot: () => f.services.prisma.arbitrationCase.count(),
    // Lender B names evidence it cannot see: refused as invalid input, nothing filed.
    expected: { ...REVIEW, lenderA: 'ok', lenderB: 'invalid', arbitrator: 'forbidden' },
  },
  {
    service: 'createApiKey',
    name: 'create an API key (createKeyAction)',
    run: (viewer) => createApiKey({ prisma: f.services.prisma, viewer, name: 'matrix key' }),
    // A viewer only ever creates a key for their own organization: lender B's lands in lender B.
    snapshot: async () =>
      Object.fromEntries((await f.services.prisma.apiKey.groupBy({ by: ['organizationId'], _count: { _all: true } })).map((g) => [g.organizationId, g._count._all])),
    expected: {
      lenderA: 'ok', lenderB: 'ok', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
  {
    service: 'revokeApiKey',
    name: 'revoke lender A’s API key (revokeKeyAction)',
    run: (viewer) => revokeApiKey({ prisma: f.services.prisma, viewer, prefix: apiKeyPrefix }),
    snapshot: async () => (await f.services.prisma.apiKey.findUniqueOrThrow({ where: { prefix: apiKeyPrefix } })).revokedAt,
    expected: {
      lenderA: 'ok', lenderB: 'not-found', arbitrator: 'forbidden', borrower1: 'forbidden', borrower2: 'forbidden', regulator: 'forbidden', anonymous: 'unauthorized', apiKeyA: 'forbidden', apiKeyB: 'forbidden',
    },
  },
];

describe('writes', () => {
  for (const write of WRITES) {
    // Refused roles first, so the allowed role's change cannot hide a refused one's.
    const order = [...ROLES].sort((a, b) => Number(write.expected[a] === 'ok') - Number(write.expected[b] === 'ok'));
    for (const role of order) {
      const expected = write.expected[role];
      it(`${role}: ${write.name} → ${expected}${expected === 'ok' ? '' : ', database unchanged'}`, async () => {
        const before = await write.snapshot();
        expect(await attempt(() => write.run(viewers[role]))).toBe(expected);
        const after = await write.snapshot();
        if (expected === 'ok') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
      });
    }
  }

  it('a lender admin’s new key belongs to their own organization, and the operator may still revoke any key', async () => {
    const { apiKey } = await createApiKey({ prisma: f.services.prisma, viewer: viewers.lenderB, name: 'lender B system' });
    expect(apiKey.organizationId).toBe((viewers.lenderB as StaffViewer).organizationId);
    expect(apiKey.organizationId).not.toBe(lenderAOrganizationId);
    const revoked = await revokeApiKey({ prisma: f.services.prisma, prefix: apiKey.prefix, actor: SYSTEM_ACTOR });
    expect(revoked.revokedAt).not.toBeNull();
  });
});

describe('completeness', () => {
  it('names every lib service that calls authorize() in a row above', async () => {
    const libDir = fileURLToPath(new URL('..', import.meta.url));
    const files = (await readdir(libDir, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.includes('.test.') && !file.startsWith('auth/authorize'));
    const gated: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(libDir, file), 'utf8');
      if (!/\b(authorize|ownOrganizationFor)\(/.test(source)) continue;
      gated.push(...[...source.matchAll(/^export async function (\w+)/gm)].map((m) => m[1]));
    }
    const covered = new Set([...READS, ...WRITES].map((row) => row.service));
    expect(gated.filter((service) => !covered.has(service)).sort()).toEqual([]);
  });
});
