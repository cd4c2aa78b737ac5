// The authorization matrix over HTTP, against the real server: each role (lender A, lender B, the
// arbitrator, borrower 1 and 2, the regulator, anonymous, and the API keys of lender A and lender B)
// requests every route handler and page, and posts to the API-key page's server actions. Cross-tenant
// reads are 404 (or, for lists, leave the row out), wrong roles 403, no session or key 401 (or the
// sign-in redirect for pages); public routes are 200 for everyone. Every refused write is proven to
// have changed nothing by re-reading the database before and after; an allowed one to have changed
// exactly the caller's own organization's rows. Pages take no API keys, so their rows have the seven
// session roles only. The same matrix at the service layer is lib/auth/authorization-matrix.int.test.ts.
//
// How completeness was checked: `ls -R app | grep -E 'route.ts|page.tsx|actions.ts'` (and
// `find app -name route.ts -o -name page.tsx -o -name actions.ts`) lists 36 route handlers, 20 pages
// and 7 server-action files; each is named by the `file` of a row below, or in SERVICE_LEVEL when its
// HTTP form is a journey of another spec and its authorization is in the service-level matrix. The
// last test here re-reads app/ and fails when a route.ts, page.tsx or actions.ts appears that no row
// names.
import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import { DEMO_ORGANIZATIONS } from '../lib/demo/demo-consortium';
import { signIn, type AccountName } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { currentBusinessDate } from '../lib/reconciliation/business-day-window';
import { generateStatementRows, rowsToCsv } from '../lib/reconciliation/generate-statement-rows';
import { actionForm, createDemoLenderApiKey, createOperatorApiKey, createReconciliationPairAsOperator, fileCaseViaForm, uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';
import { E2E_BASE_URL } from '../playwright.config';

type SessionRole = 'lenderA' | 'lenderB' | 'arbitrator' | 'borrower1' | 'borrower2' | 'regulator' | 'anonymous';
type Role = SessionRole | 'apiKeyA' | 'apiKeyB';
const SESSION_ROLES: SessionRole[] = ['lenderA', 'lenderB', 'arbitrator', 'borrower1', 'borrower2', 'regulator', 'anonymous'];
const ROLES: Role[] = [...SESSION_ROLES, 'apiKeyA', 'apiKeyB'];
const BORROWER_1 = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };
const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';

/** 'signin' = a page redirects to /sign-in, an API answers 401; 'portal' = a signed-in visitor is
 * sent on to their portal (307); 'hidden' = a list answers 200 without lender A's row. */
type Expected = 200 | 201 | 204 | 403 | 404 | 409 | 422 | 'signin' | 'portal' | 'hidden';

const pages = new Map<SessionRole, Page>();
const apiKeys = {} as Record<'apiKeyA' | 'apiKeyB', { headers: { authorization: string } }>;
const organizationIds = {} as Record<'lenderA' | 'lenderB', string>;
let evidenceId: string;
let batchId: string;
let serial: string;
let certificate: { evidence: { sha256: string } };
let caseId: string;
let reportId: string;
let title: string;
/** Lender A's resumable upload, 10 bytes long, begun and not finished. */
let uploadId: string;
/** A co-lending pair of lender A and a partner bank (not lender B), with one day both sides uploaded. */
let pairId: string;
const businessDate = currentBusinessDate(new Date());
const statementCsv = rowsToCsv(generateStatementRows({ count: 5, seed: 31, date: businessDate }));

async function newRolePage(browser: Browser, role: SessionRole): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  if (role !== 'anonymous') await signIn(page, role as AccountName);
  return page;
}

/** One request as the role: its session cookie, or for an API key no cookie and the Bearer header. */
function send(role: Role, method: 'GET' | 'POST' | 'PUT' | 'HEAD' | 'PATCH' | 'OPTIONS', url: string, options: Parameters<Page['request']['fetch']>[1] = {}): Promise<APIResponse> {
  const key = role === 'apiKeyA' || role === 'apiKeyB' ? apiKeys[role].headers : {};
  const page = pages.get(role === 'apiKeyA' || role === 'apiKeyB' ? 'anonymous' : role)!;
  return page.request.fetch(url, { method, maxRedirects: 0, ...options, headers: { origin: E2E_BASE_URL, ...options.headers, ...key } });
}

function seen(response: APIResponse): Expected {
  const status = response.status();
  if (status === 401) return 'signin';
  if (status === 307) return (response.headers()['location'] ?? '').includes('/sign-in') ? 'signin' : 'portal';
  return status as Expected;
}

