// The user journey of the spine: a lender signs in, uploads two files, watches them get anchored,
// downloads a certificate, and verifies it in /verify with the original file (valid) and a modified one (the
// file-hash check fails).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { describeUpload, openUploadForm, uploadItem, ZHANG_WEI } from './helpers';

test('a lender notarizes two files and an arbitrator verifies the certificate', async ({ page }, testInfo) => {
  const stamp = Date.now();
  const contract = { name: `loan-contract-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`借款合同 Loan contract ${stamp}`) };
  const notice = { name: `notice-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`催收通知 Notice ${stamp}`) };

  await openUploadForm(page);
  await page.getByTestId('file-input').setInputFiles([contract, notice]);
  const contractItem = uploadItem(page, contract);
  const noticeItem = uploadItem(page, notice);
  await describeUpload(contractItem, { type: 'loan_contract', loanReference: `L-${stamp}`, ...ZHANG_WEI });
  await describeUpload(noticeItem, { type: 'notice', loanReference: `L-${stamp}`, ...ZHANG_WEI });
  await page.getByTestId('upload-all').click();

  const expectedHash = '0x' + createHash('sha256').update(contract.buffer).digest('hex');
  await expect(contractItem.getByTestId('sha256')).toHaveText(expectedHash);
  await expect(contractItem.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  // The page polls; no reload.
  await expect(contractItem.locator('[data-status="anchored"]')).toBeVisible({ timeout: 60_000 });
  await expect(noticeItem.locator('[data-status="anchored"]')).toBeVisible({ timeout: 60_000 });

  const downloadPromise = page.waitForEvent('download');
  await contractItem.getByTestId('certificate-json-link').click();
  const download = await downloadPromise;
  const certificatePath = testInfo.outputPath('certificate.json');
  await download.saveAs(certificatePath);
  const certificate = JSON.parse(await readFile(certificatePath, 'utf8'));
  expect(certificate.evidence.sha256).toBe(expectedHash);
  expect(certificate.evidence.fileName).toBe(contract.name);

  const originalPath = testInfo.outputPath(contract.name);
  await writeFile(originalPath, contract.buffer);
  await page.goto('/verify');
  await page.getByLabel(/^(Certificate|证书)/).setInputFiles(certificatePath);
  await page.getByLabel(/^(Original file|原始文件)/).setInputFiles(originalPath);
  await page.getByRole('button', { name: /Verify/ }).click();
  const report = page.getByTestId('verification-report');
  await expect(report).toHaveAttribute('data-valid', 'true');
  for (const check of ['certificate-format', 'file-hash', 'leaf', 'inclusion-proof', 'chain-anchor', 'signature', 'revocation']) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-status', 'pass');
  }
  await expect(page.getByTestId('check-chain-anchor')).toContainText(certificate.anchor.blockNumber);

  const modifiedPath = testInfo.outputPath(`modified-${contract.name}`);
  await writeFile(modifiedPath, Buffer.concat([contract.buffer, Buffer.from(' ')]));
  await page.getByLabel(/^(Original file|原始文件)/).setInputFiles(modifiedPath);
  await page.getByRole('button', { name: /Verify/ }).click();
  await expect(report).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('check-file-hash')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('check-file-hash')).toContainText('does not match');
  await expect(page.getByTestId('check-chain-anchor')).toHaveAttribute('data-status', 'pass');
});

test('a certificate with a broken field is rejected with the field named', async ({ page }, testInfo) => {
  const badPath = testInfo.outputPath('bad-certificate.json');
  await writeFile(badPath, JSON.stringify({ format: 'evident.certificate', version: 1, evidence: { sha256: 'nothex' } }));
  await page.goto('/verify');
  await page.getByLabel(/^(Certificate|证书)/).setInputFiles(badPath);
  await page.getByRole('button', { name: /Verify/ }).click();
  await expect(page.getByTestId('verification-report')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('check-certificate-format')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('check-certificate-format')).toContainText('evidence.');
});

test('files dropped on the upload area are uploaded too', async ({ page }) => {
  await openUploadForm(page);
  const name = `dropped-${Date.now()}.txt`;
  const dataTransfer = await page.evaluateHandle((fileName) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([`dropped evidence ${fileName}`], fileName, { type: 'text/plain' }));
    return transfer;
  }, name);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  const item = page.locator(`[data-testid="upload-item"][data-file-name="${name}"]`);
  await describeUpload(item, { type: 'other', ...ZHANG_WEI });
  await page.getByTestId('upload-all').click();
  await expect(item.getByTestId('sha256')).toHaveText(/^0x[0-9a-f]{64}$/);
  await expect(item.locator('[data-status="anchored"]')).toBeVisible({ timeout: 60_000 });
});
