// The arbitration journey: lender A notarizes evidence naming borrower 1 and files a case through the
// form; the arbitrator reviews it, runs Verify all against the chain, downloads the report and an
// original (hash re-checked), and marks the case verified; lender B cannot even see the case.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './accounts';
import { selectBorrower, uploadEvidenceViaApi, waitAnchoredViaApi } from './helpers';
import { E2E_DATA_DIR } from '../playwright.config';

const BORROWER = { name: '张伟 Zhang Wei', idNumber: '44010419900307451X' };

function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

test('a lender files a case, the arbitrator verifies it against the chain, another lender cannot see it', async ({ browser }) => {
  const run = randomUUID().slice(0, 8);
  const lender = await browser.newPage();
  await signIn(lender, 'lenderA');
  const contents = [Buffer.from(`借款合同 loan contract ${run}`), Buffer.from(`还款记录 repayments ${run}`)];
  const titles = [`Loan contract ${run}`, `Repayment record ${run}`];
  const ids = [
    await uploadEvidenceViaApi(lender, { title: titles[0], content: contents[0], borrower: BORROWER }),
    await uploadEvidenceViaApi(lender, { title: titles[1], content: contents[1], borrower: BORROWER }),
  ];
  for (const id of ids) await waitAnchoredViaApi(lender, id);

  // Filing through the form: a missing title is refused with its field error, then fixed.
  await lender.goto('/lender/cases/new');
  await lender.locator('select[name="commissionOrganizationId"]').selectOption({ label: '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission' });
  await selectBorrower(lender, BORROWER.name);
  for (const id of ids) await lender.locator(`input[name="evidenceIds"][value="${id}"]`).check();
  await lender.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(lender.locator('[data-field-error="title"]')).toBeVisible();
  await lender.locator('input[name="title"]').fill(`借款合同纠纷 Loan dispute ${run}`);
  await lender.locator('textarea[name="claimSummary"]').fill('Repayment of CNY 18,240.00 overdue since March 2026.');
  await selectBorrower(lender, BORROWER.name);
  for (const id of ids) await lender.locator(`input[name="evidenceIds"][value="${id}"]`).check();
  await lender.locator('[data-testid="file-case-form"] button[type="submit"]').click();
  await expect(lender).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);
  const caseUrlPath = new URL(lender.url()).pathname;
  const caseId = caseUrlPath.split('/').pop()!;
  const caseNumber = (await lender.getByTestId('case-number').textContent())!.trim();
  expect(caseNumber).toMatch(/^EVC-\d{4}-\d{6}$/);
  await lender.goto('/lender/cases');
  await expect(lender.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`)).toBeVisible();
  // Two borrowers of one name are told apart by the masked identifier; the whole ID number shows nowhere.
  await expect(lender.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`).getByTestId('borrower-identifier-hint')).toHaveText('4401**********451X');

  // The arbitrator reviews and verifies.
  const arbitrator = await browser.newPage();
  await signIn(arbitrator, 'arbitrator');
  await arbitrator.goto(`/arbitration?q=${encodeURIComponent(caseNumber)}`);
  await arbitrator.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"] a`).click();
  await expect(arbitrator).toHaveURL(new RegExp(`/arbitration/cases/${caseId}$`));
  await expect(arbitrator.getByTestId('package-item')).toHaveCount(2);
  await expect(arbitrator.getByTestId('borrower-label')).toHaveText(`${BORROWER.name}4401**********451X`);
  expect(await arbitrator.content()).not.toContain(BORROWER.idNumber);

  await arbitrator.getByTestId('advance-under_review').click();
  await expect(arbitrator.locator('[data-case-status="under_review"]')).toBeVisible();

  await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
  await expect(arbitrator.locator('[data-testid="item-result"][data-passed="true"]')).toHaveCount(2);
  await expect(arbitrator.locator('[data-check="chain-anchor"][data-check-status="pass"]')).toHaveCount(2);
  await expect(arbitrator.locator('[data-check="file-hash"][data-check-status="pass"]')).toHaveCount(2);
  // Each item: its certificate serial, block and anchoring time; its checks folded into one line
  // that opens on a click.
  for (const id of ids) {
    const item = arbitrator.locator(`[data-testid="package-item"][data-evidence-id="${id}"]`);
    await expect(item.getByTestId('item-certificate-serial')).toHaveText(/^EVD(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    await expect(item.getByTestId('item-block-number')).toHaveText(/^\d+$/);
    await expect(item.getByTestId('item-anchored-at')).toHaveText(/\d{2}:\d{2}:\d{2}/);
    const checks = item.getByTestId('item-checks');
    const total = await checks.locator('[data-check]').count();
    expect(total).toBeGreaterThanOrEqual(7);
    await expect(checks.locator('summary')).toHaveText(`${total} of ${total} checks passed`);
    await expect(checks.locator('[data-check="chain-anchor"]')).toBeHidden();
    await checks.locator('summary').click();
    await expect(checks.locator('[data-check="chain-anchor"]')).toBeVisible();
  }
  // The same result, article by article: Art. 16's technical check holds; Art. 18 is not software's to check.
  const legal = arbitrator.getByTestId('legal-review');
  await expect(legal.locator('[data-point="online-rules-16"]')).toHaveAttribute('data-result', 'supported');
  await expect(legal.locator('[data-point="online-rules-18"]')).toHaveAttribute('data-result', 'outside-software');
  await expect(legal.locator('[data-point="internet-courts-11"]')).toContainText(/trusted timestamp|可信时间戳/i);

  const reportDownload = arbitrator.waitForEvent('download');
  await arbitrator.getByTestId('report-csv').first().click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toMatch(new RegExp(`^${caseNumber}-verification-.*\\.csv$`));
  const csv = await readFile((await report.path())!, 'utf8');
  expect(csv).toContain('chain-anchor,pass');
  expect(csv).not.toContain(',fail,');
  const pdfHref = (await arbitrator.getByTestId('report-pdf').first().getAttribute('href'))!;
  const pdf = await arbitrator.request.get(pdfHref);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const originalDownload = arbitrator.waitForEvent('download');
  await arbitrator.locator(`[data-testid="package-item"][data-evidence-id="${ids[0]}"] [data-testid="download-original"]`).click();
  const original = await originalDownload;
  expect(await readFile((await original.path())!)).toEqual(contents[0]);
  const head = await arbitrator.request.get(`/api/v1/evidence/${ids[0]}/file`);
  expect(head.headers()['x-content-type-options']).toBe('nosniff');
  expect(head.headers()['content-security-policy']).toContain('sandbox');
  expect(head.headers()['x-evident-sha256']).toBe('0x' + createHash('sha256').update(contents[0]).digest('hex'));

  await arbitrator.getByTestId('advance-verified').click();
  await expect(arbitrator.locator('[data-case-status="verified"]')).toBeVisible();

  // The lender sees the result, read-only.
  await lender.goto(caseUrlPath);
  await expect(lender.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
  await expect(lender.locator('[data-case-status="verified"]')).toBeVisible();

  // Someone edits a stored original on disk: the download is refused with 409, the case page names
  // the item in a red banner, and a new Verify all fails it on the file-hash check.
  const altered = path.join(E2E_DATA_DIR, 'storage', 'sha256', sha256Hex(contents[1]).slice(0, 2), sha256Hex(contents[1]));
  await writeFile(altered, 'edited after notarization');
  const refused = await arbitrator.request.get(`/api/v1/evidence/${ids[1]}/file`);
  expect(refused.status()).toBe(409);
  expect(refused.headers()['content-type']).toContain('application/problem+json');
  expect(await refused.json()).toMatchObject({ code: 'stored-file-hash-mismatch', evidenceId: ids[1] });
  await arbitrator.reload();
  await expect(arbitrator.getByTestId('stored-file-mismatch')).toContainText(titles[1]);
  await arbitrator.getByRole('button', { name: /Verify all|全部核验/ }).click();
  await expect(arbitrator.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'false');
  await expect(arbitrator.getByTestId('legal-review').locator('[data-point="online-rules-16"]')).toHaveAttribute('data-result', 'not-supported');
  await expect(
    arbitrator.locator(`[data-testid="package-item"][data-evidence-id="${ids[1]}"] [data-check="file-hash"][data-check-status="fail"]`),
  ).toBeVisible();
  await writeFile(altered, contents[1]);

  // Lender B: the case and its files do not exist for them; the arbitrator is not a lender.
  const other = await browser.newPage();
  await signIn(other, 'lenderB');
  const response = await other.goto(caseUrlPath);
  expect(response?.status()).toBe(404);
  expect((await other.request.get(`/api/v1/evidence/${ids[0]}/file`)).status()).toBe(404);
  const forbiddenPage = await other.goto(`/arbitration/cases/${caseId}`);
  expect(forbiddenPage?.status()).toBe(403);
  const anonymous = await browser.newPage();
  expect((await anonymous.request.get(`/api/v1/evidence/${ids[0]}/file`)).status()).toBe(401);
});
