// A bank clerk finds evidence by the borrower's ID number (posted, so the number never lands in the
// address bar) and by the start of a SHA-256, is told when a prefix is too short, and exports the
// filtered list as CSV: the same rows, identifiers masked.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openSignedIn, uniqueResidentId, uploadEvidenceViaApi } from './helpers';

test('a lender searches by borrower ID number and SHA-256 prefix and exports the filtered list as CSV', async ({ page }) => {
  const run = randomUUID().slice(0, 8);
  const name = `孙三 ${run}`;
  // Fresh ID numbers: a fixed one would match the borrower an earlier run created under its own name.
  const { idNumber: ID_NUMBER, hint } = uniqueResidentId();
  await openSignedIn(page, 'lenderA', '/lender');
  const content = Buffer.from(`sun ${run}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const mine = await uploadEvidenceViaApi(page, { title: `借款合同 ${run}`, content, borrower: { name, idNumber: ID_NUMBER } });
  await uploadEvidenceViaApi(page, { title: `另一份 ${run}`, content: Buffer.from(`other ${run}`), borrower: { name: `李四 ${run}`, idNumber: uniqueResidentId().idNumber } });

  await page.goto('/lender');
  await page.getByRole('textbox', { name: "Borrower's ID number" }).fill(`${ID_NUMBER.slice(0, 6)} ${ID_NUMBER.slice(6)}`);
  await page.getByTestId('id-number-search').click();
  await expect(page).toHaveURL(/borrowerId=[0-9a-f-]{36}/);
  expect(page.url()).not.toContain(ID_NUMBER.slice(6, 14));
  await expect(page.getByTestId('borrower-id-filter')).toContainText(`${name}${hint}`);
  await expect(page.getByTestId('evidence-row')).toHaveCount(1);
  await expect(page.locator(`[data-testid="evidence-row"][data-evidence-id="${mine}"]`)).toBeVisible();
  expect(await page.content()).not.toContain(ID_NUMBER);

  // An ID number no borrower of the organization has: said so, nothing listed.
  await page.getByRole('textbox', { name: "Borrower's ID number" }).fill(uniqueResidentId().idNumber);
  await page.getByTestId('id-number-search').click();
  await expect(page.getByTestId('id-number-search-result')).toHaveText("None of your organization's evidence or cases names a borrower with that ID number.");
  await expect(page.getByTestId('evidence-row')).toHaveCount(0);

  // By SHA-256 prefix: 7 digits are refused with a message, 8 find the item.
  await page.goto(`/lender?sha256=${sha256.slice(0, 7)}`);
  await expect(page.getByTestId('sha256-invalid')).toHaveText('Give the start of the SHA-256 as 8 to 64 hex digits (0–9, a–f), with or without 0x.');
  await expect(page.getByTestId('evidence-export')).toHaveCount(0);
  await page.locator('input[name="sha256"]').fill(`0x${sha256.slice(0, 8).toUpperCase()}`);
  await page.getByRole('search').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('evidence-row')).toHaveCount(1);
  await expect(page.locator(`[data-testid="evidence-row"][data-evidence-id="${mine}"]`)).toBeVisible();

  // The export holds the rows the page shows.
  await page.goto(`/lender?q=${run}`);
  await expect(page.getByTestId('evidence-row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByTestId('evidence-export').click();
  const file = await (await download).path();
  const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`另一份 ${run}`);
  expect(lines[2]).toContain(`,${name},${hint},0x${sha256},`);
  expect(csv).not.toContain(ID_NUMBER);
});
