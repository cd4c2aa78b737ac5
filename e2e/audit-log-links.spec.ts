// The regulator reads an entry's details in the audit table itself (not only in the CSV), and its
// target links to every entry about the same item.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openSignedIn, uploadEvidenceViaApi, ZHANG_WEI } from './helpers';

test('audit entries show their details and link to the entries about their item', async ({ page, browser }) => {
  const run = randomUUID().slice(0, 8);
  const content = Buffer.from(`audit links ${run}`);
  await openSignedIn(page, 'lenderA', '/lender');
  const title = `借款合同 审计 ${run}`;
  const evidenceId = await uploadEvidenceViaApi(page, { title, content, borrower: { name: ZHANG_WEI.borrowerName, idNumber: ZHANG_WEI.borrowerIdNumber } });
  // A second entry about the same item: its original downloaded.
  expect((await page.request.get(`/api/v1/evidence/${evidenceId}/file`)).status()).toBe(200);

  const regulator = await (await browser.newContext()).newPage();
  await openSignedIn(regulator, 'regulator', '/audit?action=evidence.upload');
  const row = regulator.locator('[data-action="evidence.upload"]').filter({ has: regulator.getByRole('link', { name: evidenceId }) });
  await expect(row).toHaveCount(1);
  const details = row.getByTestId('audit-details');
  await expect(details).toContainText(`sha256${'0x' + createHash('sha256').update(content).digest('hex')}`);
  await expect(details).toContainText(`fileName${title}.txt`);

  await row.getByTestId('audit-target-link').click();
  await expect(regulator).toHaveURL(new RegExp(`targetType=evidence&targetId=${evidenceId}`));
  await expect(regulator.getByTestId('audit-target-filter')).toContainText(evidenceId);
  // Both entries about the item, and nothing else (the action filter was left behind with the click).
  const rows = regulator.getByTestId('audit-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(regulator.locator('[data-action="evidence.upload"]')).toHaveCount(1);
  await expect(regulator.locator('[data-action="evidence.download"]')).toHaveCount(1);
});
