// The lender portal: lender A uploads two described files, finds them anchored in the list, filters
// by type and by borrower, opens one and downloads its certificate; lender B gets the 404 page and
// a 404 from the API for the same item, and the form shows the server's field errors in place.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './accounts';
import { createKeyFor } from './api-helpers';
import { E2E_BASE_URL } from '../playwright.config';
import { describeUpload, openSignedIn, openUploadForm, uploadAndWaitAnchored, uploadEvidenceViaApi, uploadItem, uniqueResidentId, ZHANG_WEI } from './helpers';

test('a lender uploads, finds, filters and opens evidence; another lender cannot see it', async ({ page, browser }, testInfo) => {
  const stamp = Date.now();
  const contract = { name: `contract-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`借款合同 ${stamp}`) };
  const notice = { name: `notice-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`催收通知 ${stamp}`) };
  await uploadAndWaitAnchored(page, [contract, notice], {
    describe: (file) =>
      file === contract
        ? { title: `借款合同 ${stamp}`, type: 'loan_contract', loanReference: `L-${stamp}`, ...ZHANG_WEI }
        : { title: `催收通知 ${stamp}`, type: 'notice', loanReference: `L-${stamp}`, borrowerName: '李娜', borrowerPhone: '+8613800000002' },
  });

  await page.goto(`/lender?q=${stamp}`);
  const rows = page.getByTestId('evidence-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('[data-status="anchored"]')).toHaveCount(2);

  // The filter form is a GET form: the filters land in the URL.
  await page.locator('select[name="type"]').selectOption('notice');
  await page.getByRole('search').getByRole('button').click();
  await expect(page).toHaveURL(/type=notice/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`催收通知 ${stamp}`);

  await page.goto(`/lender?q=${stamp}&borrower=${encodeURIComponent('张伟')}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`借款合同 ${stamp}`);
  await expect(page.locator('input[name="borrower"]')).toHaveValue('张伟');

  await rows.first().getByRole('link', { name: `借款合同 ${stamp}` }).click();
  await expect(page).toHaveURL(/\/lender\/evidence\/[0-9a-f-]{36}$/);
  const detailUrl = page.url();
  const evidenceId = detailUrl.split('/').pop()!;
  await expect(page.getByTestId('timeline-anchored')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('block-number')).toHaveText(/^\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`借款合同 ${stamp}`);
  // Provenance: how it arrived, recorded when it did.
  await expect(page.getByTestId('provenance-channel')).toHaveText('Portal upload');
  await expect(page.getByTestId('provenance-submitted-by')).toHaveText(/Chen Xiao.*<lender-a@evident\.demo>/);
  await expect(page.getByTestId('provenance-client-address')).toHaveText(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);

  const download = page.waitForEvent('download');
  await page.getByTestId('download-certificate-json').click();
  const certificatePath = testInfo.outputPath('certificate.json');
  await (await download).saveAs(certificatePath);
  const certificate = JSON.parse(await readFile(certificatePath, 'utf8'));
  expect(certificate.evidence.id).toBe(evidenceId);
  await page.reload();
  await expect(page.getByTestId('timeline-certificate')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('timeline-certificate')).toContainText(certificate.serial);

  // The case form tells borrowers apart by a masked identifier, never the whole ID number.
  await page.goto('/lender/cases/new');
  const borrowerOptions = page.locator('select[name="borrowerId"] option');
  await expect(borrowerOptions.filter({ hasText: '张伟 Zhang Wei · 4401**********451X' })).toHaveCount(1);
  await expect(borrowerOptions.filter({ hasText: ZHANG_WEI.borrowerIdNumber })).toHaveCount(0);

  const other = await browser.newContext();
  const lenderB = await other.newPage();
  await signIn(lenderB, 'lenderB');
  await lenderB.goto(detailUrl);
  await expect(lenderB.locator('[data-status-page="404"]')).toBeVisible();
  expect((await lenderB.request.get(`/api/v1/evidence/${evidenceId}`)).status()).toBe(404);
  expect((await lenderB.request.get(`/api/v1/evidence/${evidenceId}/certificate`)).status()).toBe(404);
  await lenderB.goto(`/lender?q=${stamp}`);
  await expect(lenderB.getByTestId('evidence-row')).toHaveCount(0);
  await other.close();
});

test('the evidence page shows an API record’s provenance: the key by name, its Idempotency-Key and the source the system stated', async ({ page }) => {
  const key = createKeyFor('粤信银行 Yuexin Bank (Demo Lender A)', `核心系统 export ${Date.now()}`);
  const idempotencyKey = `prov-${randomUUID()}`;
  const source = { system: '核心贷款系统 Core Loan System', exportJobId: 'EXP-0042', generatedAt: '2026-03-01T09:30:00+08:00', note: '夜间导出' };
  const response = await page.request.post('/api/v1/evidence/records', {
    headers: { ...key.headers, 'idempotency-key': idempotencyKey },
    data: [{ type: 'repayment_record', loanReference: `L-${idempotencyKey}`, data: { instalment: 1, amount: '1520.00' }, source }],
  });
  expect(response.status()).toBe(201);
  const [item] = (await response.json()).items as Array<{ id: string }>;

  await openSignedIn(page, 'lenderA', `/lender/evidence/${item.id}`);
  await expect(page.getByTestId('provenance-channel')).toHaveText("API (lender's system)");
  await expect(page.getByTestId('provenance-submitted-by')).toHaveText(new RegExp(`核心系统 export .*\\(api-key:${key.prefix}\\)`));
  await expect(page.getByTestId('provenance-idempotency-key')).toHaveText(idempotencyKey);
  await expect(page.getByTestId('provenance-source-system')).toHaveText(source.system);
  await expect(page.getByTestId('provenance-source-exportJobId')).toHaveText(source.exportJobId);
  await expect(page.getByTestId('provenance-source-generatedAt')).toContainText(source.generatedAt);
  await expect(page.getByTestId('provenance-source-note')).toHaveText(source.note);

  // A source the spec does not allow is refused whole, naming the field.
  const refused = await page.request.post('/api/v1/evidence/records', {
    headers: key.headers,
    data: [{ type: 'repayment_record', data: { instalment: 2 }, source: { system: 'x', generatedAt: 'yesterday' } }],
  });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain('source.generatedAt');
});

test('the upload form shows the server’s field errors beside the fields', async ({ page }) => {
  await openUploadForm(page);
  const file = { name: `incomplete-${Date.now()}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`incomplete ${Date.now()}`) };
  await page.getByTestId('file-input').setInputFiles([file]);
  const item = uploadItem(page, file);
  await describeUpload(item, { title: '', borrowerName: '张伟', borrowerPhone: 'call me' });
  await page.getByTestId('upload-all').click();
  for (const field of ['title', 'type', 'borrowerPhone']) await expect(item.getByTestId(`error-${field}`)).toBeVisible();
  await expect(item.locator('input[name="borrowerPhone"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(item.locator('[data-status="failed"]')).toBeVisible();

  await describeUpload(item, { title: '补充材料', type: 'other', borrowerPhone: '+8613800000001' });
  await expect(item.getByTestId('error-borrowerPhone')).toHaveCount(0);
  await page.getByTestId('upload-all').click();
  await expect(item.getByTestId('details-link')).toBeVisible();
});

test('naming a second borrower of a known name asks in a dialog first; a post without it is refused', async ({ page }) => {
  const run = randomUUID().slice(0, 6);
  const name = `王芳 ${run}`;
  const first = uniqueResidentId();
  const second = uniqueResidentId();
  await openUploadForm(page);
  await uploadEvidenceViaApi(page, { title: `借款合同 ${run}`, content: Buffer.from(`first ${run}`), borrower: { name, idNumber: first.idNumber } });

  // Without the dialog (a script, or a page without JavaScript) the server refuses, creating nothing.
  const content = Buffer.from(`second ${run}`);
  const refused = await page.request.post('/api/v1/evidence/files', {
    headers: { origin: E2E_BASE_URL },
    multipart: {
      title: `还款记录 ${run}`,
      type: 'repayment_record',
      borrowerName: name,
      borrowerIdNumber: second.idNumber,
      file: { name: 'second.txt', mimeType: 'text/plain', buffer: content },
    },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({ code: 'same-name-borrower', existingBorrowers: [{ identifierHint: first.hint }] });

  const file = { name: `second-${run}.txt`, mimeType: 'text/plain', buffer: content };
  await page.getByTestId('file-input').setInputFiles([file]);
  const item = uploadItem(page, file);
  await describeUpload(item, { title: `还款记录 ${run}`, type: 'repayment_record', borrowerName: name, borrowerIdNumber: second.idNumber });
  await page.getByTestId('upload-all').click();
  const dialog = page.getByRole('dialog', { name: 'Create another borrower of the same name?' });
  await expect(dialog).toContainText('A mistyped ID number would create a second borrower.');
  await expect(dialog.getByTestId('same-name-borrowers')).toHaveText(`${name} · ${first.hint}`);
  await expect(dialog).not.toContainText(first.idNumber);
  // Going back to check leaves the file unsent and editable.
  await dialog.getByRole('button', { name: 'Check the details' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(item.locator('input[name="borrowerIdNumber"]')).toBeEditable();
  await expect(item.getByTestId('details-link')).toHaveCount(0);

  await page.getByTestId('upload-all').click();
  await dialog.getByRole('button', { name: 'Create another borrower' }).click();
  await expect(item.getByTestId('details-link')).toBeVisible();
  await expect(item.getByTestId('upload-error')).toHaveCount(0);

  // The list and the item's page tell the two apart by their masked identifiers, newest first.
  await page.goto(`/lender?borrower=${encodeURIComponent(name)}`);
  const rows = page.getByTestId('evidence-row');
  await expect(rows.getByTestId('borrower-identifier-hint')).toHaveText([second.hint, first.hint]);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/lender\/evidence\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('borrower-label')).toHaveText(`${name}${second.hint}`);
  expect(await page.content()).not.toContain(second.idNumber);
});

test('staff of other organizations get the 403 page in the lender portal', async ({ page }) => {
  await signIn(page, 'regulator');
  await page.goto('/lender');
  await expect(page.locator('[data-status-page="403"]')).toBeVisible();
});
