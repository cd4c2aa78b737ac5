// The three portals in one journey, in real Chromium: lender A uploads a loan contract through the
// form and files a case; the arbitrator opens it, runs Verify all against the chain and downloads the
// report; borrower 张伟 downloads the proof receipt; lender B cannot open lender A's evidence (404);
// the regulator sees the audit trail of it all, and whose batches wait in /api/health (an anonymous
// monitor sees only counts). With CAPTURE_SCREENSHOTS=1 it also writes the README's screenshots to
// docs/screenshots/ (desktop and phone: e2e/capture-screenshots.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './accounts';
import { captureScreenshots } from './capture-screenshots';
import { selectBorrower, uploadAndWaitAnchored, ZHANG_WEI } from './helpers';

const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';
const SEEDED_BORROWER_NAME = '张伟 Zhang Wei';

const capture = captureScreenshots;

test('lender files a case, arbitrator verifies it against the chain, borrower gets a receipt, lender B sees nothing', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const title = `借款合同 Loan contract ${stamp}`;
  const file = { name: `loan-contract-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`个人借款合同 ${stamp}: CNY 50,000, 20% Yuexin Bank / 80% partner banks`) };

  // Lender A: upload through the portal form, then file the case.
  const lender = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const [item] = await uploadAndWaitAnchored(lender, [file], {
    describe: () => ({ title, type: 'loan_contract', loanReference: `L-${stamp}`, ...ZHANG_WEI }),
  });
  await expect(item.locator('[data-status="anchored"]')).toBeVisible();
  await capture(lender, 'lender-upload');
  await lender.goto(`/lender?q=${stamp}`);
  await expect(lender.getByTestId('evidence-row')).toHaveCount(1);
  await capture(lender, 'lender-evidence-list');
  await lender.getByTestId('evidence-row').first().getByRole('link', { name: title }).click();
  await expect(lender.getByTestId('timeline-anchored')).toHaveAttribute('data-done', 'true');
  const evidenceUrl = lender.url();
  const evidenceId = evidenceUrl.split('/').pop()!;
  await capture(lender, 'lender-evidence-detail');

  await lender.goto('/lender/cases/new');
  await lender.locator('select[name="commissionOrganizationId"]').selectOption({ label: COMMISSION });
  await selectBorrower(lender, SEEDED_BORROWER_NAME);
  await lender.locator('input[name="title"]').fill(`借款合同纠纷 ${stamp}`);
  await lender.locator('textarea[name="claimSummary"]').fill('借款人自 2026 年 3 月起逾期未还，请求偿还本金及利息。');
  await lender.locator(`input[name="evidenceIds"][value="${evidenceId}"]`).check();
  await capture(lender, 'lender-file-case');
  await lender.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(lender).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);
  const caseId = lender.url().split('/').pop()!;
  const caseNumber = (await lender.getByTestId('case-number').textContent())!.trim();

  // The arbitrator: the case is in their list; Verify all checks the item against the chain.
  const arbitrator = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(arbitrator, 'arbitrator');
  await arbitrator.goto('/arbitration');
  await expect(arbitrator.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`)).toBeVisible();
  await capture(arbitrator, 'arbitration-cases');
  await arbitrator.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"] a`).click();
  await expect(arbitrator).toHaveURL(new RegExp(`/arbitration/cases/${caseId}$`));
  await arbitrator.getByTestId('advance-under_review').click();
  await expect(arbitrator.locator('[data-case-status="under_review"]')).toBeVisible();
  await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
  await expect(arbitrator.locator('[data-check="chain-anchor"][data-check-status="pass"]')).toHaveCount(1);
  await capture(arbitrator, 'arbitration-case-verified');
  const reportDownload = arbitrator.waitForEvent('download');
  await arbitrator.getByTestId('report-csv').first().click();
  const report = await reportDownload;
  const csv = await readFile((await report.path())!, 'utf8');
  expect(csv).toContain(evidenceId);
  expect(csv).toContain('chain-anchor,pass');

  // Borrower 张伟: sees the item and downloads its proof receipt.
  const borrower = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(borrower, 'borrower1');
  await borrower.goto('/borrower');
  const row = borrower.locator(`[data-evidence-id="${evidenceId}"]`);
  await expect(row).toBeVisible();
  await capture(borrower, 'borrower-portal');
  const [receipt] = await Promise.all([borrower.waitForEvent('download'), row.getByTestId('download-receipt').click()]);
  const receiptPath = testInfo.outputPath('receipt.pdf');
  await receipt.saveAs(receiptPath);
  expect((await readFile(receiptPath)).subarray(0, 5).toString()).toBe('%PDF-');
  // The case that names them, read-only: the commission's check, the item with its receipt, and
  // their own copy of the file checked on the device (the same bytes match; one byte more does not).
  await borrower.getByRole('link', { name: `打开案件 ${caseNumber}` }).click();
  await expect(borrower).toHaveURL(new RegExp(`/borrower/cases/${caseId}$`));
  await expect(borrower.getByTestId('case-number')).toHaveText(caseNumber);
  await expect(borrower.getByTestId('case-checked')).toContainText('1 项中 1 项通过');
  const caseItem = borrower.locator(`[data-testid="case-evidence-item"][data-evidence-id="${evidenceId}"]`);
  await expect(caseItem.getByTestId('download-receipt')).toBeVisible();
  await expect(caseItem.getByTestId('item-sha256')).toHaveText('0x' + createHash('sha256').update(file.buffer).digest('hex'));
  await caseItem.getByTestId('check-my-copy-input').setInputFiles(file);
  await expect(caseItem.getByTestId('check-my-copy-result')).toHaveAttribute('data-matches', 'true');
  await expect(caseItem.getByTestId('check-my-copy-result')).toContainText('就是存证的文件');
  await capture(borrower, 'borrower-case');
  await caseItem.getByTestId('check-my-copy-input').setInputFiles({ ...file, buffer: Buffer.concat([file.buffer, Buffer.from(' ')]) });
  await expect(caseItem.getByTestId('check-my-copy-result')).toHaveAttribute('data-matches', 'false');
  await expect(caseItem.getByTestId('check-my-copy-result')).toContainText('不是存证的文件');

  // Lender B: lender A's evidence does not exist for them.
  const lenderB = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(lenderB, 'lenderB');
  const response = await lenderB.goto(evidenceUrl);
  expect(response?.status()).toBe(404);
  await expect(lenderB.locator('[data-status-page="404"]')).toBeVisible();

  // The regulator: the audit trail shows the case being filed and verified.
  const regulator = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(regulator, 'regulator');
  await regulator.goto('/audit?action=case.verify');
  await expect(regulator.locator('[data-testid="audit-table"] tbody tr').filter({ hasText: caseId }).first()).toBeVisible();
  await capture(regulator, 'regulator-audit');

  // /api/health: a monitor without a session gets the status and the lag; which organizations'
  // batches wait, and why, is for the regulator (and the operator) only.
  const anonymousHealth = await (await browser.newContext()).request.get('/api/health');
  expect(anonymousHealth.status()).toBe(200);
  const anonymousBatcher = (await anonymousHealth.json()).batcher;
  expect(anonymousBatcher).toMatchObject({ waitingBatches: expect.any(Number), unfinishedBatches: expect.any(Object) });
  expect(anonymousBatcher).not.toHaveProperty('waiting');
  expect((await (await regulator.request.get('/api/health')).json()).batcher.waiting).toEqual(expect.any(Array));

  // The portals speak the browser's language (Chinese here) until the switch says otherwise; the
  // choice is remembered across pages.
  await expect(regulator.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await regulator.getByRole('button', { name: 'English' }).click();
  await expect(regulator.locator('html')).toHaveAttribute('lang', 'en');
  await regulator.goto('/audit');
  await expect(regulator.locator('html')).toHaveAttribute('lang', 'en');
  if (process.env.CAPTURE_SCREENSHOTS) {
    await arbitrator.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: new URL(arbitrator.url()).origin }]);
    await arbitrator.reload();
    await capture(arbitrator, 'arbitration-case-verified-en');
  }
});
