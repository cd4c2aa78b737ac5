// A clerk uploads a file the bank already notarized: the upload goes through, and the result says
// the content was notarized before, linking to the earlier item.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { describeUpload, openUploadForm, uploadItem, uploadEvidenceViaApi, ZHANG_WEI } from './helpers';

test('uploading content the organization already notarized shows a notice linking to the earlier item', async ({ page }) => {
  const run = randomUUID().slice(0, 8);
  const content = Buffer.from(`借款合同 duplicate ${run}`);
  await openUploadForm(page);
  const earlier = await uploadEvidenceViaApi(page, { title: `借款合同 原件 ${run}`, content, borrower: { name: ZHANG_WEI.borrowerName, idNumber: ZHANG_WEI.borrowerIdNumber } });

  const file = { name: `copy-${run}.txt`, mimeType: 'text/plain', buffer: content };
  await page.getByTestId('file-input').setInputFiles([file]);
  const item = uploadItem(page, file);
  await describeUpload(item, { title: `借款合同 再次 ${run}`, type: 'loan_contract', ...ZHANG_WEI });
  await page.getByTestId('upload-all').click();
  await expect(item.getByTestId('details-link')).toBeVisible();
  const notice = item.getByTestId('duplicate-notice');
  await expect(notice).toHaveText(
    `This content (the same SHA-256) was already notarized by your organization; this upload is recorded as well. The earlier item: 借款合同 原件 ${run}`,
  );
  await notice.getByTestId('duplicate-link').click();
  await expect(page).toHaveURL(new RegExp(`/lender/evidence/${earlier}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`借款合同 原件 ${run}`);

  // Different content: no notice.
  await openUploadForm(page);
  const fresh = { name: `fresh-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`fresh ${run}`) };
  await page.getByTestId('file-input').setInputFiles([fresh]);
  await describeUpload(uploadItem(page, fresh), { type: 'loan_contract', ...ZHANG_WEI });
  await page.getByTestId('upload-all').click();
  await expect(uploadItem(page, fresh).getByTestId('details-link')).toBeVisible();
  await expect(uploadItem(page, fresh).getByTestId('duplicate-notice')).toHaveCount(0);
});
