// The evidence package as a tribunal uses it: the lender downloads it from the case page, it is
// unpacked, and verify.html is opened from disk (file://) with every network request refused except
// the chain node's; it passes every item, names the item and the file-hash check when one byte of an
// original changes, names the README when it is edited, and names the manifest signature when
// the manifest is edited.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signIn } from './accounts';
import { queryE2eDatabase } from './e2e-database';
import { createDemoLenderApiKey, selectBorrower, uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';

const BORROWER_1 = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };
const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';
const CHAIN_RPC = `http://127.0.0.1:${process.env.E2E_CHAIN_PORT ?? '8599'}`;

test.describe.configure({ mode: 'serial' });

let packageDir: string;
let zipPath: string;
let caseNumber: string;

/** A browser context that may reach nothing but the chain node: verify.html must work from disk. */
async function offlineContext(browser: import('@playwright/test').Browser): Promise<{ context: BrowserContext; requests: string[] }> {
  const context = await browser.newContext();
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    if (url.startsWith(CHAIN_RPC)) return route.continue();
    return route.abort('blockedbyclient');
  });
  return { context, requests };
}

async function openVerifier(page: Page, dir: string): Promise<void> {
  await page.goto(pathToFileURL(path.join(dir, 'verify.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Evidence package: offline verification/);
}

/** verify.html, opened offline, checks the unpacked package folder (as it now is on disk). */
async function verifyUnpackedFolder(browser: import('@playwright/test').Browser): Promise<{ context: BrowserContext; page: Page }> {
  const { context } = await offlineContext(browser);
  const page = await context.newPage();
  await openVerifier(page, packageDir);
  await page.locator('#folder').setInputFiles(packageDir);
  await expect(page.locator('#status')).toHaveText(/files read; ready to verify/);
  await page.locator('#run').click();
  return { context, page };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'lenderA');
  const title = `借款合同 ${randomUUID().slice(0, 6)}`;
  const fileId = await uploadEvidenceViaApi(page, { title, content: Buffer.from(`合同正文 ${title}`), borrower: BORROWER_1 });
  const key = createDemoLenderApiKey('lenderA');
  const post = async (kind: 'records' | 'hashes', body: unknown) => {
    const response = await page.request.post(`/api/v1/evidence/${kind}`, { headers: key.headers, data: body });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { items: Array<{ id: string }> }).items[0]!.id;
  };
  const recordId = await post('records', [{ type: 'repayment_record', loanReference: 'L-PKG-1', data: { instalment: 1, amount: '800.00' } }]);
  const hashId = await post('hashes', [{ sha256: `0x${createHash('sha256').update(randomUUID()).digest('hex')}` }]);
  // The records and hashes API has no borrower fields yet: name the borrower as the upload did.
  await queryE2eDatabase(
    'UPDATE evidence SET borrower_id = (SELECT borrower_id FROM evidence WHERE id = $1) WHERE id = ANY($2::uuid[])',
    [fileId, [recordId, hashId]],
  );
  for (const id of [fileId, recordId, hashId]) await waitAnchoredViaApi(page, id);

  await page.goto('/lender/cases/new');
  await page.locator('select[name="commissionOrganizationId"]').selectOption({ label: COMMISSION });
  await selectBorrower(page, BORROWER_1.name);
  await page.locator('input[name="title"]').fill(`Package case ${title}`);
  for (const id of [fileId, recordId, hashId]) await page.locator(`input[name="evidenceIds"][value="${id}"]`).check();
  await page.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);

  const download = page.waitForEvent('download');
  await page.getByTestId('evidence-package-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^EVC-\d{4}-\d{6}-evidence-package\.zip$/);
  caseNumber = file.suggestedFilename().replace('-evidence-package.zip', '');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'e2e-package-'));
  zipPath = path.join(scratch, file.suggestedFilename());
  await file.saveAs(zipPath);
  execFileSync('unzip', ['-q', zipPath, '-d', scratch]);
  packageDir = path.join(scratch, `${caseNumber}-evidence-package`);
  await page.context().close();
});