/** The organization whose rows a role's allowed write may change. */
function ownOrganization(role: Role): string {
  return role === 'lenderA' || role === 'apiKeyA' ? organizationIds.lenderA : organizationIds.lenderB;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  for (const role of SESSION_ROLES) pages.set(role, await newRolePage(browser, role));
  for (const lender of ['lenderA', 'lenderB'] as const) {
    const name = DEMO_ORGANIZATIONS.find((o) => o.key === lender)!.name;
    [{ id: organizationIds[lender] }] = await queryE2eDatabase<{ id: string }>('SELECT id::text FROM organization WHERE name = $1', [name]);
  }
  apiKeys.apiKeyA = createDemoLenderApiKey('lenderA');
  apiKeys.apiKeyB = createDemoLenderApiKey('lenderB');

  const lender = pages.get('lenderA')!;
  title = `Matrix contract ${randomUUID().slice(0, 8)}`;
  evidenceId = await uploadEvidenceViaApi(lender, { title, content: Buffer.from(`matrix ${title}`), borrower: BORROWER_1 });
  await waitAnchoredViaApi(lender, evidenceId);
  batchId = ((await (await lender.request.get(`/api/v1/evidence/${evidenceId}`)).json()) as { batchId: string }).batchId;
  certificate = await (await lender.request.get(`/api/v1/evidence/${evidenceId}/certificate`)).json();
  serial = (certificate as unknown as { serial: string }).serial;

  caseId = await fileCaseViaForm(lender, { commission: COMMISSION, borrowerName: BORROWER_1.name, title: `Matrix case ${title}`, evidenceIds: [evidenceId] });

  const arbitrator = pages.get('arbitrator')!;
  await arbitrator.goto(`/arbitration/cases/${caseId}`);
  await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
  [{ id: reportId }] = await queryE2eDatabase<{ id: string }>('SELECT id::text FROM verification_report WHERE case_id = $1', [caseId]);

  const created = await startResumableUpload('lenderA', Buffer.alloc(10, 1));
  expect(created.status(), await created.text()).toBe(201);
  uploadId = created.headers()['location']!.split('/').pop()!;

  const partner = createOperatorApiKey(`E2E matrix partner bank ${randomUUID().slice(0, 6)}`, 'lender', 'partner system');
  pairId = createReconciliationPairAsOperator({ lenderA: DEMO_ORGANIZATIONS.find((o) => o.key === 'lenderA')!.name, lenderB: partner.organizationId });
  for (const headers of [apiKeys.apiKeyA.headers, partner.headers]) {
    const uploaded = await lender.request.put(`/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: statementCsv,
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
  }
});

const TUS = { 'tus-resumable': '1.0.0' };
function startResumableUpload(role: Role, content: Buffer): Promise<APIResponse> {
  const metadata = { filename: 'matrix.bin', title: `Resumable by ${role}`, type: 'other', borrowerName: BORROWER_1.name, borrowerIdNumber: BORROWER_1.idNumber };
  return send(role, 'POST', '/api/v1/uploads', {
    headers: {
      ...TUS,
      'upload-length': String(content.length),
      'upload-metadata': Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
    },
  });
}
const patchUpload = (role: Role, id: string, offset: number, bytes: Buffer) =>
  send(role, 'PATCH', `/api/v1/uploads/${id}`, { headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, data: bytes });
/** The upload's offset as lender A sees it. */
async function uploadOffset(id: string): Promise<number> {
  return Number((await send('lenderA', 'HEAD', `/api/v1/uploads/${id}`, { headers: TUS })).headers()['upload-offset']);
}

test.afterAll(async () => {
  for (const page of pages.values()) await page.context().close();
});

const only = (allowed: Partial<Record<SessionRole, Expected>>, refused: Expected = 403): Record<SessionRole, Expected> => ({
  ...(Object.fromEntries(SESSION_ROLES.map((role) => [role, refused])) as Record<SessionRole, Expected>),
  anonymous: 'signin',
  ...allowed,
});
const LENDERS_PAGE = only({ lenderA: 200, lenderB: 200 });
/** Anonymous visitors see it; a signed-in visitor is sent to their portal. */
const LANDING = { ...only({}, 'portal'), anonymous: 200 } as Record<SessionRole, Expected>;
const PUBLIC_PAGE = { ...only({}, 200), anonymous: 200 } as Record<SessionRole, Expected>;

const PAGE_MATRIX: Array<{ file: string; path: () => string; expected: Record<SessionRole, Expected> }> = [
  { file: 'app/page.tsx', path: () => '/', expected: LANDING },
  { file: 'app/sign-in/page.tsx', path: () => '/sign-in', expected: LANDING },
  { file: 'app/verify/page.tsx', path: () => '/verify', expected: PUBLIC_PAGE },
  { file: 'app/api-docs/page.tsx', path: () => '/api-docs', expected: PUBLIC_PAGE },
  { file: 'app/lender/page.tsx', path: () => '/lender', expected: LENDERS_PAGE },
  { file: 'app/lender/upload/page.tsx', path: () => '/lender/upload', expected: LENDERS_PAGE },
  { file: 'app/lender/evidence/[id]/page.tsx', path: () => `/lender/evidence/${evidenceId}`, expected: only({ lenderA: 200, lenderB: 404 }) },
  { file: 'app/lender/cases/page.tsx', path: () => '/lender/cases', expected: LENDERS_PAGE },
  { file: 'app/lender/cases/new/page.tsx', path: () => '/lender/cases/new', expected: LENDERS_PAGE },
  { file: 'app/lender/cases/[id]/page.tsx', path: () => `/lender/cases/${caseId}`, expected: only({ lenderA: 200, lenderB: 404 }) },
  // Both demo lender accounts are their organization's admins.
  { file: 'app/lender/api-keys/page.tsx', path: () => '/lender/api-keys', expected: LENDERS_PAGE },
  { file: 'app/arbitration/page.tsx', path: () => '/arbitration', expected: only({ arbitrator: 200 }) },
  { file: 'app/arbitration/cases/[id]/page.tsx', path: () => `/arbitration/cases/${caseId}`, expected: only({ arbitrator: 200 }) },
  { file: 'app/borrower/page.tsx', path: () => '/borrower', expected: only({ borrower1: 200, borrower2: 200 }) },
  { file: 'app/borrower/cases/[id]/page.tsx', path: () => `/borrower/cases/${caseId}`, expected: only({ borrower1: 200, borrower2: 404 }) },
  { file: 'app/audit/page.tsx', path: () => '/audit', expected: only({ regulator: 200 }) },
  { file: 'app/audit/reconciliation/page.tsx', path: () => '/audit/reconciliation', expected: only({ regulator: 200 }) },
  { file: 'app/lender/reconciliation/page.tsx', path: () => '/lender/reconciliation', expected: LENDERS_PAGE },
  { file: 'app/lender/reconciliation/[pairId]/page.tsx', path: () => `/lender/reconciliation/${pairId}`, expected: only({ lenderA: 200, lenderB: 404 }) },
  {
    file: 'app/lender/reconciliation/[pairId]/[businessDate]/page.tsx',
    path: () => `/lender/reconciliation/${pairId}/${businessDate}`,
    expected: only({ lenderA: 200, lenderB: 404 }),
  },
];

const row = (
  lenderA: Expected, lenderB: Expected, arbitrator: Expected, borrower1: Expected, borrower2: Expected,
  regulator: Expected, anonymous: Expected, apiKeyA: Expected, apiKeyB: Expected,
): Record<Role, Expected> => ({ lenderA, lenderB, arbitrator, borrower1, borrower2, regulator, anonymous, apiKeyA, apiKeyB });

//                                  lenderA lenderB arbitrator borrower1 borrower2 regulator anonymous apiKeyA apiKeyB
const EVIDENCE_READ = row(           200,    404,    200,       200,      404,      403,      'signin', 200,    404);
const ORIGINAL_FILE = row(           200,    404,    200,       403,      403,      403,      'signin', 200,    404);
const CASE_READ = row(               200,    404,    200,       200,      404,      403,      'signin', 403,    403);
/** The evidence package: the filing lender (session or key) and the commission, not the borrower. */
const CASE_PACKAGE = row(            200,    404,    200,       403,      403,      403,      'signin', 200,    404);
const AUDIT_READ = row(              403,    403,    403,       403,      403,      200,      'signin', 403,    403);
/** The API's own lists take API keys only, and show a key its own organization's rows. */
const KEY_LIST = row(                'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 200, 'hidden');
const KEY_READ = row(                'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 200, 404);
const PUBLIC = row(                  200,    200,    200,       200,      200,      200,      200,      200,    200);
/** A co-lending pair's days: its two banks (here lender A and a partner), staff or key; to lender B it does not exist. */
const RECONCILIATION_READ = row(     200,    404,    403,       403,      403,      403,      'signin', 200,    404);
/** A resumable upload: its own organization's lender staff and keys; to the other lender it does not exist. */
const UPLOAD_READ = row(             200,    404,    403,       403,      403,      403,      'signin', 200,    404);

interface ApiRow {
  file: string;
  name: string;
  send: (role: Role) => Promise<APIResponse>;
  /** For lists: whether the body includes lender A's row; a 200 without it is 'hidden'. */
  listed?: (body: never) => boolean;
  expected: Record<Role, Expected>;
}

const get = (url: () => string) => (role: Role) => send(role, 'GET', url());

const API_MATRIX: ApiRow[] = [
  { file: 'app/api/v1/evidence/[id]/route.ts', name: 'GET /api/v1/evidence/{id}', send: get(() => `/api/v1/evidence/${evidenceId}`), expected: EVIDENCE_READ },
  {
    file: 'app/api/v1/evidence/[id]/certificate/route.ts',
    name: 'GET /api/v1/evidence/{id}/certificate',
    send: get(() => `/api/v1/evidence/${evidenceId}/certificate`),
    expected: EVIDENCE_READ,
  },
  {
    file: 'app/api/v1/evidence/[id]/certificate/pdf/route.ts',
    name: 'GET /api/v1/evidence/{id}/certificate/pdf',
    send: get(() => `/api/v1/evidence/${evidenceId}/certificate/pdf`),
    expected: EVIDENCE_READ,
  },
  { file: 'app/api/v1/evidence/[id]/receipt/route.ts', name: 'GET /api/v1/evidence/{id}/receipt', send: get(() => `/api/v1/evidence/${evidenceId}/receipt`), expected: EVIDENCE_READ },
  {
    file: 'app/api/v1/uploads/[[...path]]/route.ts',
    name: 'HEAD /api/v1/uploads/{id}',
    send: (role) => send(role, 'HEAD', `/api/v1/uploads/${uploadId}`, { headers: TUS }),
    expected: UPLOAD_READ,
  },
  { file: 'app/api/v1/uploads/[[...path]]/route.ts', name: 'GET /api/v1/uploads/{id}', send: get(() => `/api/v1/uploads/${uploadId}`), expected: UPLOAD_READ },
  {
    file: 'app/api/v1/uploads/[[...path]]/route.ts',
    name: 'OPTIONS /api/v1/uploads (public: what the tus server supports)',
    send: (role) => send(role, 'OPTIONS', '/api/v1/uploads'),
    expected: row(204, 204, 204, 204, 204, 204, 204, 204, 204),
  },
  { file: 'app/api/v1/evidence/[id]/file/route.ts', name: 'GET /api/v1/evidence/{id}/file', send: get(() => `/api/v1/evidence/${evidenceId}/file`), expected: ORIGINAL_FILE },
  {
    file: 'app/api/v1/evidence/route.ts',
    name: 'GET /api/v1/evidence',
    send: get(() => '/api/v1/evidence?limit=1000'),
    listed: (body: { items: Array<{ id: string }> }) => body.items.some((item) => item.id === evidenceId),
    expected: KEY_LIST,
  },
  { file: 'app/api/v1/batches/[id]/route.ts', name: 'GET /api/v1/batches/{id}', send: get(() => `/api/v1/batches/${batchId}`), expected: KEY_READ },
  {
    file: 'app/api/v1/cases/[id]/reports/[reportId]/route.ts',
    name: 'GET /api/v1/cases/{id}/reports/{reportId}',
    send: get(() => `/api/v1/cases/${caseId}/reports/${reportId}?format=json`),
    expected: CASE_READ,
  },
  { file: 'app/api/v1/cases/[id]/package/route.ts', name: 'GET /api/v1/cases/{id}/package', send: get(() => `/api/v1/cases/${caseId}/package`), expected: CASE_PACKAGE },
  {
    file: 'app/api/v1/reconciliation/pairs/route.ts',
    name: 'GET /api/v1/reconciliation/pairs',
    send: get(() => '/api/v1/reconciliation/pairs'),
    listed: (body: { pairs: Array<{ id: string }> }) => body.pairs.some((pair) => pair.id === pairId),
    expected: row(200, 'hidden', 403, 403, 403, 403, 'signin', 200, 'hidden'),
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days`),
    expected: RECONCILIATION_READ,
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}`),
    expected: RECONCILIATION_READ,
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks`),
    expected: RECONCILIATION_READ,
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/export/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/export',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/export?document=statement`),
    expected: RECONCILIATION_READ,
  },
  // The matrix day's two sides are the same file, so its statement has no break: the pair's banks get
  // past authorization to "no such break"; a bank outside the pair is told there is no such pair.
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/certificate/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/certificate',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks/0/certificate`),
    expected: row(404, 404, 403, 403, 403, 403, 'signin', 404, 404),
  },
  // Openings are a blind pair's; the matrix pair is open and its day has no break, so the pair's banks
  // get past authorization to "no such break" (reading and sending alike), everyone else is refused
  // first. A blind day's openings are e2e/reconciliation-blind.spec.ts's journey.
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/openings/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/openings',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks/0/openings`),
    expected: row(404, 404, 403, 403, 403, 403, 'signin', 404, 404),
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/openings/route.ts',
    name: 'POST /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/breaks/{ordinal}/openings',
    send: (role) =>
      send(role, 'POST', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/breaks/0/openings`, {
        data: { key: `0x${'00'.repeat(32)}`, openings: [{ field: 'status', value: '"settled"', salt: `0x${'11'.repeat(32)}` }] },
      }),
    expected: row(404, 404, 403, 403, 403, 403, 'signin', 404, 404),
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/sign-off/route.ts',
    name: 'GET /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/sign-off',
    send: get(() => `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/sign-off`),
    expected: RECONCILIATION_READ,
  },
  // A signature no key made: the pair's bank is let through to the signature check and answered 422;
  // nothing is signed off.
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/sign-off/route.ts',
    name: 'POST /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/sign-off',
    send: (role) =>
      send(role, 'POST', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/sign-off`, { data: { decision: 'agreed', signature: `0x${'11'.repeat(65)}` } }),
    expected: row(422, 404, 403, 403, 403, 403, 'signin', 422, 404),
  },
  // The day's side is in already: the pair's bank is let through and answered 409 (one file per side
  // per day, never merged); everyone else is refused before the file is read.
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/route.ts',
    name: 'PUT /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement',
    send: (role) => send(role, 'PUT', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement`, { headers: { 'content-type': 'text/csv' }, data: statementCsv }),
    expected: row(409, 404, 403, 403, 403, 403, 'signin', 409, 404),
  },
  // The same for the resumable statement upload: the pair's banks are told at creation that the side
  // is in; an upload id of nobody's is "not found" to them, everyone else is refused before it is looked up.
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/uploads/[[...path]]/route.ts',
    name: 'POST /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads',
    send: (role) => send(role, 'POST', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement/uploads`, { headers: { ...TUS, 'upload-length': String(statementCsv.length) } }),
    expected: row(409, 404, 403, 403, 403, 403, 'signin', 409, 404),
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/uploads/[[...path]]/route.ts',
    name: 'PATCH /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads/{id}',
    send: (role) =>
      send(role, 'PATCH', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement/uploads/${randomUUID()}`, {
        headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        data: statementCsv,
      }),
    expected: row(404, 404, 403, 403, 403, 403, 'signin', 404, 404),
  },
  {
    file: 'app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/statement/uploads/[[...path]]/route.ts',
    name: 'OPTIONS /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement/uploads (public: what the tus server supports)',
    send: (role) => send(role, 'OPTIONS', `/api/v1/reconciliation/pairs/${pairId}/days/${businessDate}/statement/uploads`),
    expected: row(204, 204, 204, 204, 204, 204, 204, 204, 204),
  },
  { file: 'app/api/v1/audit/export.csv/route.ts', name: 'GET /api/v1/audit/export.csv', send: get(() => '/api/v1/audit/export.csv'), expected: AUDIT_READ },
  // A portal route: without a session cookie the proxy sends the caller to sign-in, keys included.
  {
    file: 'app/lender/evidence.csv/route.ts',
    name: 'GET /lender/evidence.csv',
    send: get(() => '/lender/evidence.csv'),
    expected: row(200, 200, 403, 403, 403, 403, 'signin', 'signin', 'signin'),
  },
  // Public: certificates are checked by whoever holds one, so these need no session or key.
  { file: 'app/api/v1/certificates/[serial]/route.ts', name: 'GET /api/v1/certificates/{serial} (public)', send: get(() => `/api/v1/certificates/${serial}`), expected: PUBLIC },
  {
    file: 'app/api/v1/certificates/[serial]/pdf/route.ts',
    name: 'GET /api/v1/certificates/{serial}/pdf (public)',
    send: get(() => `/api/v1/certificates/${serial}/pdf`),
    expected: PUBLIC,
  },
  {
    file: 'app/api/v1/certificates/[serial]/status/route.ts',
    name: 'GET /api/v1/certificates/{serial}/status (public)',
    send: get(() => `/api/v1/certificates/${serial}/status`),
    expected: PUBLIC,
  },
  {
    file: 'app/api/v1/verify/route.ts',
    name: 'POST /api/v1/verify (public)',
    send: (role) => send(role, 'POST', '/api/v1/verify', { data: { certificate, fileSha256: certificate.evidence.sha256 } }),
    expected: PUBLIC,
  },
  {
    file: 'app/api/v1/chain-rpc/route.ts',
    name: 'POST /api/v1/chain-rpc (public, read-only)',
    send: (role) => send(role, 'POST', '/api/v1/chain-rpc', { data: { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] } }),
    expected: PUBLIC,
  },
  { file: 'app/api/health/route.ts', name: 'GET /api/health (public)', send: get(() => '/api/health'), expected: PUBLIC },
  { file: 'app/api/health/live/route.ts', name: 'GET /api/health/live (public)', send: get(() => '/api/health/live'), expected: PUBLIC },
  { file: 'app/api/health/ready/route.ts', name: 'GET /api/health/ready (public)', send: get(() => '/api/health/ready'), expected: PUBLIC },
  { file: 'app/api/v1/openapi.json/route.ts', name: 'GET /api/v1/openapi.json (public)', send: get(() => '/api/v1/openapi.json'), expected: PUBLIC },
  {
    file: 'app/.well-known/evident-issuer.json/route.ts',
    name: 'GET /.well-known/evident-issuer.json (public)',
    send: get(() => '/.well-known/evident-issuer.json'),
    expected: PUBLIC,
  },
  // better-auth's endpoints: sign-in itself is in accounts.ts and sessions.spec.ts; reading the
  // session is open to all (null without one).
  { file: 'app/api/auth/[...all]/route.ts', name: 'GET /api/auth/get-session (public)', send: get(() => '/api/auth/get-session'), expected: PUBLIC },
];

for (const { path: pagePath, expected, file } of PAGE_MATRIX) {
  test(`pages: ${file}`, async () => {
    const outcomes: Record<string, Expected> = {};
    for (const role of SESSION_ROLES) outcomes[role] = seen(await send(role, 'GET', pagePath()));
    expect(outcomes).toEqual(expected);
  });
}

for (const { name, send: request, listed, expected } of API_MATRIX) {
  test(`api: ${name}`, async () => {
    const outcomes: Record<string, Expected> = {};
    for (const role of ROLES) {
      const response = await request(role);
      outcomes[role] = seen(response);
      if (response.status() >= 400) expect(response.headers()['content-type'], `${role} ${name}`).toContain('application/problem+json');
      if (listed && response.status() === 200 && !listed((await response.json()) as never)) outcomes[role] = 'hidden';
    }
    expect(outcomes).toEqual(expected);
  });
}

test('lists show nothing of another tenant', async () => {
  for (const role of ['lenderB', 'borrower2'] as const) {
    const page = pages.get(role)!;
    await page.goto(role === 'lenderB' ? '/lender' : '/borrower');
    await expect(page.locator('main')).not.toContainText(title);
  }
  for (const role of ['lenderA', 'borrower1'] as const) {
    const page = pages.get(role)!;
    await page.goto(role === 'lenderA' ? '/lender' : '/borrower');
    await expect(page.locator('main')).toContainText(title);
  }
});

// Writes. Each role tries once (refused roles first); the database is re-read before and after each
// try: a refused try leaves it as it was, an allowed one adds exactly one row to the caller's own
// organization (or, for a revoke, sets the key's revoked_at) and nothing anywhere else.

/** Rows per organization in a table ('none' for rows of no organization). */
async function rowsPerOrganization(table: 'evidence' | 'api_key'): Promise<Record<string, number>> {
  const rows = await queryE2eDatabase<{ org: string; n: number }>(
    `SELECT coalesce(organization_id::text, 'none') AS org, count(*)::int AS n FROM ${table} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.org, r.n]));
}

