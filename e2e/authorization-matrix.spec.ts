// The authorization matrix over HTTP, against the real server: each role (lender A, lender B, the
// arbitrator, borrower 1 and 2, the regulator, anonymous) requests every portal page and every
// evidence, case and audit route. Cross-tenant reads are 404, wrong roles 403, no session 401 (or
// the sign-in redirect for pages). Refused uploads are proven to have stored nothing by reading the
// database. Service-level writes (server actions) have their own matrix in
// lib/auth/authorization-matrix.int.test.ts.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { signIn, type AccountName } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';
import { E2E_BASE_URL } from '../playwright.config';

type Role = 'lenderA' | 'lenderB' | 'arbitrator' | 'borrower1' | 'borrower2' | 'regulator' | 'anonymous';
const ROLES: Role[] = ['lenderA', 'lenderB', 'arbitrator', 'borrower1', 'borrower2', 'regulator', 'anonymous'];
const BORROWER_1 = { name: '张伟 Zhang Wei', idNumber: '440104199003074512' };
const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';

/** 'signin' = a page redirects to /sign-in; an API answers 401. */
type Expected = 200 | 403 | 404 | 'signin';

const pages = new Map<Role, Page>();
let evidenceId: string;
let caseId: string;
let reportId: string;
let title: string;

async function newRolePage(browser: Browser, role: Role): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  if (role !== 'anonymous') await signIn(page, role as AccountName);
  return page;
}

function request(role: Role): APIRequestContext {
  return pages.get(role)!.request;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  for (const role of ROLES) pages.set(role, await newRolePage(browser, role));
  const lender = pages.get('lenderA')!;
  title = `Matrix contract ${randomUUID().slice(0, 8)}`;
  evidenceId = await uploadEvidenceViaApi(lender, { title, content: Buffer.from(`matrix ${title}`), borrower: BORROWER_1 });
  await waitAnchoredViaApi(lender, evidenceId);

  await lender.goto('/lender/cases/new');
  await lender.locator('select[name="commissionOrganizationId"]').selectOption({ label: COMMISSION });
  await lender.locator('select[name="borrowerId"]').selectOption({ label: BORROWER_1.name });
  await lender.locator('input[name="title"]').fill(`Matrix case ${title}`);
  await lender.locator(`input[name="evidenceIds"][value="${evidenceId}"]`).check();
  await lender.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(lender).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);
  caseId = new URL(lender.url()).pathname.split('/').pop()!;

  const arbitrator = pages.get('arbitrator')!;
  await arbitrator.goto(`/arbitration/cases/${caseId}`);
  await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
  [{ id: reportId }] = await queryE2eDatabase<{ id: string }>('SELECT id::text FROM verification_report WHERE case_id = $1', [caseId]);
});

test.afterAll(async () => {
  for (const page of pages.values()) await page.context().close();
});

const PAGE_MATRIX: Array<{ path: () => string; expected: Record<Role, Expected> }> = [
  { path: () => '/lender', expected: { lenderA: 200, lenderB: 200, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/lender/upload', expected: { lenderA: 200, lenderB: 200, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => `/lender/evidence/${evidenceId}`, expected: { lenderA: 200, lenderB: 404, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/lender/cases', expected: { lenderA: 200, lenderB: 200, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/lender/cases/new', expected: { lenderA: 200, lenderB: 200, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => `/lender/cases/${caseId}`, expected: { lenderA: 200, lenderB: 404, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/lender/api-keys', expected: { lenderA: 200, lenderB: 200, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/arbitration', expected: { lenderA: 403, lenderB: 403, arbitrator: 200, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => `/arbitration/cases/${caseId}`, expected: { lenderA: 403, lenderB: 403, arbitrator: 200, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' } },
  { path: () => '/borrower', expected: { lenderA: 403, lenderB: 403, arbitrator: 403, borrower1: 200, borrower2: 200, regulator: 403, anonymous: 'signin' } },
  { path: () => '/audit', expected: { lenderA: 403, lenderB: 403, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 200, anonymous: 'signin' } },
];

const EVIDENCE_READ: Record<Role, Expected> = { lenderA: 200, lenderB: 404, arbitrator: 200, borrower1: 200, borrower2: 404, regulator: 403, anonymous: 'signin' };

const API_MATRIX: Array<{ path: () => string; expected: Record<Role, Expected> }> = [
  { path: () => `/api/v1/evidence/${evidenceId}`, expected: EVIDENCE_READ },
  { path: () => `/api/v1/evidence/${evidenceId}/certificate`, expected: EVIDENCE_READ },
  { path: () => `/api/v1/evidence/${evidenceId}/certificate/pdf`, expected: EVIDENCE_READ },
  { path: () => `/api/v1/evidence/${evidenceId}/receipt`, expected: EVIDENCE_READ },
  {
    path: () => `/api/v1/evidence/${evidenceId}/file`,
    expected: { lenderA: 200, lenderB: 404, arbitrator: 200, borrower1: 403, borrower2: 403, regulator: 403, anonymous: 'signin' },
  },
  {
    path: () => `/api/v1/cases/${caseId}/reports/${reportId}?format=json`,
    expected: { lenderA: 200, lenderB: 404, arbitrator: 200, borrower1: 200, borrower2: 404, regulator: 403, anonymous: 'signin' },
  },
  {
    path: () => '/api/v1/audit/export.csv',
    expected: { lenderA: 403, lenderB: 403, arbitrator: 403, borrower1: 403, borrower2: 403, regulator: 200, anonymous: 'signin' },
  },
];

for (const { path, expected } of PAGE_MATRIX) {
  test(`pages: ${path.toString().replace(/^\(\) => /, '')}`, async () => {
    const seen: Record<string, unknown> = {};
    for (const role of ROLES) {
      const response = await request(role).get(path(), { maxRedirects: 0 });
      const location = response.headers()['location'] ?? '';
      seen[role] = response.status() === 307 && location.includes('/sign-in') ? 'signin' : response.status();
    }
    expect(seen).toEqual(expected);
  });
}

for (const { path, expected } of API_MATRIX) {
  test(`api: ${path.toString().replace(/^\(\) => /, '')}`, async () => {
    const seen: Record<string, unknown> = {};
    for (const role of ROLES) {
      const response = await request(role).get(path(), { maxRedirects: 0 });
      seen[role] = response.status() === 401 ? 'signin' : response.status();
      if (response.status() >= 400) expect(response.headers()['content-type'], `${role} ${path()}`).toContain('application/problem+json');
    }
    expect(seen).toEqual(expected);
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

test('uploads by anyone but a lender are refused and store nothing', async () => {
  const content = Buffer.from(`refused upload ${randomUUID()}`);
  const sha256 = createHash('sha256').update(content).digest();
  const expected: Record<string, number> = { arbitrator: 403, borrower1: 403, regulator: 403, anonymous: 401 };
  const seen: Record<string, number> = {};
  for (const role of Object.keys(expected) as Role[]) {
    const response = await request(role).post('/api/v1/evidence/files', {
      headers: { origin: E2E_BASE_URL },
      multipart: {
        sha256: '0x' + sha256.toString('hex'),
        title: 'Not mine to upload',
        type: 'other',
        borrowerName: BORROWER_1.name,
        borrowerIdNumber: BORROWER_1.idNumber,
        file: { name: 'x.txt', mimeType: 'text/plain', buffer: content },
      },
    });
    seen[role] = response.status();
  }
  expect(seen).toEqual(expected);
  const rows = await queryE2eDatabase('SELECT id FROM evidence WHERE sha256 = $1', [sha256]);
  expect(rows).toEqual([]);
});
