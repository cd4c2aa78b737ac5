// Accessibility: axe-core on every page of the portals, in Chinese and in English, and in the states a
// user reaches on them (a file added to the upload form, a spreadsheet with a bad row on it, a verification result on /verify, an
// unreadable certificate, a case after Verify all, each open dialog: the revoke-key confirmation and
// the same-name borrower question): no serious and no critical violation. One signed-in page per
// role; the language is switched with the language switch's cookie between visits.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LOCALE_COOKIE, LOCALES, type Locale } from '../lib/i18n/locales';
import { E2E_BASE_URL } from '../playwright.config';
import { openSignedIn, openUploadForm, selectBorrower, uniqueResidentId, uploadEvidenceViaApi, waitAnchoredViaApi, ZHANG_WEI } from './helpers';

const COMMISSION = '广州仲裁委员会 (Demo) Guangzhou Arbitration Commission';

/** What the later tests need from the lender's: an anchored item of 张伟 and the case filed with it. */
const shared: { evidenceId?: string; caseId?: string; certificatePath?: string } = {};

async function useLanguage(page: Page, locale: Locale): Promise<void> {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: E2E_BASE_URL }]);
}

/** Runs axe on the page as it is now and fails with every serious or critical violation, named by
 * rule, help text and the elements it found. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = blocking.map(
    (violation) => `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`,
  );
  // Soft: one run names every page's violations, not only the first page's.
  expect.soft(described, `${what} (${await page.locator('html').getAttribute('lang')})`).toEqual([]);
}

/** Opens the path in the language and checks it once it has rendered in that language. */
async function visit(page: Page, locale: Locale, path: string): Promise<void> {
  await useLanguage(page, locale);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, path);
}

test('public pages: sign-in, start, verify (and an unreadable certificate on it), API docs, not found', async ({ page }, testInfo) => {
  for (const locale of LOCALES) {
    for (const path of ['/sign-in', '/', '/verify', '/api-docs', '/no-such-page']) await visit(page, locale, path);
  }
  // An unreadable certificate: the error alert.
  const notACertificate = testInfo.outputPath('not-a-certificate.txt');
  await writeFile(notACertificate, 'not a certificate');
  for (const locale of LOCALES) {
    await useLanguage(page, locale);
    await page.goto('/verify');
    await page.getByLabel(/^(Certificate|证书)/).setInputFiles(notACertificate);
    await page.getByTestId('verify-button').click();
    await expect(page.getByRole('alert').filter({ hasText: locale === 'en' ? 'Cannot read the certificate: The file is not valid JSON' : '无法读取证书：该文件不是有效的 JSON' })).toBeVisible();
    await expectAccessible(page, '/verify, unreadable certificate');
  }
});

