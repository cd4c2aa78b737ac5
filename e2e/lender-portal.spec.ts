// The lender portal: lender A uploads two described files, finds them anchored in the list, filters
// by type and by borrower, opens one and downloads its certificate; lender B gets the 404 page and
// a 404 from the API for the same item, and the form shows the server's field errors in place.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './accounts';
import { describeUpload, openUploadForm, uploadAndWaitAnchored, uploadItem, ZHANG_WEI } from './helpers';

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

  const download = page.waitForEvent('download');
  await page.getByTestId('download-certificate-json').click();
  const certificatePath = testInfo.outputPath('certificate.json');
  await (await download).saveAs(certificatePath);
  const certificate = JSON.parse(await readFile(certificatePath, 'utf8'));
  expect(certificate.evidence.id).toBe(evidenceId);
  await page.reload();
  await expect(page.getByTestId('timeline-certificate')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('timeline-certificate')).toContainText(certificate.serial);

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

test('staff of other organizations get the 403 page in the lender portal', async ({ page }) => {
  await signIn(page, 'regulator');
  await page.goto('/lender');
  await expect(page.locator('[data-status-page="403"]')).toBeVisible();
});
