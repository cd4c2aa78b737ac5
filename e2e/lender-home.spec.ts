// The lender's home page opens on what needs attention: items waiting for the chain, items
// notarized and open cases, each a link to the list it counts, and the latest cases.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openSignedIn, uploadEvidenceViaApi, waitAnchoredViaApi, ZHANG_WEI } from './helpers';

test('the lender home page shows what needs attention, and each count matches the list it links to', async ({ page }) => {
  const run = randomUUID().slice(0, 8);
  await openSignedIn(page, 'lenderA', '/lender');
  const id = await uploadEvidenceViaApi(page, { title: `借款合同 首页 ${run}`, content: Buffer.from(`home ${run}`), borrower: { name: ZHANG_WEI.borrowerName, idNumber: ZHANG_WEI.borrowerIdNumber } });
  await waitAnchoredViaApi(page, id);

  await page.goto('/lender');
  const overview = page.getByTestId('lender-overview');
  await expect(overview.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
  const anchored = Number(await overview.getByTestId('overview-anchored').locator('span').first().textContent());
  expect(anchored).toBeGreaterThanOrEqual(1);
  await overview.getByTestId('overview-anchored').click();
  await expect(page).toHaveURL(/\/lender\?status=anchored$/);
  await expect(page.getByTestId('result-count')).toContainText(String(anchored));
  // A filtered list keeps the list in front: no overview.
  await expect(page.getByTestId('lender-overview')).toHaveCount(0);

  await page.goto('/lender');
  await expect(overview.getByRole('heading', { name: 'Recent cases' })).toBeVisible();
  await overview.getByTestId('overview-open-cases').click();
  await expect(page).toHaveURL(/\/lender\/cases$/);
});