// The arbitrator's and borrower's pages show what the lender's test creates, so these run in order.
test.describe.serial('signed-in portals', () => {
  test('lender pages: evidence list and detail, upload (with a file added), cases, filing, a case, API keys', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const run = randomUUID().slice(0, 8);
    await openSignedIn(page, 'lenderA', '/lender');
    const evidenceId = await uploadEvidenceViaApi(page, {
      title: `借款合同 Loan contract ${run}`,
      content: Buffer.from(`借款合同 accessibility ${run}`),
      borrower: { name: ZHANG_WEI.borrowerName, idNumber: ZHANG_WEI.borrowerIdNumber },
    });
    await waitAnchoredViaApi(page, evidenceId);
    shared.evidenceId = evidenceId;
    shared.certificatePath = testInfo.outputPath('certificate.json');
    const certificate = await page.request.get(`/api/v1/evidence/${evidenceId}/certificate`);
    expect(certificate.status()).toBe(200);
    await writeFile(shared.certificatePath, await certificate.body());

    await page.goto('/lender/cases/new');
    await page.locator('select[name="commissionOrganizationId"]').selectOption({ label: COMMISSION });
    await selectBorrower(page, '张伟 Zhang Wei');
    await page.locator('input[name="title"]').fill(`借款合同纠纷 ${run}`);
    await page.locator(`input[name="evidenceIds"][value="${evidenceId}"]`).check();
    await page.locator('[data-testid="file-case-form"] button[type="submit"]').click();
    await expect(page).toHaveURL(/\/lender\/cases\/[0-9a-f-]{36}$/);
    shared.caseId = page.url().split('/').pop()!;

    // What the dialogs need: a key to revoke, and a borrower whose name a second one will share.
    await page.goto('/lender/api-keys');
    await page.getByTestId('api-key-name').fill(`accessibility ${run}`);
    await page.getByTestId('create-api-key').click();
    await expect(page.getByTestId('new-api-key-notice')).toBeVisible();
    const sameName = `王芳 ${run}`;
    const [first, second] = [uniqueResidentId(), uniqueResidentId()];
    await uploadEvidenceViaApi(page, { title: `借款合同 ${run} 王芳`, content: Buffer.from(`王芳 ${run}`), borrower: { name: sameName, idNumber: first.idNumber } });

    for (const locale of LOCALES) {
      for (const path of ['/lender', `/lender/evidence/${evidenceId}`, '/lender/upload', '/lender/cases', '/lender/cases/new', `/lender/cases/${shared.caseId}`, '/lender/api-keys']) {
        await visit(page, locale, path);
      }
      // The upload form with a file added, before it is sent.
      await useLanguage(page, locale);
      await openUploadForm(page);
      await page.getByTestId('file-input').setInputFiles({ name: `repayments-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`loan,amount\nL-1,100.00\n${run}`) });
      await expect(page.getByTestId('upload-item')).toHaveCount(1);
      await expectAccessible(page, '/lender/upload, a file added');
      // The spreadsheet panel listing a bad row, the row that names no file and the file no row names.
      const sheetPath = testInfo.outputPath(`upload-list-${locale}-${run}.csv`);
      await writeFile(sheetPath, `文件名,标题,证据类型\r\nother-${run}.pdf,合同,借条\r\nmissing-${run}.pdf,合同,借款合同\r\n`);
      await page.getByTestId('spreadsheet-input').setInputFiles(sheetPath);
      await expect(page.getByTestId('spreadsheet-issue')).toHaveCount(1);
      await expectAccessible(page, '/lender/upload, a spreadsheet with a bad row');
      await page.getByTestId('spreadsheet-remove').click();
      // The same-name borrower dialog, open.
      const item = page.getByTestId('upload-item');
      await item.locator('select[name="type"]').selectOption('repayment_record');
      await item.locator('input[name="borrowerName"]').fill(sameName);
      await item.locator('input[name="borrowerIdNumber"]').fill(second.idNumber);
      await page.getByTestId('upload-all').click();
      await expect(page.getByTestId('same-name-borrower-dialog')).toBeVisible();
      await expectAccessible(page, '/lender/upload, the same-name borrower dialog');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('same-name-borrower-dialog')).toHaveCount(0);
      // The revoke-key confirmation, open.
      await page.goto('/lender/api-keys');
      await page.getByTestId('revoke-api-key').first().click();
      await expect(page.getByTestId('revoke-api-key-dialog')).toBeVisible();
      await expectAccessible(page, '/lender/api-keys, the revoke confirmation');
      await page.keyboard.press('Escape');
      // A verification result on /verify.
      await page.goto('/verify');
      await page.getByLabel(/^(Certificate|证书)/).setInputFiles(shared.certificatePath);
      await page.getByTestId('verify-button').click();
      await expect(page.getByTestId('verification-report')).toHaveAttribute('data-valid', 'true');
      await expect(page.getByTestId('check-chain-anchor')).toContainText(locale === 'en' ? 'Anchored by consortium member' : '已由联盟成员');
      await expectAccessible(page, '/verify, a verification result');
    }
  });

  test('arbitration pages: the case list and a case, before and after Verify all', async ({ page }) => {
    expect(shared.caseId, 'the lender test filed a case').toBeDefined();
    await openSignedIn(page, 'arbitrator', '/arbitration');
    for (const locale of LOCALES) {
      for (const path of ['/arbitration', `/arbitration/cases/${shared.caseId}`]) await visit(page, locale, path);
    }
    await page.getByTestId('advance-under_review').click();
    await expect(page.locator('[data-case-status="under_review"]')).toBeVisible();
    await page.getByRole('button', { name: /Verify all|全部核验/ }).click();
    await expect(page.getByTestId('latest-verification')).toHaveAttribute('data-passed', 'true');
    for (const locale of LOCALES) await visit(page, locale, `/arbitration/cases/${shared.caseId}`);
  });

  test('borrower and regulator pages: my evidence, a case, the audit log', async ({ browser }) => {
    const borrower = await (await browser.newContext()).newPage();
    await openSignedIn(borrower, 'borrower1', '/borrower');
    for (const locale of LOCALES) await visit(borrower, locale, '/borrower');
    await expect(borrower.locator(`[data-evidence-id="${shared.evidenceId}"]`)).toBeVisible();
    // The case filed against them, with a copy of the file checked (the result is announced).
    for (const locale of LOCALES) await visit(borrower, locale, `/borrower/cases/${shared.caseId}`);
    const caseItem = borrower.locator(`[data-testid="case-evidence-item"][data-evidence-id="${shared.evidenceId}"]`);
    await caseItem.getByTestId('check-my-copy-input').setInputFiles({ name: 'copy.txt', mimeType: 'text/plain', buffer: Buffer.from('not the file') });
    await expect(caseItem.getByTestId('check-my-copy-result')).toHaveAttribute('data-matches', 'false');
    await expectAccessible(borrower, '/borrower/cases/[id], a copy checked');

    const regulator = await (await browser.newContext()).newPage();
    await openSignedIn(regulator, 'regulator', '/audit');
    for (const locale of LOCALES) {
      await visit(regulator, locale, '/audit');
      await visit(regulator, locale, '/audit?from=2026-13-45');
    }
  });
});