test('verify.html from disk passes every item of the ZIP, asking nothing of any server but the chain node', async ({ browser }) => {
  const { context, requests } = await offlineContext(browser);
  const page = await context.newPage();
  await openVerifier(page, packageDir);
  await page.locator('#zip').setInputFiles(zipPath);
  await expect(page.locator('#status')).toHaveText(/files read; ready to verify/);
  await page.locator('#rpc').fill(CHAIN_RPC);
  await page.locator('#run').click();
  await expect(page.locator('#status')).toHaveText(/All checks pass \(3 items/);
  await expect(page.locator('#manifest-result')).toHaveClass('ok');
  await expect(page.locator('#package-files-result')).toHaveClass('ok');
  await expect(page.locator('tr[data-evidence-id] td.bad')).toHaveCount(0);
  // What the issuer signed about each item (certificate format 3), read from the certificates alone.
  const rows = page.locator('tr[data-evidence-id]');
  await expect(rows.filter({ hasText: 'Submitted by: 粤信银行 Yuexin Bank (Demo Lender A)' })).toHaveCount(3);
  await expect(rows.filter({ hasText: `Borrower: ${BORROWER_1.name} (` })).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Loan reference: L-PKG-1' })).toHaveCount(1);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !url.startsWith(CHAIN_RPC))).toEqual([]);
  await context.close();
});

test('a file that is not a ZIP gets a plain message, not a silent page', async ({ browser }) => {
  const { context } = await offlineContext(browser);
  const page = await context.newPage();
  await openVerifier(page, packageDir);
  await page.locator('#zip').setInputFiles(path.join(packageDir, 'README.txt'));
  await expect(page.locator('#status')).toHaveText(/This file cannot be read: it is not a valid ZIP file/);
  await expect(page.locator('#status')).toHaveClass('bad');
  await context.close();
});

test('one byte of an original changed: the item and its file-hash check are named', async ({ browser }) => {
  const originals = path.join(packageDir, 'originals');
  const [first] = (await readdir(originals)).sort();
  const bytes = await readFile(path.join(originals, first!));
  bytes[0] = bytes[0]! ^ 0x01;
  await writeFile(path.join(originals, first!), bytes);

  const { context, page } = await verifyUnpackedFolder(browser);
  await expect(page.locator('#status')).toHaveText(/Verification failed: 1 items failed/);
  const failing = page.locator('tr[data-evidence-id]').filter({ has: page.locator('td.bad') });
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText('[file-hash]');
  await expect(failing).toContainText('借款合同');
  await context.close();
});

test('one line of README.txt changed: the page names it against the signed manifest', async ({ browser }) => {
  // The case was never verified, so the package has no report; the README is covered the same way.
  const readmePath = path.join(packageDir, 'README.txt');
  await writeFile(readmePath, `${await readFile(readmePath, 'utf8')}\nThis package was checked and found complete.\n`);

  const { context, page } = await verifyUnpackedFolder(browser);
  await expect(page.locator('#status')).toHaveText(/Verification failed/);
  await expect(page.locator('#manifest-result')).toHaveClass('ok');
  await expect(page.locator('#package-files-result')).toHaveClass('bad');
  await expect(page.locator('#package-files-result')).toContainText('package.file-differs-from-manifest');
  await expect(page.locator('#package-files-result')).toContainText('README.txt has SHA-256');
  await context.close();
});

test('the manifest edited: the manifest signature is named', async ({ browser }) => {
  const manifestPath = path.join(packageDir, 'manifest.json');
  await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('"L-PKG-1"', '"L-PKG-2"'));
  const { context, page } = await verifyUnpackedFolder(browser);
  await expect(page.locator('#manifest-result')).toHaveClass('bad');
  await expect(page.locator('#manifest-result')).toContainText('package.manifest-altered');
  await context.close();
});

test('a manifest that is not one: the page says that no item can be checked, and why', async ({ browser }) => {
  const manifestPath = path.join(packageDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  delete manifest.items;
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const { context, page } = await verifyUnpackedFolder(browser);
  await expect(page.locator('#status')).toHaveText(/manifest.json cannot be read \(it is not a valid manifest\), so no item can be checked/);
  await expect(page.locator('#status')).toHaveClass('bad');
  await expect(page.locator('#manifest-result')).toContainText('package.manifest-altered');
  await expect(page.locator('#manifest-result')).toContainText('package.manifest-malformed');
  await expect(page.locator('#manifest-result')).toContainText('items');
  await expect(page.locator('tr[data-evidence-id]')).toHaveCount(0);
  await context.close();
});

test('the package is refused to another lender (404) and to nobody (401)', async ({ browser }) => {
  const [{ id: caseId }] = await queryE2eDatabase<{ id: string }>('SELECT id::text FROM arbitration_case WHERE case_number = $1', [caseNumber]);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, 'lenderB');
  expect((await other.request.get(`/api/v1/cases/${caseId}/package`)).status()).toBe(404);
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.request.get(`/api/v1/cases/${caseId}/package`)).status()).toBe(401);
});