const oneMoreFor = (role: Role, before: Record<string, number>) => ({ ...before, [ownOrganization(role)]: (before[ownOrganization(role)] ?? 0) + 1 });

interface WriteRow {
  file: string;
  name: string;
  roles: Role[];
  send: (role: Role) => Promise<APIResponse>;
  snapshot: () => Promise<unknown>;
  /** The snapshot an allowed try must leave, from the one before it. */
  afterAllowed: (role: Role, before: never) => unknown;
  expected: Partial<Record<Role, Expected>>;
}

const succeeded = (outcome: Expected | undefined) => outcome === 200 || outcome === 201 || outcome === 204;
const SUBMIT = row(201, 201, 403, 403, 403, 403, 'signin', 201, 201);
const KEY_SUBMIT = row('signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 201, 201);
const uniqueSha = () => '0x' + createHash('sha256').update(randomUUID()).digest('hex');

/** The hidden fields of a server-action form on lender A's /lender/api-keys, as its HTML carries them
 * for submitting without JavaScript; the form is the one whose HTML contains `marker`. */
async function actionFormFields(marker: string): Promise<Record<string, string>> {
  return (await actionForm(pages.get('lenderA')!, '/lender/api-keys', marker)).fields;
}

let revokeTarget: string;
const revokedAt = async () => (await queryE2eDatabase<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_key WHERE prefix = $1', [revokeTarget]))[0].revoked_at;

const WRITE_MATRIX: WriteRow[] = [
  {
    file: 'app/api/v1/evidence/files/route.ts',
    name: 'POST /api/v1/evidence/files',
    roles: ROLES,
    send: (role) => {
      const content = Buffer.from(`upload by ${role} ${randomUUID()}`);
      return send(role, 'POST', '/api/v1/evidence/files', {
        multipart: {
          sha256: '0x' + createHash('sha256').update(content).digest('hex'),
          title: `Upload by ${role}`,
          type: 'other',
          borrowerName: BORROWER_1.name,
          borrowerIdNumber: BORROWER_1.idNumber,
          file: { name: 'x.txt', mimeType: 'text/plain', buffer: content },
        },
      });
    },
    snapshot: () => rowsPerOrganization('evidence'),
    afterAllowed: oneMoreFor,
    expected: SUBMIT,
  },
  {
    // Created, sent in one PATCH, finished: the item is the caller's organization's; the answer seen is
    // the creation's when refused, else the upload's status read (200) once finished.
    file: 'app/api/v1/uploads/[[...path]]/route.ts',
    name: 'POST /api/v1/uploads, then PATCH it whole (a resumable upload)',
    roles: ROLES,
    send: async (role) => {
      const content = Buffer.from(`resumable upload by ${role} ${randomUUID()}`);
      const created = await startResumableUpload(role, content);
      if (created.status() !== 201) return created;
      const id = created.headers()['location']!.split('/').pop()!;
      const finished = await patchUpload(role, id, 0, content);
      expect(finished.status(), await finished.text()).toBe(204);
      return send(role, 'GET', `/api/v1/uploads/${id}`);
    },
    snapshot: () => rowsPerOrganization('evidence'),
    afterAllowed: oneMoreFor,
    expected: row(200, 200, 403, 403, 403, 403, 'signin', 200, 200),
  },
  {
    // Lender A's upload takes bytes from lender A's staff and keys only.
    file: 'app/api/v1/uploads/[[...path]]/route.ts',
    name: 'PATCH /api/v1/uploads/{id} of lender A’s upload',
    roles: ROLES,
    send: async (role) => patchUpload(role, uploadId, await uploadOffset(uploadId), Buffer.alloc(1, 2)),
    snapshot: async () => ({ offset: await uploadOffset(uploadId), evidence: await rowsPerOrganization('evidence') }),
    afterAllowed: (_role, before: { offset: number; evidence: Record<string, number> }) => ({ offset: before.offset + 1, evidence: before.evidence }),
    expected: row(204, 404, 403, 403, 403, 403, 'signin', 204, 404),
  },
  {
    file: 'app/api/v1/evidence/records/route.ts',
    name: 'POST /api/v1/evidence/records',
    roles: ROLES,
    send: (role) =>
      send(role, 'POST', '/api/v1/evidence/records', {
        data: [{ type: 'repayment_record', loanReference: `L-MATRIX-${role}`, data: { by: role, nonce: randomUUID() } }],
      }),
    snapshot: () => rowsPerOrganization('evidence'),
    afterAllowed: oneMoreFor,
    expected: KEY_SUBMIT,
  },
  {
    file: 'app/api/v1/evidence/hashes/route.ts',
    name: 'POST /api/v1/evidence/hashes',
    roles: ROLES,
    send: (role) => send(role, 'POST', '/api/v1/evidence/hashes', { data: [{ sha256: uniqueSha() }] }),
    snapshot: () => rowsPerOrganization('evidence'),
    afterAllowed: oneMoreFor,
    expected: KEY_SUBMIT,
  },
  // The API-key page's server actions, posted as its form does without JavaScript. Only a session
  // reaches a server action, so API keys have no column here. A lender admin's key is always their
  // own organization's: lender B's try adds a key to lender B.
  {
    file: 'app/lender/api-keys/actions.ts',
    name: 'createKeyAction',
    roles: SESSION_ROLES,
    send: async (role) => {
      const fields = await actionFormFields('data-testid="create-api-key-form"');
      for (const name of Object.keys(fields)) if (/^\$ACTION_\d+:1$/.test(name)) fields[name] = '[{}]';
      return send(role, 'POST', '/lender/api-keys', { multipart: { ...fields, name: `key by ${role}` } });
    },
    snapshot: () => rowsPerOrganization('api_key'),
    afterAllowed: oneMoreFor,
    expected: only({ lenderA: 200, lenderB: 200 }),
  },
  {
    file: 'app/lender/api-keys/actions.ts',
    name: 'revokeKeyAction on lender A’s key',
    roles: SESSION_ROLES,
    send: async (role) => send(role, 'POST', '/lender/api-keys', { multipart: await actionFormFields(`name="prefix" value="${revokeTarget}"`) }),
    snapshot: async () => ({ revokedAt: await revokedAt(), keys: await rowsPerOrganization('api_key') }),
    afterAllowed: (_role, before: { keys: Record<string, number> }) => ({ revokedAt: expect.any(Date), keys: before.keys }),
    // revokeApiKey refuses lender B with "not found" and the others with "forbidden" (the service-level
    // matrix has each); posted without JavaScript, Next.js renders any notFound() or forbidden() of a
    // form action as its 404 page (next/dist/server/app-render/action-handler.js), so all read 404 here.
    expected: only({ lenderA: 200 }, 404),
  },
];

test.describe('writes change nothing unless allowed', () => {
  test.beforeAll(() => {
    revokeTarget = createDemoLenderApiKey('lenderA').prefix;
  });

  for (const write of WRITE_MATRIX) {
    test(`write: ${write.name}`, async () => {
      // Refused roles first, so that an allowed role's change cannot hide a refused one's.
      const order = [...write.roles].sort((a, b) => Number(succeeded(write.expected[a])) - Number(succeeded(write.expected[b])));
      const outcomes: Record<string, Expected> = {};
      for (const role of order) {
        const before = await write.snapshot();
        outcomes[role] = seen(await write.send(role));
        const after = await write.snapshot();
        const allowed = succeeded(outcomes[role]);
        expect(after, `${role} ${write.name}: ${allowed ? 'one row of its own organization' : 'database unchanged'}`).toEqual(
          allowed ? write.afterAllowed(role, before as never) : before,
        );
      }
      expect(outcomes).toEqual(write.expected);
    });
  }
});

/** Files whose HTTP form is another spec's journey and whose authorization is in the service-level
 * matrix (lib/auth/authorization-matrix.int.test.ts: fileCase, changeCaseStatus, verifyCaseEvidence). */
const SERVICE_LEVEL = [
  'app/lender/cases/new/actions.ts',
  'app/arbitration/cases/[id]/actions.ts',
  // findOrganizationBorrowerByIdNumber and checkNewBorrowerName rows of the service-level matrix.
  'app/lender/actions.ts',
  'app/lender/upload/actions.ts',
  // addReconciliationCertificate's and submitBlindOpenings's rows; their journeys are
  // e2e/reconciliation-case.spec.ts and e2e/reconciliation-blind.spec.ts.
  'app/lender/reconciliation/[pairId]/[businessDate]/actions.ts',
  // The regulator's setRuleThresholds and requestRecordDisclosure rows; their journey is
  // e2e/reconciliation-oversight.spec.ts.
  'app/audit/reconciliation/actions.ts',
];

test('every route handler, page and server-action file under app/ is in this matrix', async () => {
  const files = (await readdir('app', { recursive: true }))
    .filter((file) => /(^|\/)(route\.ts|page\.tsx|actions\.ts)$/.test(file))
    .map((file) => path.posix.join('app', file.split(path.sep).join('/')));
  const listed = new Set([...PAGE_MATRIX, ...API_MATRIX, ...WRITE_MATRIX].map((r) => r.file).concat(SERVICE_LEVEL));
  expect(files.filter((file) => !listed.has(file)).sort()).toEqual([]);
  expect([...listed].filter((file) => !files.includes(file)).sort()).toEqual([]);
});
