// On a 390×844 phone: /verify with a result, the borrower portal and a case that names the borrower
// fit the screen (no sideways scrolling) and every download link is visible.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn } from './accounts';
import { fileCaseViaForm, openSignedIn, uploadEvidenceViaApi, waitAnchoredViaApi, ZHANG_WEI } from './helpers';

const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';

test.use({ viewport: { width: 390, height: 844 } });

async function scrollWidth(page: import('@playwright/test').Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test('/verify with a result does not overflow sideways', async ({ page }) => {
  await page.goto('/verify');
  // A certificate whose checks print long hashes in their messages and details.
  await page.locator('input[type="file"]').first().setInputFiles('docs/vectors/fail.inclusion-proof.root-altered.certificate.json');
  await page.getByTestId('verify-button').click();
  await expect(page.getByTestId('verification-report')).toBeVisible({ timeout: 30_000 });
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
});

test('the borrower portal fits the phone and shows every download link', async ({ page }) => {
  await signIn(page, 'borrower1');
  await page.goto('/borrower');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  const links = page.locator('a[href*="/receipt"], a[href*="/certificate"]');
  for (let i = 0; i < (await links.count()); i++) {
    await links.nth(i).scrollIntoViewIfNeeded();
    await expect(links.nth(i)).toBeInViewport();
  }
});

test('a case that names the borrower reads on the phone: no sideways scrolling, receipts and the copy check in view', async ({ browser, page }) => {
  test.setTimeout(120_000);
  // Lender A files a case against 张伟 (borrower 1) with one anchored item.
  const lender = await (await browser.newContext()).newPage();
  await openSignedIn(lender, 'lenderA', '/lender');
  const run = randomUUID().slice(0, 8);
  const content = Buffer.from(`还款记录 ${run}`);
  const evidenceId = await uploadEvidenceViaApi(lender, { title: `还款记录 ${run}`, content, borrower: { name: '张伟 Zhang Wei', idNumber: ZHANG_WEI.borrowerIdNumber }, type: 'repayment_record' });
  await waitAnchoredViaApi(lender, evidenceId);
  const caseId = await fileCaseViaForm(lender, { commission: COMMISSION, borrowerName: '张伟 Zhang Wei', title: `手机查看 ${run}`, evidenceIds: [evidenceId] });
  await lender.context().close();

  await signIn(page, 'borrower1');
  await page.goto(`/borrower/cases/${caseId}`);
  const item = page.locator(`[data-testid="case-evidence-item"][data-evidence-id="${evidenceId}"]`);
  await expect(item).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  for (const link of [item.getByTestId('download-receipt'), item.getByTestId('download-certificate'), item.getByRole('button', { name: /Check my copy|核对我手中的/ })]) {
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeInViewport();
  }
  await item.getByTestId('check-my-copy-input').setInputFiles({ name: 'mine.txt', mimeType: 'text/plain', buffer: content });
  await expect(item.getByTestId('check-my-copy-result')).toHaveAttribute('data-matches', 'true');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
});
